#!/usr/bin/env node
// Benchmark of a student's first visit. Prints figures; asserts nothing.
//
//   node scripts/bench-first-visit.mjs [--runs 5] [--encoding gzip|br|identity]
//                                      [--port 4186] [--dist DIR] [--lang es|en]
//
// Serves the release build in dist/ on 127.0.0.1 the way a static host does (each file
// compressed once with --encoding, gzip by default, when the browser accepts it) and makes
// --runs cold loads (a new browser context each: no cache, no service worker) in Debian's
// Chromium, under two profiles:
// - local: no throttling;
// - classroom: CDP network throttling (150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) and
//   4× CPU slowdown, as a shared school Wi-Fi and a modest laptop or phone.
// For each load it records, from navigation start:
// - heading: the lesson's first heading visible (the student can start reading);
// - apply: the Apply button attached and enabled (the playground works);
// and the bytes that had arrived (encoded, as on the wire) by each moment.
// Medians over the runs are printed, with min and max.
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const E2E = join(ROOT, 'tests/e2e');
const require = createRequire(join(E2E, 'package.json'));
const { chromium } = require('playwright-core');
const { chromiumLaunchOptions } = await import(join(E2E, 'playwright.config.mjs'));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const RUNS = Number(arg('runs', '5'));
const ENCODING = arg('encoding', 'gzip');
const PORT = Number(arg('port', '4186'));
const DIST = resolve(arg('dist', join(ROOT, 'dist')));
const LANG = arg('lang', 'es');

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`bench-first-visit: no index.html in ${DIST}: build first (trunk build --release --public-url ./)`);
  process.exit(1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

// Each file compressed once, as a host that serves precompressed files would.
const cache = new Map();
function body(path, encoding) {
  const key = `${encoding}:${path}`;
  if (!cache.has(key)) {
    const raw = readFileSync(path);
    let out = raw;
    if (encoding === 'gzip') out = gzipSync(raw, { level: 9 });
    if (encoding === 'br') out = brotliCompressSync(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } });
    cache.set(key, out);
  }
  return cache.get(key);
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let path = normalize(join(DIST, decodeURIComponent(url.pathname)));
  if (!path.startsWith(DIST)) {
    res.writeHead(403).end();
    return;
  }
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  if (!existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  const accepts = String(req.headers['accept-encoding'] || '');
  const encoding = ENCODING !== 'identity' && accepts.includes(ENCODING) ? ENCODING : 'identity';
  const data = body(path, encoding);
  const headers = { 'content-type': TYPES[extname(path)] || 'application/octet-stream', 'cache-control': 'no-cache' };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  res.writeHead(200, headers);
  res.end(data);
});
await new Promise((ok) => server.listen(PORT, '127.0.0.1', ok));
const BASE = `http://127.0.0.1:${PORT}/`;

// In the page: the moments the heading shows and Apply works, from navigation start.
function watch() {
  const marks = {};
  window.__firstVisit = marks;
  const look = () => {
    if (marks.heading === undefined) {
      const h = document.querySelector('.lesson-pane h1, .lesson-pane h2, main h1');
      if (h && h.getBoundingClientRect().height > 0 && h.textContent.trim()) marks.heading = performance.now();
    }
    if (marks.apply === undefined) {
      const b = document.querySelector('[data-testid="apply"]');
      if (b && !b.disabled && b.getBoundingClientRect().height > 0) marks.apply = performance.now();
    }
    if (marks.heading === undefined || marks.apply === undefined) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

const PROFILES = {
  local: null,
  classroom: { latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8), cpu: 4 },
};

async function load(browser, profile) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(watch);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latency,
      downloadThroughput: profile.downloadThroughput,
      uploadThroughput: profile.uploadThroughput,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  }
  // Bytes on the wire, by the monotonic time each response finished.
  const finished = [];
  let start = null;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (start === null && e.type === 'Document') start = e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => finished.push({ t: e.timestamp, bytes: e.encodedDataLength }));
  await page.goto(`${BASE}?lang=${LANG}`);
  await page.waitForFunction(() => window.__firstVisit?.heading !== undefined && window.__firstVisit?.apply !== undefined, null, {
    timeout: 180_000,
    polling: 100,
  });
  const marks = await page.evaluate(() => window.__firstVisit);
  // performance.now() counts from the navigation's start; CDP times count from the document's request, the same moment.
  const bytesBy = (ms) => finished.filter((f) => (f.t - start) * 1000 <= ms + 5).reduce((a, f) => a + f.bytes, 0);
  const all = finished.reduce((a, f) => a + f.bytes, 0);
  await context.close();
  return { heading: marks.heading, apply: marks.apply, headingBytes: bytesBy(marks.heading), applyBytes: bytesBy(marks.apply), all };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${Math.round(x)} ms`.padStart(8);
const kb = (x) => `${(x / 1000).toFixed(1)} KB`.padStart(10);

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  console.log(`kubeaula first visit — ${BASE} (${ENCODING}, lang=${LANG}, ${RUNS} cold loads each; ${new Date().toISOString()})`);
  console.log(`  ${'profile'.padEnd(10)} ${'moment'.padEnd(26)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)}   ${'bytes by then'.padStart(13)}`);
  for (const [name, profile] of Object.entries(PROFILES)) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await load(browser, profile));
    const row = (label, key, bytesKey) => {
      const xs = runs.map((r) => r[key]);
      console.log(
        `  ${name.padEnd(10)} ${label.padEnd(26)} ${ms(median(xs))} ${ms(Math.min(...xs))} ${ms(Math.max(...xs))}   ${kb(median(runs.map((r) => r[bytesKey])))}`,
      );
    };
    row('lesson heading visible', 'heading', 'headingBytes');
    row('Apply works', 'apply', 'applyBytes');
    console.log(`  ${name.padEnd(10)} ${'all bytes of the load'.padEnd(26)} ${''.padStart(26)}   ${kb(median(runs.map((r) => r.all)))}`);
  }
} finally {
  await browser.close();
  server.close();
}
