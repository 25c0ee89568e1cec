#!/usr/bin/env node
// Where the bytes of the wasm go: the release module, optimised exactly as the build does
// it but keeping function names, split into parts by the crate each function comes from.
//
//   node scripts/size-parts.mjs [--keep] [--wasm PATH] [--top N]
//
// Run it after a release build (scripts/run.sh, scripts/test.sh or trunk build --release):
// it reads target/wasm32-unknown-unknown/release/kubeaula.wasm, runs wasm-bindgen
// (--keep-debug) and wasm-opt with the flags of index.html plus -g (names kept; the code is
// the same as the published module's), then reads the module's code, data and name
// sections. For each part it prints the bytes of its function bodies and their gzip -9 size
// when compressed together (gzip finds other repeats in a part alone than in the whole
// module, so the gzip column does not add up exactly to the module's gzip size).
// Takes about two minutes (wasm-opt). --keep leaves the optimised module in
// target/size-parts/. --wasm reads another module built for wasm32 (as
// target/size-floor/target/wasm32-unknown-unknown/release/simonly.wasm after
// scripts/size-floor.sh: the simulator alone).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wasmArg = process.argv.indexOf('--wasm');
const input = wasmArg > 0 ? resolve(process.argv[wasmArg + 1]) : join(root, 'target/wasm32-unknown-unknown/release/kubeaula.wasm');
const stem = input.replace(/^.*\//, '').replace(/\.wasm$/, '');
const out = join(root, 'target/size-parts');
const keep = process.argv.includes('--keep');
// --top N also lists the N biggest functions, and the app's components by the bytes of the
// functions whose names mention them (UI framework code instantiated for each component).
const topArg = process.argv.indexOf('--top');
const top = topArg > 0 ? Number(process.argv[topArg + 1]) : 0;

if (!existsSync(input)) {
  console.error(`size-parts: ${input} is missing; run a release build first`);
  process.exit(1);
}

// The same wasm-opt flags as the build (index.html), plus -g.
const html = readFileSync(join(root, 'index.html'), 'utf8');
const level = (html.match(/data-wasm-opt="([^"]+)"/) || [])[1] || 'z';
const params = ((html.match(/data-wasm-opt-params="([^"]+)"/) || [])[1] || '').split(/\s+/).filter(Boolean);
const wasmOpt = [join(root, 'tools/node_modules/.bin/wasm-opt'), 'wasm-opt'].find((p) => p === 'wasm-opt' || existsSync(p));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync('wasm-bindgen', ['--target', 'web', '--keep-debug', '--out-dir', out, input], { stdio: 'inherit' });
const bound = join(out, `${stem}_bg.wasm`);
const optimised = join(out, `${stem}_opt.wasm`);
execFileSync(wasmOpt, [`-O${level}`, '-g', ...params, bound, '-o', optimised], { stdio: 'inherit' });

const bytes = readFileSync(optimised);

// --- a minimal reader of the wasm binary format ---
let pos = 0;
function u32() {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
    shift += 7;
  }
}
function name() {
  const len = u32();
  const s = bytes.toString('utf8', pos, pos + len);
  pos += len;
  return s;
}

pos = 8;
let importedFunctions = 0;
const bodies = []; // [start, end] of each defined function's body
const dataSegments = [];
const names = new Map();
const sections = [];
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const start = pos;
  const end = pos + size;
  let label = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'][id] || `section ${id}`;
  if (id === 2) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) {
        u32();
        importedFunctions++;
      } else if (kind === 1) {
        pos++;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) {
        pos += 2;
      } else {
        throw new Error(`unknown import kind ${kind}`);
      }
    }
  } else if (id === 10) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      const len = u32();
      bodies.push([pos, pos + len]);
      pos += len;
    }
  } else if (id === 11) {
    const n = u32();
    for (let i = 0; i < n; i++) {
      const flags = u32();
      if (flags === 2) u32();
      if (flags === 0 || flags === 2) {
        // The offset expression, up to its `end`.
        while (bytes[pos++] !== 0x0b);
      }
      const len = u32();
      dataSegments.push([pos, pos + len]);
      pos += len;
    }
  } else if (id === 0) {
    const custom = name();
    label = `custom "${custom}"`;
    if (custom === 'name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = u32();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const n = u32();
          for (let i = 0; i < n; i++) {
            const index = u32();
            names.set(index, name());
          }
        }
        pos = subEnd;
      }
    }
  }
  sections.push({ label, size: end - start });
  pos = end;
}

// --- parts, by the crate a function's name points to ---
const PARTS = [
  ['YAML and JSON reading and writing (serde, serde_yaml, serde_json, kubesim::manifest::yaml_*)', /serde|libyaml|[Dd]eserializ|Visitor|visit_|MapAccess|SeqAccess|yaml_tree|yaml_de|yaml_scalars|state_hash/],
  ['UI framework (leptos, tachys, reactive_graph, wasm-bindgen, js-sys, web-sys)', /tachys|reactive_graph|leptos|any_view|wasm_bindgen|js_sys|web_sys|__wbg|wbindgen|or_poisoned|throw_|send_wrapper|futures|any_spawner|slotmap|guardian|qrcodegen/],
  ['the app (src/)', /kubeaula::/],
  ['simulator (crates/kubesim)', /kubesim::/],
  ['course (crates/course)', /course::/],
  ['collections and strings (std)', /hashbrown|indexmap|alloc::collections|btree|BTree|alloc::vec|Vec<|RawVec|alloc::string|String/],
  ['formatting and numbers (std)', /core::fmt|fmt::|Display|Debug|flt2dec|num::/],
];
const OTHER = 'everything else (closures, iterators, sorting, allocator, glue)';
const byPart = new Map([...PARTS.map(([p]) => [p, []]), [OTHER, []]]);
bodies.forEach(([s, e], i) => {
  const fname = names.get(importedFunctions + i) || '';
  const part = (PARTS.find(([, re]) => re.test(fname)) || [OTHER])[0];
  byPart.get(part).push(bytes.subarray(s, e));
});
const gz = (buf) => gzipSync(buf, { level: constants.Z_BEST_COMPRESSION }).length;
if (top > 0) {
  const all = bodies.map(([s, e], i) => [names.get(importedFunctions + i) || '?', e - s]);
  all.sort((a, b) => b[1] - a[1]);
  console.log(`the ${top} biggest functions:`);
  for (const [n, size] of all.slice(0, top)) console.log(`${String(size).padStart(8)}  ${n.slice(0, 160)}`);
  const byComponent = new Map();
  for (const [n, size] of all) {
    const m = n.match(/kubeaula::(?:components::)?([a-z_]+)/);
    if (m) byComponent.set(m[1], (byComponent.get(m[1]) || 0) + size);
  }
  console.log('raw bytes of functions naming each module of the app:');
  for (const [c, size] of [...byComponent].sort((a, b) => b[1] - a[1])) console.log(`${String(size).padStart(8)}  ${c}`);
}
const rows = [];
for (const [part, chunks] of byPart) {
  const buf = Buffer.concat(chunks);
  rows.push([part, chunks.length, buf.length, gz(buf)]);
}
const data = Buffer.concat(dataSegments.map(([s, e]) => bytes.subarray(s, e)));
rows.push(['fixed data (lesson texts, glossary, kubectl explain, messages)', dataSegments.length, data.length, gz(data)]);
const namesSize = sections.filter((s) => s.label.startsWith('custom')).reduce((a, s) => a + s.size, 0);
const moduleSize = bytes.length - namesSize;
const rest = moduleSize - rows.reduce((a, r) => a + r[2], 0);
rows.push(['module structure (types, imports, exports, tables)', '', rest, null]);

const total = rows.reduce((a, r) => a + r[2], 0);
const pad = (s, n) => String(s).padStart(n);
console.log(`wasm parts: ${optimised.replace(root + '/', '')} (names kept; ${moduleSize} bytes without them)`);
console.log(`${'part'.padEnd(84)} ${pad('items', 6)} ${pad('raw bytes', 10)} ${pad('share', 6)} ${pad('gzip -9', 8)}`);
for (const [part, n, raw, g] of rows) {
  console.log(`${part.padEnd(84)} ${pad(n, 6)} ${pad(raw, 10)} ${pad(((raw / total) * 100).toFixed(1) + '%', 6)} ${pad(g === null ? '' : g, 8)}`);
}
console.log(`${'total'.padEnd(84)} ${pad('', 6)} ${pad(total, 10)}`);
if (!keep) rmSync(out, { recursive: true, force: true });
