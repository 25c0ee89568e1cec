#!/usr/bin/env node
// Download size of the built site in dist/.
//
//   node scripts/size.mjs [dist-dir] [--json]
//
// Prints every file with its raw size and its gzip size (zlib level 9), the
// WebAssembly module(s) raw and gzipped, and the total gzipped bytes of a first
// visit. Rule for "first visit": every file in dist/ except source maps (*.map).
// Exits 1 if dist/ is missing or has no index.html.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
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
    else if (entry.isFile()) out.push(p);
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
      counted: !p.endsWith('.map'),
    };
  })
  .sort((a, b) => b.gzip - a.gzip || a.file.localeCompare(b.file));

const counted = files.filter((f) => f.counted);
const wasm = files.filter((f) => f.file.endsWith('.wasm'));
const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
const total = { raw: sum(counted, 'raw'), gzip: sum(counted, 'gzip'), files: counted.length };

if (asJson) {
  console.log(JSON.stringify({ dist, files, wasm, firstVisit: total }, null, 2));
  process.exit(0);
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
]);
const head = ['file', 'raw bytes', 'raw', 'gzip -9 bytes', 'gzip -9'];
const foot = [`first visit (${total.files} files)`, String(total.raw), human(total.raw), String(total.gzip), human(total.gzip)];
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
  console.log(`wasm ${w.file}: ${w.raw} bytes raw (${human(w.raw)}), ${w.gzip} bytes gzip -9 (${human(w.gzip)})`);
}
console.log(
  `first visit download: ${total.gzip} bytes gzip -9 (${human(total.gzip)}); ` +
    `${total.raw} bytes uncompressed; all files in dist except source maps`,
);
