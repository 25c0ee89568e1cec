#!/usr/bin/env node
// Reference screenshots of kubeaula's main states, committed under tests/screenshots/ and
// shown in the README. Serves dist/, drives the page as a student would, and writes:
//
//   01-daemonset.png        lesson 1 in Spanish, the DaemonSet on every worker, the terminal
//   02-statefulset.png      the StatefulSet paused and stepped: web-0 Ready, web-1 starting
//   03-yaml-error.png       an invalid manifest refused at its line, the cluster unchanged
//   04-projection.png       projection mode: large type, high contrast, the lesson folded away
//   05-dark-timeline.png    dark theme, the timeline open and the view looking back in time
//   06-narrow-tabs.png      a tablet-width window: stacked panels with tabs
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
try {
  {
    const { ctx, page, app } = await fresh();
    await app.goto(url);
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    const input = page.getByTestId('terminal-input');
    await input.fill('kubectl get pods -o wide');
    await input.press('Enter');
    await expect(page.getByTestId('terminal-output')).toContainText('Running');
    await shot(page, '01-daemonset.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh({ width: 1280, height: 1000 });
    await app.goto(url + '?lang=en');
    await page.getByTestId('lesson-collapse').click();
    await page.getByTestId('clock-toggle').click();
    await app.setYaml(WEB);
    await app.apply();
    const pod = (n) => page.locator(`[data-testid="pod-card"][data-pod="${n}"]`);
    for (let i = 0; i < 80 && (await pod('web-1').count()) === 0; i++) {
      await page.getByTestId('clock-step').click();
    }
    await shot(page, '02-statefulset.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh();
    await app.goto(url);
    await app.setYaml((await app.yaml()).replace('kind: DaemonSet', 'kind: DaemonSet\nspec:\n  oops: [1'));
    await app.apply();
    await shot(page, '03-yaml-error.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh({ width: 1600, height: 900 });
    await app.goto(url);
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await page.keyboard.press('p');
    await page.keyboard.press('l');
    await shot(page, '04-projection.png');
    await ctx.close();
  }
  {
    const { ctx, page, app } = await fresh({ width: 1280, height: 800 }, { colorScheme: 'dark' });
    await app.goto(url + '?lang=en');
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await page.getByTestId('timeline-toggle').click();
    await page.getByTestId('timeline-event').last().click();
    await expect(page.getByTestId('past-banner')).toBeVisible();
    await shot(page, '05-dark-timeline.png');
    await ctx.close();
  }
  {
    const { ctx, page } = await fresh({ width: 820, height: 1100 }, { hasTouch: true });
    await page.goto(url);
    await expect(page.getByRole('tab').first()).toBeVisible();
    await page.getByRole('tab').nth(1).click();
    await shot(page, '06-narrow-tabs.png');
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
