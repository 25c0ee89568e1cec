#!/usr/bin/env node
// Screenshot of the playground for the README: serves dist/, applies the seed
// DaemonSet, waits for its pods to be ready and writes docs/screenshot.png (1400x900).
//
//   node scripts/screenshot.mjs [output.png]
//
// Needs a release build in dist/ and the node modules of tests/e2e
// (both made by `bash scripts/test.sh`). Uses Debian's Chromium, like the tests.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const e2e = join(root, 'tests/e2e');
const out = resolve(process.argv[2] ?? join(root, 'docs/screenshot.png'));
// Same override as the browser tests: E2E_DIST=dir serves another build.
const dist = resolve(process.env.E2E_DIST || join(root, 'dist'));

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`screenshot: no index.html in ${dist}; build first (trunk build --release)`);
  process.exit(1);
}

// Playwright lives in tests/e2e/node_modules; resolve it from there.
const require = createRequire(join(e2e, 'package.json'));
let playwright;
try {
  playwright = await import(pathToFileURL(require.resolve('@playwright/test')).href);
} catch {
  console.error('screenshot: run `npm ci` in tests/e2e first (or bash scripts/test.sh)');
  process.exit(1);
}
const { chromium, expect } = playwright.chromium ? playwright : playwright.default;
const { startServer } = await import(pathToFileURL(join(e2e, 'serve.mjs')).href);
const { chromiumLaunchOptions } = await import(pathToFileURL(join(e2e, 'playwright.config.mjs')).href);
const { Playground, NODES } = await import(pathToFileURL(join(e2e, 'pages/playground.mjs')).href);

const { server, url } = await startServer({ root: dist, port: 0, quiet: true });
const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const app = new Playground(page);
  await page.goto(url);
  await expect(app.editor).toBeVisible();
  await app.apply();
  await expect(app.applyResult).toContainText('created');
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  // Show the terminal at work too, as a student would use it.
  const input = page.getByTestId('terminal-input');
  await input.fill('kubectl get ds');
  await input.press('Enter');
  await input.fill('kubectl get pods -o wide');
  await input.press('Enter');
  await expect(page.getByTestId('terminal-output')).toContainText('Running');
  // Typing scrolled the terminal into view; the picture shows the page from its top.
  await input.blur();
  // The "works offline" toast leaves by itself; the picture does not wait for it.
  await page.getByTestId('offline-notice').getByRole('button', { name: /Cerrar aviso|Dismiss/ }).click({ timeout: 15_000 }).catch(() => {});
  await expect(page.getByTestId('offline-notice')).toBeEmpty();
  await page.evaluate(() => window.scrollTo(0, 0));
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} catch (err) {
  failed = true;
  console.error(`screenshot: ${err.message}`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
