#!/usr/bin/env node
// Reference screenshots of kubeaula's main states, committed under tests/screenshots/ and
// shown in the README. Serves dist/, drives the page as a student would, and writes:
//
//   01-laptop-daemonset.png   1366×768, lesson 1 in Spanish: the DaemonSet on every worker, the
//                             terminal widened for kubectl get pods -o wide
//   02-statefulset.png        1280×800, English, the StatefulSet paused and stepped: web-0 Ready,
//                             web-1 starting
//   03-yaml-error.png         1366×768, a missing colon refused at its line, marked in the editor
//   04-projection-1280.png    1280×720, projection: the stage, every node and pod in view
//   05-projection-1024.png    1024×768 (an old projector), projection with a 3-replica StatefulSet
//   06-projection-overlay.png 1280×720, projection with the lesson and the why panel over the stage
//   07-dark-timeline.png      1366×768, dark theme, the timeline drawer looking back in time
//   08-phone-lesson.png       390×844, a phone: the header, the tabs, the lesson
//   09-phone-cluster.png      390×844, the cluster tab with the DaemonSet running
//
//   node scripts/screenshots.mjs [outdir]
//
// Needs a release build in dist/ and tests/e2e's node modules (bash scripts/test.sh makes
// both). Debian's Chromium, like the tests.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const e2e = join(root, 'tests/e2e');
const outDir = resolve(process.argv[2] ?? join(root, 'tests/screenshots'));
const dist = resolve(process.env.E2E_DIST || join(root, 'dist'));
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`screenshots: no index.html in ${dist}; build first`);
  process.exit(1);
}
const require = createRequire(join(e2e, 'package.json'));
const playwright = await import(pathToFileURL(require.resolve('@playwright/test')).href);
const { chromium, expect } = playwright.chromium ? playwright : playwright.default;
const { startServer } = await import(pathToFileURL(join(e2e, 'serve.mjs')).href);
const { chromiumLaunchOptions } = await import(pathToFileURL(join(e2e, 'playwright.config.mjs')).href);
const { Playground, NODES } = await import(pathToFileURL(join(e2e, 'pages/playground.mjs')).href);

// The lesson's own StatefulSet, as the student loads it.
const WEB = readFileSync(join(root, 'content/02-statefulset/web.yaml'), 'utf8');

const { server, url } = await startServer({ root: dist, port: 0, quiet: true });
const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
mkdirSync(outDir, { recursive: true });
const shots = [];

async function shot(page, name) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.evaluate(() => window.scrollTo(0, 0));
  const path = join(outDir, name);
  await page.screenshot({ path });
  shots.push(path);
}

async function fresh(viewport = { width: 1280, height: 800 }, extra = {}) {
  const ctx = await browser.newContext({ viewport, reducedMotion: 'reduce', ...extra });
  const page = await ctx.newPage();
  return { ctx, page, app: new Playground(page) };
}

let failed = false;
const WIDE = { width: 1366, height: 768 };
/** Toasts leave by themselves; a reference picture waits for them. */
async function settle(page) {
  await page.getByTestId('offline-notice').getByRole('button', { name: /Cerrar aviso|Dismiss/ }).click({ timeout: 15_000 }).catch(() => {});
  await expect(page.getByTestId('offline-notice')).toBeEmpty();
}
try {
  {
    const { ctx, page, app } = await fresh(WIDE);
    await app.goto(url);
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await app.run('kubectl get pods -o wide');
    await expect(page.getByTestId('terminal-output')).toContainText('Running');
    await settle(page);
    await shot(page, '01-laptop-daemonset.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh({ width: 1280, height: 800 });
    await app.goto(url + '?lang=en');
    await page.getByTestId('lesson-collapse').click();
    await page.getByTestId('clock-toggle').click();
    await app.setYaml(WEB);
    await app.apply();
    const pod = (n) => page.locator(`[data-testid="pod-card"][data-pod="${n}"]`);
    for (let i = 0; i < 80 && (await pod('web-1').count()) === 0; i++) {
      await page.getByTestId('clock-step').click();
    }
    await settle(page);
    await shot(page, '02-statefulset.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh(WIDE);
    await app.goto(url);
    await app.setYaml((await app.yaml()).replace('    spec:\n      containers:', '    spec\n      containers:'));
    await app.apply();
    await settle(page);
    await page.getByTestId('error-marker').hover();
    await page.screenshot({ path: join(outDir, '03-yaml-error.png') });
    shots.push(join(outDir, '03-yaml-error.png'));
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh({ width: 1280, height: 720 });
    await app.goto(url);
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await app.project();
    await settle(page);
    await shot(page, '04-projection-1280.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh({ width: 1024, height: 768 });
    await app.goto(url);
    await app.setYaml(WEB);
    await app.apply();
    await expect(page.locator('[data-testid="pod-card"][data-owner-kind="StatefulSet"][data-ready="true"]')).toHaveCount(3, { timeout: 45_000 });
    await app.project();
    await settle(page);
    await shot(page, '05-projection-1024.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh({ width: 1280, height: 720 });
    await app.goto(url);
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await app.project();
    await app.key('l');
    await app.key('y');
    await settle(page);
    await shot(page, '06-projection-overlay.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh(WIDE, { colorScheme: 'dark' });
    await app.goto(url + '?lang=en');
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await page.getByTestId('timeline-toggle').click();
    await page.getByTestId('timeline-event').last().click();
    await expect(page.getByTestId('past-banner')).toBeVisible();
    await settle(page);
    await shot(page, '07-dark-timeline.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh({ width: 390, height: 844 }, { hasTouch: true, isMobile: true });
    await page.goto(url);
    await expect(page.getByTestId('panel-tabs')).toBeVisible();
    await settle(page);
    await shot(page, '08-phone-lesson.png');
    await app.skipPredictions();
    await app.stepCodeButton('run').click();
    await app.panelTab('cluster').click();
    await expect(page.locator('[data-testid="pod-card"][data-ready="true"]')).toHaveCount(3, { timeout: 30_000 });
    await shot(page, '09-phone-cluster.png');
    await ctx.close();
  }
  for (const s of shots) console.log(`wrote ${s}`);
} catch (err) {
  failed = true;
  console.error(`screenshots: ${err.stack || err.message}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
