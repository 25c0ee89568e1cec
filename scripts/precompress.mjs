#!/usr/bin/env node
// Writes a gzip (-9) and a brotli (quality 11) copy beside each compressible file of a
// built site, for hosts that serve precompressed files (nginx gzip_static/brotli_static,
// Caddy's precompressed, most CDNs): FILE.gz and FILE.br.
//
//   node scripts/precompress.mjs [dist-dir]
//
// Prints each file's three sizes and the totals. Copies are written only where they are
// smaller than the file; old copies of files that are gone are removed.
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] || join(root, 'dist'));
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`precompress: ${dist} has no index.html; build first`);
  process.exit(1);
}
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt|xml)$/;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.isFile() ? [p] : [];
  });
}

const files = walk(dist);
for (const p of files) {
  if (/\.(gz|br)$/.test(p) && !existsSync(p.slice(0, -3))) unlinkSync(p);
}
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const p of files.filter((p) => COMPRESSIBLE.test(p) && !p.endsWith('.map'))) {
  const data = readFileSync(p);
  const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  for (const [copy, bytes] of [[`${p}.gz`, gz], [`${p}.br`, br]]) {
    if (bytes.length < data.length) writeFileSync(copy, bytes);
    else if (existsSync(copy)) unlinkSync(copy);
  }
  total.raw += data.length;
  total.gzip += Math.min(gz.length, data.length);
  total.brotli += Math.min(br.length, data.length);
  console.log(`${relative(dist, p).padEnd(44)} ${String(data.length).padStart(9)} raw ${String(gz.length).padStart(9)} gzip ${String(br.length).padStart(9)} brotli`);
}
console.log(`${'compressible files'.padEnd(44)} ${String(total.raw).padStart(9)} raw ${String(total.gzip).padStart(9)} gzip ${String(total.brotli).padStart(9)} brotli`);
