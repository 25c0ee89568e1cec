// The Content-Security-Policy of kubeaula, and the post-build step that makes the built page
// satisfy it.
//
// trunk writes the code that loads the wasm as an inline <script type="module"> (and, under
// `trunk serve`, an inline auto-reload script). A policy without 'unsafe-inline' would block
// them, and their hashes change with every build (they name the hashed files). So after each
// build this step moves every inline script into a file of its own next to index.html
// (`inline-<sha256>.js`, same origin), and adds the policy as a <meta http-equiv> for static
// hosts that cannot send headers. The policy is then the same for every build:
//
//   script-src 'self' 'wasm-unsafe-eval'   the app's JS files, and compiling its wasm
//   style-src 'self'                        the stylesheet; no inline style (the app sets none)
//
// Trunk.toml runs this as a post_build hook (on $TRUNK_STAGING_DIR); `node scripts/csp.mjs DIR`
// does the same to a built folder. The servers (tests/e2e/serve.mjs, used by scripts/run.sh)
// import HEADER_POLICY and send it as a header, which can also say frame-ancestors.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** As an HTTP header: also refuses being framed (a meta policy cannot say frame-ancestors). */
export const HEADER_POLICY = `${POLICY}; frame-ancestors 'none'`;

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/**
 * Moves the inline scripts of `html` out to files; returns the new html and the files
 * ({ name, text }). Scripts with a src are left alone.
 */
export function externalizeScripts(html, publicUrl = '/') {
  const files = [];
  const out = html.replace(INLINE_SCRIPT, (whole, attrs, body) => {
    if (/\ssrc\s*=/i.test(attrs) || body.trim() === '') return whole;
    // `trunk serve` fills {{__TRUNK_…}} placeholders in the HTML it serves, never in other
    // files: its auto-reload script cannot move out (and the policy refuses it inline), so
    // scripts/run.sh serves debug builds with --no-autoreload.
    if (body.includes('{{__TRUNK_')) {
      console.warn('csp: an inline script with trunk serve placeholders stays inline and will be refused; use trunk serve --no-autoreload');
      return whole;
    }
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const name = `inline-${hash}.js`;
    files.push({ name, text: body });
    return `<script${attrs} src="${publicUrl}${name}"></script>`;
  });
  return { html: out, files };
}

/** Adds the policy near the top of <head> (after the charset, before anything it governs). */
export function withMetaPolicy(html) {
  if (html.includes('http-equiv="Content-Security-Policy"')) return html;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`;
  if (/<meta charset[^>]*>/i.test(html)) return html.replace(/<meta charset[^>]*>/i, (m) => `${m}\n    ${meta}`);
  return html.replace(/<head([^>]*)>/i, (h) => `${h}\n    ${meta}`);
}

/** Rewrites DIR/index.html in place and writes the script files beside it. */
export function secureDir(dir, publicUrl = '/') {
  const index = join(dir, 'index.html');
  const { html, files } = externalizeScripts(readFileSync(index, 'utf8'), publicUrl);
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  writeFileSync(index, withMetaPolicy(html));
  return files.map((f) => f.name);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('usage: node scripts/csp.mjs DIR (or run as a trunk post_build hook)');
    process.exit(2);
  }
  const names = secureDir(dir, process.env.TRUNK_PUBLIC_URL || '/');
  console.log(`csp: ${names.length} inline script(s) moved to files: ${names.join(', ') || '-'}`);
}
