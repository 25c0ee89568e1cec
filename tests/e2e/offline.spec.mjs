// Offline: after the first visit the app and its lessons work with the network cut, and a
// new version is announced. Each test serves its own copy of dist/ so it can stop the
// server (the network gone) or change the bundle (a new version published).
import { test, expect } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { Playground, NODES } from './pages/playground.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const DIST = resolve(HERE, process.env.E2E_DIST || '../../dist');

async function serveCopy() {
  const root = mkdtempSync(join(tmpdir(), 'kubeaula-dist-'));
  cpSync(DIST, root, { recursive: true });
  // Port 0: the system picks a free one, so no two servers ever contend for it.
  const { server, url } = await startServer({ root, port: 0, host: '127.0.0.1', quiet: true });
  return {
    root,
    url,
    close: () => new Promise((r) => server.close(() => r())),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Waits until the page is under the service worker: first until the first visit's worker is
 * active (everything cached), then reloads, then until that load is controlled. A load that
 * began while the worker was still installing stays uncontrolled, so the reload comes after.
 */
async function reloadControlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
}

test.describe('offline', () => {
  test('after the first visit, a lesson runs with the network cut', async ({ page }) => {
    const site = await serveCopy();
    try {
      const app = new Playground(page);
      await app.goto(site.url);
      // The first visit tells the student it now works offline.
      await expect(page.getByTestId('offline-notice')).toContainText('sin conexión', { timeout: 30_000 });
      // First load is not controlled yet; a reload is.
      await reloadControlled(page);

      // The network goes away: the server stops.
      await site.close();
      await page.reload();
      await expect(app.editor).toBeVisible();
      await expect(app.editor).toHaveValue(/kind:\s*DaemonSet/);
      // The other language's lesson text is there too.
      await page.getByTestId('lang-en').click();
      await expect(page.getByTestId('lesson')).toContainText('DaemonSet');
      await app.apply();
      await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    } finally {
      await site.close().catch(() => {});
      site.cleanup();
    }
  });

  test('a new version is announced and used on request', async ({ page }) => {
    const site = await serveCopy();
    try {
      const app = new Playground(page);
      await app.goto(site.url);
      await reloadControlled(page);
      const before = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
      expect(before).toContain('sw.js');

      // A new version is published: the worker script changes.
      const sw = join(site.root, 'sw.js');
      writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));
      await page.reload();
      const notice = page.getByTestId('offline-notice');
      await expect(notice).toContainText('versión nueva', { timeout: 30_000 });
      // Accepting it switches at once: the page reloads under the new worker.
      await Promise.all([page.waitForEvent('load'), page.getByTestId('update-now').click()]);
      await expect(app.editor).toBeVisible();
      const cacheNames = await page.evaluate(() => caches.keys());
      expect(cacheNames.some((k) => k.endsWith('-next'))).toBe(true);
      expect(cacheNames.length).toBe(1);
    } finally {
      await site.close().catch(() => {});
      site.cleanup();
    }
  });
});

test('the bundle works under a sub-path, as published to a static host', async ({ page }) => {
  const root = mkdtempSync(join(tmpdir(), 'kubeaula-host-'));
  cpSync(DIST, join(root, 'kubeaula'), { recursive: true });
  const { server, url } = await startServer({ root, port: 0, host: '127.0.0.1', quiet: true });
  try {
    const app = new Playground(page);
    await app.goto(`${url}kubeaula/`);
    await expect(app.editor).toHaveValue(/kind:\s*DaemonSet/);
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    // The service worker's scope is the sub-path, not the host's root.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${url}kubeaula/`);
  } finally {
    await new Promise((r) => server.close(() => r()));
    rmSync(root, { recursive: true, force: true });
  }
});
