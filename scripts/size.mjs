#!/usr/bin/env node
// Download size and load time of the built site in dist/.
//
//   node scripts/size.mjs [dist-dir] [--json] [--budget] [--ceiling] [--no-load] [--runs=N]
//
// Size: every file with its raw size, its gzip size (zlib level 9) and its brotli size
// (quality 11, what scripts/precompress.mjs writes for hosts that serve precompressed
// files), the WebAssembly module(s), and the totals of a first visit. Rule for "first
// visit": every file in dist/ except source maps (*.map); the precompressed copies
// (*.gz, *.br) are not files of their own.
//
// Load: time from navigation to an interactive lesson page (the lesson's text
// rendered and the editor's Apply button enabled), in headless Chromium (Debian's,
// as the browser tests use it) against dist/ served on 127.0.0.1; each load in a
// fresh browser context (empty cache); the median of 10 loads (--runs=N to change).
// --no-load skips it.
//
// --budget: exit 1 when the first visit is above the budget of 400,000 bytes
// gzipped (issue "Speed and size"). Without it the figure is only printed, with
// how far it is from the budget.
//
// --ceiling: exit 1 when the first visit is above CEILING, the size the bundle has come
// down to so far (a ratchet: lower it whenever the bundle shrinks; raise it only with a
// reason in the commit). scripts/test.sh runs with it, so the size cannot slide back while
// it is still above the budget. scripts/size-parts.mjs shows where the bytes go.
// Exits 1 if dist/ is missing or has no index.html, or if a load fails.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const BUDGET = 400_000;
const CEILING = 1_104_500;
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const enforce = args.includes('--budget');
const ratchet = args.includes('--ceiling');
const measureLoad = !args.includes('--no-load');
const runs = Number((args.find((a) => a.startsWith('--runs=')) || '--runs=10').slice(7));
const dirArg = args.find((a) => !a.startsWith('--'));
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = dirArg ? resolve(dirArg) : join(root, 'dist');

if (!existsSync(dist) || !statSync(dist).isDirectory()) {
  console.error(`size: ${dist} does not exist; build first (trunk build --release)`);
  process.exit(1);
}
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`size: ${dist} has no index.html; build first (trunk build --release)`);
  process.exit(1);
}

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.isFile() && !/\.(gz|br)$/.test(entry.name)) out.push(p);
  }
  return out;
}

const files = walk(dist)
  .map((p) => {
    const data = readFileSync(p);
    return {
      file: relative(dist, p).split('\\').join('/'),
      raw: data.length,
      gzip: gzipSync(data, { level: constants.Z_BEST_COMPRESSION }).length,
      brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length,
      counted: !p.endsWith('.map'),
    };
  })
  .sort((a, b) => b.gzip - a.gzip || a.file.localeCompare(b.file));

const counted = files.filter((f) => f.counted);
const wasm = files.filter((f) => f.file.endsWith('.wasm'));
const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
const total = { raw: sum(counted, 'raw'), gzip: sum(counted, 'gzip'), brotli: sum(counted, 'brotli'), files: counted.length };

/** Median and spread of `runs` cold loads, in milliseconds. */
async function loadTimes() {
  const e2e = join(root, 'tests/e2e');
  const require = createRequire(join(e2e, 'package.json'));
  const { chromium } = require('playwright-core');
  const { startServer } = await import(pathToFileURL(join(e2e, 'serve.mjs')).href);
  const { chromiumLaunchOptions } = await import(pathToFileURL(join(e2e, 'playwright.config.mjs')).href);
  const { server, url } = await startServer({ root: dist, port: 0, host: '127.0.0.1', quiet: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const times = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      // Milliseconds since the navigation started, taken in the page the moment the
      // lesson is shown and its Apply button can be pressed.
      const handle = await page.waitForFunction(
        () => {
          const lesson = document.querySelector('[data-testid="lesson"]');
          const apply = document.querySelector('[data-testid="apply"]');
          const shown = lesson && lesson.querySelector('h1, h2') && lesson.textContent.trim().length > 0;
          return shown && apply && !apply.disabled ? performance.now() : false;
        },
        null,
        { polling: 'raf', timeout: 30_000 },
      );
      times.push(await handle.jsonValue());
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: times.length, medianMs: Math.round(median), minMs: Math.round(sorted[0]), maxMs: Math.round(sorted[sorted.length - 1]) };
}

let load = null;
if (measureLoad) {
  try {
    load = await loadTimes();
  } catch (e) {
    console.error(`size: load time not measured: ${e.message}`);
    process.exit(1);
  }
}
const over = total.gzip > BUDGET;
const aboveCeiling = total.gzip > CEILING;

if (asJson) {
  console.log(JSON.stringify({ dist, files, wasm, firstVisit: total, budget: BUDGET, overBudget: over, ceiling: CEILING, aboveCeiling, load }, null, 2));
  process.exit((enforce && over) || (ratchet && aboveCeiling) ? 1 : 0);
}

function human(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

const rows = files.map((f) => [
  f.file + (f.counted ? '' : ' (not counted)'),
  String(f.raw),
  human(f.raw),
  String(f.gzip),
  human(f.gzip),
  String(f.brotli),
]);
const head = ['file', 'raw bytes', 'raw', 'gzip -9 bytes', 'gzip -9', 'brotli bytes'];
const foot = [`first visit (${total.files} files)`, String(total.raw), human(total.raw), String(total.gzip), human(total.gzip), String(total.brotli)];
const widths = head.map((h, i) => Math.max(h.length, foot[i].length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
const rule = widths.map((w) => '-'.repeat(w)).join('  ');

console.log(`dist: ${relative(process.cwd(), dist) || '.'}`);
console.log(line(head));
console.log(rule);
for (const r of rows) console.log(line(r));
console.log(rule);
console.log(line(foot));
console.log('');
if (wasm.length === 0) console.log('wasm: none found in dist');
for (const w of wasm) {
  console.log(`wasm ${w.file}: ${w.raw} bytes raw (${human(w.raw)}), ${w.gzip} bytes gzip -9 (${human(w.gzip)}), ${w.brotli} bytes brotli`);
}
console.log(
  `first visit download: ${total.gzip} bytes gzip -9 (${human(total.gzip)}), ${total.brotli} bytes brotli (${human(total.brotli)}); ` +
    `${total.raw} bytes uncompressed; all files in dist except source maps`,
);
console.log(
  over
    ? `budget: ${total.gzip} bytes is ${total.gzip - BUDGET} bytes over the first-visit budget of ${BUDGET} bytes gzipped`
    : `budget: ${total.gzip} bytes is within the first-visit budget of ${BUDGET} bytes gzipped`,
);
console.log(
  aboveCeiling
    ? `ceiling: ${total.gzip} bytes is ${total.gzip - CEILING} bytes above the ceiling of ${CEILING} bytes (the size reached so far)`
    : `ceiling: ${total.gzip} bytes is within the ceiling of ${CEILING} bytes (the size reached so far; ${CEILING - total.gzip} bytes to spare)`,
);
if (load) {
  console.log(
    `load: ${load.medianMs} ms median from navigation to an interactive lesson page ` +
      `(${load.runs} cold loads in headless Chromium on 127.0.0.1; min ${load.minMs} ms, max ${load.maxMs} ms)`,
  );
}
if (ratchet && aboveCeiling) {
  console.error(`size: FAIL: first visit downloads ${total.gzip} bytes gzipped, above the ceiling of ${CEILING} bytes; find what grew with scripts/size-parts.mjs`);
  process.exit(1);
}
if (enforce && over) {
  console.error(`size: FAIL: first visit downloads ${total.gzip} bytes gzipped, above the budget of ${BUDGET} bytes`);
  process.exit(1);
}
