// Resume and share: a reload brings back lesson, editor and cluster; corrupt stored data is
// set aside with a notice and a working app; a share link opened in a fresh browser
// reproduces the state; a hostile link is refused and changes nothing stored.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';

const KEY = 'kubeaula.state';

async function clusterPods(page) {
  return page.locator('[data-testid="pod-card"]').evaluateAll((els) => els.map((e) => e.dataset.pod).sort());
}

test('a reload restores the lesson step, the editor text and the cluster', async ({ page }) => {
  const app = new Playground(page);
  await app.goto();
  const yaml = (await app.yaml()) + '\n# tier: demo\n';
  await app.setYaml(yaml);
  await app.apply();
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  await page.getByTestId('terminal-input').fill('sim node add kind-worker4');
  await page.getByTestId('terminal-input').press('Enter');
  await app.expectOneReadyDaemonSetPodOn(['kind-worker4']);
  await page.getByTestId('lang-en').click();
  // Step 1's goals are met; move on to step 2.
  await expect(page.getByTestId('steps-done')).toContainText('1');
  await page.getByTestId('step-link').nth(1).click();
  await expect(page.getByTestId('step-count')).toContainText('2');
  const pods = await clusterPods(page);
  // Saved within a second.
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k) || '', KEY)).toContain('kind-worker4');

  await page.reload();
  await expect(app.editor).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(app.editor).toHaveValue(/tier: demo/);
  await expect(page.getByTestId('step-count')).toContainText('2');
  // Progress: step 1 stays done.
  await expect(page.getByTestId('steps-done')).toContainText('1');
  await expect(page.getByTestId('step-link').first()).toContainText('✔');
  await expect(app.nodeCard('kind-worker4')).toHaveCount(1);
  // The same cluster, replayed from its journal: the same pod names (seeded suffixes).
  await expect.poll(() => clusterPods(page)).toEqual(pods);
  // The terminal shows what was run, and ↑ finds it.
  await expect(app.terminalOutput()).toContainText('sim node add kind-worker4');
  await page.getByTestId('terminal-input').press('ArrowUp');
  await expect(page.getByTestId('terminal-input')).toHaveValue('sim node add kind-worker4');
});

test('corrupt stored data gives a notice, a download and a working app', async ({ page }) => {
  await page.addInitScript((k) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, 'version: 1\nlang: [broken');
      sessionStorage.setItem('seeded', '1');
    }
  }, KEY);
  const app = new Playground(page);
  await app.goto();
  const notice = page.getByTestId('persist-notice');
  await expect(notice).toContainText('No se pudo leer');
  // Set aside, not lost.
  expect(await page.evaluate(() => localStorage.getItem('kubeaula.set-aside'))).toContain('[broken');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-set-aside').click()]);
  expect(download.suggestedFilename()).toBe('kubeaula-apartado.yaml');
  // The app works.
  await app.apply();
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
});

test('a newer stored version is set aside, never half-read', async ({ page }) => {
  await page.addInitScript((k) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(k, 'version: 99\nlang: es\nfuture: yes\n');
      sessionStorage.setItem('seeded', '1');
    }
  }, KEY);
  const app = new Playground(page);
  await app.goto();
  await expect(page.getByTestId('persist-notice')).toContainText('versión más nueva');
  await expect(app.nodeCards).toHaveCount(4);
});

test('a share link opens the same state in a fresh browser; a hostile one is refused', async ({ page, browser }) => {
  const app = new Playground(page);
  await app.goto();
  await app.setYaml((await app.yaml()) + '\n# shared: "yes"\n');
  await app.apply();
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  await page.getByTestId('terminal-input').fill('sim node add kind-worker4');
  await page.getByTestId('terminal-input').press('Enter');
  await app.expectOneReadyDaemonSetPodOn(['kind-worker4']);
  await page.getByTestId('save-menu').locator('summary').click();
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toContain('#share=ks1.');
  expect(url.length).toBeLessThan(2000);
  await expect(page.getByTestId('share-qr')).toBeVisible();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const them = new Playground(other);
  await them.goto(url);
  await expect(other.getByTestId('open-shared')).toBeVisible();
  await other.getByTestId('open-shared-yes').click();
  await expect(them.editor).toHaveValue(/shared: "yes"/);
  await expect(them.nodeCard('kind-worker4')).toHaveCount(1);
  await them.expectOneReadyDaemonSetPodOn([...NODES.workers, 'kind-worker4']);
  // The fragment is gone: a reload does not ask again, and the state was saved.
  expect(other.url()).not.toContain('#share=');
  await fresh.close();

  // A hostile link: refused with a message, nothing stored changes, no markup injected.
  const before = await page.evaluate((k) => localStorage.getItem(k), KEY);
  await page.goto('/#share=ks1.' + encodeURIComponent('<img src=x onerror=alert(1)>') + '.kj1.AAAA');
  await expect(page.getByTestId('bad-link')).toContainText('No se cambió nada');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  await expect(app.nodeCard('kind-worker4')).toHaveCount(1);
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(before);
});

test('start this lesson over asks first, then gives a fresh cluster and the lesson files', async ({ page }) => {
  const app = new Playground(page);
  await app.goto();
  await app.setYaml((await app.yaml()) + '\n# mine\n');
  await app.apply();
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  await page.getByTestId('save-menu').locator('summary').click();
  await page.getByTestId('reset-lesson').click();
  await page.getByTestId('reset-no').click();
  await expect(app.podCards(NODES.workers[0])).toHaveCount(1);
  await page.getByTestId('reset-lesson').click();
  await page.getByTestId('reset-yes').click();
  await expect(page.locator('[data-testid="pod-card"]')).toHaveCount(0);
  await expect(app.editor).not.toHaveValue(/# mine/);
});

test('export to a file and import it in another browser; a bad file is refused', async ({ page, browser }, testInfo) => {
  const app = new Playground(page);
  await app.goto();
  await app.setYaml((await app.yaml()) + '\n# exported\n');
  await app.apply();
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  await page.getByTestId('save-menu').locator('summary').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  expect(download.suggestedFilename()).toBe('kubeaula-progreso.yaml');
  const file = testInfo.outputPath('progress.yaml');
  await download.saveAs(file);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const them = new Playground(other);
  await them.goto();
  await other.getByTestId('save-menu').locator('summary').click();
  // A file that is not kubeaula's: refused, nothing changes.
  await other.getByTestId('import').setInputFiles({ name: 'x.yaml', mimeType: 'text/yaml', buffer: Buffer.from('version: 1\nlang: [') });
  await expect(other.getByTestId('bad-import')).toContainText('No se cambió nada');
  await expect(other.locator('[data-testid="pod-card"]')).toHaveCount(0);
  await other.getByTestId('import').setInputFiles(file);
  await expect(other.getByTestId('persist-notice')).toContainText('importado');
  await expect(them.editor).toHaveValue(/# exported/);
  await them.expectOneReadyDaemonSetPodOn(NODES.workers);
  await fresh.close();
});

test('start everything over asks first, then forgets what was stored', async ({ page }) => {
  const app = new Playground(page);
  await app.goto();
  await app.apply();
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k) || '', KEY)).toContain('kj1.');
  await page.getByTestId('save-menu').locator('summary').click();
  await page.getByTestId('reset-all').click();
  await expect(page.getByTestId('reset-yes')).toBeVisible();
  await Promise.all([page.waitForEvent('load'), page.getByTestId('reset-yes').click()]);
  await expect(app.editor).toBeVisible();
  await expect(page.locator('[data-testid="pod-card"]')).toHaveCount(0);
  await expect(page.getByTestId('steps-done')).toContainText('0');
});
