#!/usr/bin/env node
// WCAG contrast of every theme in style/main.css: reads the theme blocks' colour variables
// and prints the ratio of each text/background pair and UI component boundary the
// stylesheet uses. Fails (exit 1) below AA: 4.5:1 for text, 3:1 for UI components and
// focus rings; the high-contrast theme's text must reach 7:1 (AAA). Also checks that the
// blocks that follow the OS (prefers-color-scheme / prefers-contrast, no choice made)
// repeat their chosen counterparts exactly.
//   node scripts/contrast.mjs [path/to/main.css]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const cssPath = process.argv[2] || join(here, '..', 'style', 'main.css');
const css = readFileSync(cssPath, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** Blocks whose selector starts with :root, with the @media preludes around them. */
function rootBlocks(text) {
  const blocks = [];
  const stack = [];
  let prelude = '';
  let body = '';
  for (const ch of text) {
    if (ch === '{') {
      stack.push(prelude.trim());
      prelude = '';
      body = '';
    } else if (ch === '}') {
      const sel = stack.pop();
      if (sel !== undefined && sel.startsWith(':root')) {
        const vars = {};
        for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars[m[1]] = m[2].trim();
        blocks.push({ selector: sel, media: stack.join(' '), vars });
      }
      prelude = '';
      body = '';
    } else {
      prelude += ch;
      body += ch;
      if (ch === ';') prelude = '';
    }
  }
  return blocks;
}

function rgb(value, name) {
  let m = /^#([0-9a-f]{3})$/i.exec(value);
  if (m) return [...m[1]].map((c) => parseInt(c + c, 16));
  m = /^#([0-9a-f]{6})$/i.exec(value);
  if (m) return [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16));
  m = /^rgb\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*\)$/i.exec(value);
  if (m) return [m[1], m[2], m[3]].map(Number);
  throw new Error(`${name}: "${value}" is not a colour this script reads (#rgb, #rrggbb, rgb())`);
}

function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function ratio(a, b) {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

// [foreground, background, kind, where]: kind "text" needs 4.5:1, "ui" 3:1.
const PAIRS = [
  ['--text', '--bg', 'text', 'page text'],
  ['--text', '--surface', 'text', 'panel text'],
  ['--text', '--surface-2', 'text', 'pod cards, code, buttons'],
  ['--text', '--cp-bg', 'text', 'control-plane node card'],
  ['--bg', '--text', 'text', 'glossary tooltip (inverted)'],
  ['--muted', '--bg', 'text', 'tagline'],
  ['--muted', '--surface', 'text', 'secondary text, comments in the editor'],
  ['--muted', '--surface-2', 'text', 'line numbers, owner badge'],
  ['--muted', '--cp-bg', 'text', 'control-plane node status'],
  ['--accent-text', '--accent', 'text', 'primary button'],
  ['--ok', '--ok-bg', 'text', 'goal met, right answer'],
  ['--ok', '--surface', 'text', 'applied message'],
  ['--warn', '--warn-bg', 'text', 'hints, taints, warnings'],
  ['--err', '--err-bg', 'text', 'apply error, error line'],
  ['--syn-key', '--surface', 'text', 'YAML keys'],
  ['--syn-str', '--surface', 'text', 'YAML strings'],
  ['--syn-num', '--surface', 'text', 'YAML numbers'],
  ['--syn-punct', '--surface', 'text', 'YAML punctuation'],
  ['--term-text', '--term-bg', 'text', 'terminal output'],
  ['--term-cmd', '--term-bg', 'text', 'terminal command line'],
  ['--term-err', '--term-bg', 'text', 'terminal errors'],
  ['--control-border', '--bg', 'ui', 'control boundary on the page'],
  ['--control-border', '--surface', 'ui', 'button/input boundary on panels'],
  ['--control-border', '--surface-2', 'ui', 'pod card boundary'],
  ['--control-border', '--cp-bg', 'ui', 'buttons on the control-plane card'],
  ['--accent', '--surface', 'ui', 'primary button boundary'],
  ['--accent', '--surface-2', 'ui', 'pressed/selected marker on a button'],
  ['--focus', '--bg', 'ui', 'focus ring on the page'],
  ['--focus', '--surface', 'ui', 'focus ring / selection outline on panels'],
  ['--focus', '--surface-2', 'ui', 'focus ring on pod cards'],
  ['--focus', '--cp-bg', 'ui', 'focus ring on the control-plane card'],
  ['--ok', '--surface-2', 'ui', 'ready pod marker'],
  ['--err', '--surface', 'ui', 'not-ready node boundary'],
];

const blocks = rootBlocks(css);
const find = (pred, what) => {
  const b = blocks.find(pred);
  if (!b) throw new Error(`no ${what} block in ${cssPath}`);
  return b;
};
const base = find((b) => b.selector === ':root' && !b.media, ':root');
const chosen = {
  light: base,
  dark: find((b) => b.selector === ':root[data-theme="dark"]' && !b.media, 'dark'),
  contrast: find((b) => b.selector === ':root[data-theme="contrast"]' && !b.media, 'contrast'),
};
const followers = {
  dark: find((b) => b.media.includes('prefers-color-scheme: dark') && b.selector === ':root:not([data-theme])', 'OS dark'),
  contrast: find((b) => b.media.includes('prefers-contrast: more') && b.selector === ':root:not([data-theme])', 'OS contrast'),
};

let passed = 0;
let failed = 0;
const fail = (msg) => {
  failed++;
  console.log(`FAIL ${msg}`);
};

for (const [name, follower] of Object.entries(followers)) {
  const a = JSON.stringify(chosen[name].vars);
  const b = JSON.stringify(follower.vars);
  if (a === b) passed++;
  else fail(`${name}: the block that follows the OS differs from [data-theme="${name}"]`);
}

for (const [theme, block] of Object.entries(chosen)) {
  const vars = { ...base.vars, ...block.vars };
  console.log(`\n${theme}`);
  for (const [fg, bg, kind, where] of PAIRS) {
    const need = kind === 'ui' ? 3 : theme === 'contrast' ? 7 : 4.5;
    let r;
    try {
      r = ratio(rgb(vars[fg] ?? '', fg), rgb(vars[bg] ?? '', bg));
    } catch (e) {
      fail(`${theme}: ${e.message}`);
      continue;
    }
    const ok = r >= need;
    if (ok) passed++;
    else failed++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${r.toFixed(2).padStart(5)}:1 (≥ ${need}) ${fg} on ${bg} — ${where}`);
  }
}

console.log(`\ncontrast: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
