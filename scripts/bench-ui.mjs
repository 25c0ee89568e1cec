#!/usr/bin/env node
// Benchmark of the page in headless Chromium. Prints figures; asserts nothing.
//
//   node scripts/bench-ui.mjs [--only response,scale,sts] [--sizes 50,200,1000]
//                             [--runs 20] [--port 4185] [--dist DIR] [--json FILE]
//
// Serves the release build in dist/ (tests/e2e/serve.mjs) on 127.0.0.1 and drives Debian's
// Chromium with the flags of tests/e2e/playwright.config.mjs.
//
// - response: time from a click on Apply (DaemonSet, default cluster) to the first pod card
//   drawn, and from Enter on `kubectl get pods` to its output drawn; median over --runs.
//   "Drawn" is the end of the first rendering step (style, layout, paint) after the card or
//   the output is in the DOM: a message posted from requestAnimationFrame.
// - scale: a DaemonSet that tolerates the control-plane taint rolls out over a cluster
//   started with `?nodes=N` (N workers, see README) until every pod is Ready, at 1× speed.
// - sts: a 200-replica `podManagementPolicy: Parallel` StatefulSet (headless Service,
//   volumeClaimTemplates) starts on the default cluster until every pod is Ready.
//
// For scale and sts, while the rollout runs:
// - tick: main-thread time of each clock tick (the page's 100 ms setInterval: the
//   simulation step, the view refresh and every DOM change it causes);
// - frame: main-thread work of each frame that had a tick: the ticks since the previous
//   frame plus this frame's rendering (requestAnimationFrame to a message posted from it);
//   "over 16 ms" counts those frames that miss a 60 Hz frame;
// - interval: requestAnimationFrame deltas (16.7 ms when nothing is late);
// - long tasks: PerformanceObserver `longtask` entries (over 50 ms);
// - heap: JS heap in use after a forced garbage collection (CDP Runtime.getHeapUsage) and
//   the WebAssembly memory (linear memory only grows).
// The ratio of frame work at the largest to the smallest size is printed (aim: under 4).
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync, writeFileSync } from 'node:fs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const E2E = join(ROOT, 'tests/e2e');
const require = createRequire(join(E2E, 'package.json'));
const { chromium } = require('playwright-core');
const { startServer } = await import(pathToFileURL(join(E2E, 'serve.mjs')).href);
const { chromiumLaunchOptions } = await import(pathToFileURL(join(E2E, 'playwright.config.mjs')).href);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const ONLY = new Set(arg('only', 'response,scale,sts').split(','));
const SIZES = arg('sizes', '50,200,1000').split(',').map(Number);
const RUNS = Number(arg('runs', '20'));
const PORT = Number(arg('port', process.env.BENCH_PORT || '4185'));
const DIST = resolve(arg('dist', join(ROOT, 'dist')));
const JSON_OUT = arg('json', null);
const ROLLOUT_LIMIT_MS = Number(arg('limit', '180000'));

if (!existsSync(join(DIST, 'index.html'))) {
  console.error(`bench-ui: no index.html in ${DIST}: build first (trunk build --release)`);
  process.exit(1);
}

const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: bench-agent
spec:
  selector:
    matchLabels:
      app: bench-agent
  template:
    metadata:
      labels:
        app: bench-agent
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: registry.k8s.io/pause:3.10
`;

const STS = (replicas) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: ${replicas}
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.27
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

// Runs in the page before the app: wraps setInterval callbacks (the clock tick) to time
// them, and keeps a requestAnimationFrame loop that times each frame's rendering.
function instrument() {
  const b = (window.__bench = { recording: false, ticks: [], frames: [], renders: [], longtasks: [] });
  const origSetInterval = window.setInterval;
  window.setInterval = function (fn, ms, ...rest) {
    if (typeof fn !== 'function') return origSetInterval.call(window, fn, ms, ...rest);
    return origSetInterval.call(
      window,
      function (...a) {
        const t0 = performance.now();
        try {
          return fn.apply(this, a);
        } finally {
          if (b.recording) b.ticks.push([t0, performance.now() - t0]);
        }
      },
      ms,
      ...rest,
    );
  };
  const ch = new MessageChannel();
  ch.port1.onmessage = (e) => {
    if (b.recording) b.renders.push([e.data, performance.now()]);
  };
  const loop = () => {
    const t = performance.now();
    if (b.recording) b.frames.push(t);
    ch.port2.postMessage(t);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  try {
    new PerformanceObserver((list) => {
      if (b.recording) for (const e of list.getEntries()) b.longtasks.push(e.duration);
    }).observe({ entryTypes: ['longtask'] });
  } catch {}
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const mb = (x) => (x / (1024 * 1024)).toFixed(1);

// Frame work: for each frame, the ticks since the previous frame plus the rendering that
// follows it (the render span minus ticks that ran inside it).
function frameStats({ ticks, frames, renders, longtasks }) {
  const renderOf = new Map(renders.map(([t, end]) => [t, end - t]));
  const tickIn = (a, b) => ticks.filter(([t]) => t >= a && t < b).reduce((s, [, d]) => s + d, 0);
  const work = [];
  for (let i = 1; i < frames.length; i++) {
    const ticked = ticks.filter(([t]) => t >= frames[i - 1] && t < frames[i]);
    if (!ticked.length) continue;
    const r = renderOf.get(frames[i]);
    if (r === undefined) continue;
    const render = Math.max(0, r - tickIn(frames[i], frames[i] + r));
    work.push(ticked.reduce((s, [, d]) => s + d, 0) + render);
  }
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  const tickD = ticks.map(([, d]) => d);
  return {
    ticks: tickD.length,
    tickMedian: median(tickD),
    tickP95: quantile(tickD, 0.95),
    frames: work.length,
    frameMedian: median(work),
    frameP95: quantile(work, 0.95),
    over16: work.filter((w) => w > 16).length,
    intervalMedian: median(intervals),
    intervalP95: quantile(intervals, 0.95),
    intervalMax: intervals.length ? Math.max(...intervals) : NaN,
    longTasks: longtasks.length,
    longTaskMs: longtasks.reduce((s, d) => s + d, 0),
  };
}

async function heap(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => window.__benchWasmMemory?.() ?? 0);
  return { jsHeap: usedSize, wasm };
}

async function openPage(browser, query) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(instrument);
  // Trunk announces the started module with its exports; keep a handle on its memory.
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      const w = e.detail?.wasm;
      window.__benchWasmMemory = () => w?.memory?.buffer?.byteLength ?? 0;
    });
  });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${BASE}?lang=en${query ? `&${query}` : ''}`);
  await page.getByTestId('editor').waitFor();
  return { page, cdp };
}

async function setYaml(page, text) {
  await page.getByTestId('editor').fill(text);
  // Let the editor's debounced check (500 ms) run before anything is timed.
  await page.waitForTimeout(800);
}

const readyPods = (page) => page.evaluate(() => document.querySelectorAll('[data-testid="pod-card"][data-ready="true"]').length);

// Applies `yaml` and records ticks and frames until `want` pods are Ready (or the limit).
async function rollout(page, cdp, yaml, want) {
  await setYaml(page, yaml);
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const b = window.__bench;
    b.ticks = [];
    b.frames = [];
    b.renders = [];
    b.longtasks = [];
    b.recording = true;
  });
  const start = Date.now();
  await page.getByTestId('apply').click();
  let ready = 0;
  while (Date.now() - start < ROLLOUT_LIMIT_MS) {
    await page.waitForTimeout(1000);
    ready = await readyPods(page);
    if (ready >= want) break;
  }
  const wall = Date.now() - start;
  const data = await page.evaluate(() => {
    const b = window.__bench;
    b.recording = false;
    return { ticks: b.ticks, frames: b.frames, renders: b.renders, longtasks: b.longtasks };
  });
  const simTime = await page.getByTestId('clock-time').innerText();
  return { ...frameStats(data), ready, want, wall, simTime: simTime.split('\n').pop().trim(), ...(await heap(page, cdp)) };
}

// In the page: resolves with the time from the input event to the first rendering after
// `found()` holds, observing DOM changes under `root`.
const timeToDrawn = (page, { selector, eventType, key, found }) =>
  page.evaluate(
    ({ selector, eventType, key, found }) =>
      new Promise((done) => {
        const isFound = new Function(`return (${found})`)();
        let t0 = null;
        const onEvent = (e) => {
          if (key && e.key !== key) return;
          if (t0 === null) t0 = e.timeStamp;
        };
        document.addEventListener(eventType, onEvent, true);
        const root = document.querySelector(selector) || document.body;
        const obs = new MutationObserver(() => {
          if (t0 === null || !isFound()) return;
          obs.disconnect();
          document.removeEventListener(eventType, onEvent, true);
          const inDom = performance.now();
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => done({ drawn: performance.now() - t0, dom: inDom - t0 });
            ch.port2.postMessage(0);
          });
        });
        obs.observe(root, { childList: true, subtree: true, characterData: true });
        window.__benchArmed = true;
      }),
    { selector, eventType, key, found: found.toString() },
  );

async function response(browser) {
  const apply = [];
  for (let i = 0; i < RUNS; i++) {
    const { page } = await openPage(browser, '');
    await setYaml(page, DS);
    const p = timeToDrawn(page, {
      selector: '[data-testid="nodes"]',
      eventType: 'click',
      found: () => document.querySelector('[data-testid="pod-card"]') !== null,
    });
    await page.waitForFunction(() => window.__benchArmed);
    await page.getByTestId('apply').click();
    apply.push(await p);
    await page.close();
  }
  const { page } = await openPage(browser, '');
  await setYaml(page, DS);
  await page.getByTestId('apply').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="pod-card"][data-ready="true"]').length >= 4);
  const input = page.getByTestId('terminal-input');
  const get = [];
  for (let i = 0; i < RUNS; i++) {
    await input.fill('kubectl get pods');
    await page.evaluate(() => (window.__benchArmed = false));
    const before = await page.evaluate(() => document.querySelectorAll('.term-entry').length);
    const p = timeToDrawn(page, {
      selector: '[data-testid="terminal-output"]',
      eventType: 'keydown',
      key: 'Enter',
      found: `() => { const e = document.querySelectorAll('.term-entry'); const l = e[e.length - 1]; return e.length > ${before} && l.querySelector('.term-stdout').textContent.includes('bench-agent-'); }`,
    });
    await page.waitForFunction(() => window.__benchArmed);
    await input.press('Enter');
    get.push(await p);
  }
  await page.close();
  return { apply, get };
}

const { server, url: BASE } = await startServer({ root: DIST, port: PORT, host: '127.0.0.1', quiet: true });
const browser = await chromium.launch({
  ...chromiumLaunchOptions,
  args: [...chromiumLaunchOptions.args, '--enable-precise-memory-info'],
});
const results = {};
try {
  console.log(`kubeaula page benchmark — ${BASE} (${new Date().toISOString()})`);
  if (ONLY.has('response')) {
    const r = await response(browser);
    results.response = r;
    console.log(`\nResponse (median of ${RUNS}; p95 in brackets)`);
    const row = (name, xs) =>
      console.log(
        `  ${name.padEnd(40)} ${f1(median(xs.map((x) => x.drawn))).padStart(7)} ms  [${f1(quantile(xs.map((x) => x.drawn), 0.95))}]   in DOM ${f1(median(xs.map((x) => x.dom)))} ms`,
      );
    row('Apply → first pod card drawn', r.apply);
    row('kubectl get pods ⏎ → output drawn', r.get);
  }

  const header = () => {
    console.log(
      `  ${'scenario'.padEnd(22)} ${'pods'.padStart(9)} ${'sim'.padStart(7)} ${'wall s'.padStart(7)}  ${'tick med/p95'.padStart(14)}  ${'frame med/p95'.padStart(15)} ${'>16ms'.padStart(9)}  ${'interval med/p95/max'.padStart(21)}  ${'long tasks'.padStart(12)}  ${'JS heap'.padStart(8)} ${'wasm'.padStart(7)}`,
    );
  };
  const line = (name, s) =>
    console.log(
      `  ${name.padEnd(22)} ${`${s.ready}/${s.want}`.padStart(9)} ${s.simTime.padStart(7)} ${(s.wall / 1000).toFixed(0).padStart(7)}  ${`${f1(s.tickMedian)}/${f1(s.tickP95)}`.padStart(14)}  ${`${f1(s.frameMedian)}/${f1(s.frameP95)}`.padStart(15)} ${`${s.over16}/${s.frames}`.padStart(9)}  ${`${f1(s.intervalMedian)}/${f1(s.intervalP95)}/${f1(s.intervalMax)}`.padStart(21)}  ${`${s.longTasks} ${(s.longTaskMs / 1000).toFixed(1)}s`.padStart(12)}  ${`${mb(s.jsHeap)}MB`.padStart(8)} ${`${mb(s.wasm)}MB`.padStart(7)}`,
    );

  if (ONLY.has('scale')) {
    results.scale = {};
    console.log('\nScale: DaemonSet rollout at 1× (times in ms)');
    header();
    for (const n of SIZES) {
      const { page, cdp } = await openPage(browser, `nodes=${n}`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="node-card"]').length === n + 1, n, { timeout: 120_000 });
      const s = await rollout(page, cdp, DS, n + 1);
      results.scale[n] = s;
      line(`DaemonSet, ${n} nodes`, s);
      await page.close();
    }
    const lo = results.scale[SIZES[0]];
    const hi = results.scale[SIZES[SIZES.length - 1]];
    if (lo && hi && SIZES.length > 1) {
      console.log(
        `  frame work ratio ${SIZES[SIZES.length - 1]} / ${SIZES[0]} nodes: median ${(hi.frameMedian / lo.frameMedian).toFixed(2)}, p95 ${(hi.frameP95 / lo.frameP95).toFixed(2)} (aim: under 4)`,
      );
    }
  }

  if (ONLY.has('sts')) {
    console.log('\nScale: 200-replica Parallel StatefulSet on the default cluster, at 1× (times in ms)');
    header();
    const { page, cdp } = await openPage(browser, '');
    const s = await rollout(page, cdp, STS(200), 200);
    results.sts = s;
    line('StatefulSet, 200', s);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));
