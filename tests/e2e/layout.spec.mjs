// The layout: the lesson pane folds away and comes back, the separators resize the panes
// with the keyboard and the pointer, and under 900 px the panels sit behind tabs.
import { test, expect } from '@playwright/test';
import { Playground } from './pages/playground.mjs';

test.describe('Layout on a wide screen', () => {
  test('the lesson pane folds away and a visible button brings it back, focus following', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const collapse = page.getByTestId('lesson-collapse');
    await expect(collapse).toHaveAttribute('aria-expanded', 'true');
    await expect(collapse).toHaveAttribute('aria-controls', 'slot-lesson');
    await expect(collapse).toHaveText(/Ocultar la lección/);
    const playgroundBefore = await app.width(page.locator('#playground'));
    await collapse.click();
    await expect(app.lesson).toBeHidden();
    const expand = page.getByTestId('lesson-expand');
    await expect(expand).toBeVisible();
    await expect(expand).toBeFocused();
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
    expect(await app.width(page.locator('#playground'))).toBeGreaterThan(playgroundBefore + 100);
    await page.getByTestId('lang-en').click();
    await expect(expand).toHaveText(/Show the lesson/);
    await expand.press('Enter');
    await expect(app.lesson).toBeVisible();
    await expect(page.getByTestId('lesson-collapse')).toBeFocused();
    await expect(page.getByTestId('lesson-expand')).toHaveCount(0);
  });

  test('the lesson separator resizes by keyboard: arrows by a step, Home and End to the limits', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const sep = app.splitter('lesson');
    await expect(sep).toHaveAttribute('role', 'separator');
    await expect(sep).toHaveAttribute('aria-orientation', 'vertical');
    const min = Number(await sep.getAttribute('aria-valuemin'));
    const max = Number(await sep.getAttribute('aria-valuemax'));
    const start = Number(await sep.getAttribute('aria-valuenow'));
    expect(start).toBeGreaterThan(min);
    expect(start).toBeLessThan(max);
    const w0 = await app.width(app.lessonSlot());
    await sep.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(sep).toHaveAttribute('aria-valuenow', String(start + 4));
    expect(await app.width(app.lessonSlot())).toBeGreaterThan(w0);
    await page.keyboard.press('End');
    await expect(sep).toHaveAttribute('aria-valuenow', String(max));
    const wMax = await app.width(app.lessonSlot());
    await page.keyboard.press('Home');
    await expect(sep).toHaveAttribute('aria-valuenow', String(min));
    expect(await app.width(app.lessonSlot())).toBeLessThan(wMax - 200);
    await page.keyboard.press('ArrowLeft');
    await expect(sep).toHaveAttribute('aria-valuenow', String(min));
  });

  test('the cluster separator resizes by keyboard and by dragging', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const sep = app.splitter('cluster');
    await expect(sep).toHaveAttribute('aria-orientation', 'horizontal');
    const start = Number(await sep.getAttribute('aria-valuenow'));
    const h0 = await app.height(app.panelSlot('cluster'));
    await sep.focus();
    await page.keyboard.press('ArrowUp');
    await expect(sep).toHaveAttribute('aria-valuenow', String(start - 2));
    expect(await app.height(app.panelSlot('cluster'))).toBeLessThan(h0);
    // Drag it down with the pointer: the cluster view grows.
    const box = await sep.boundingBox();
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + 60, { steps: 4 });
    await page.mouse.up();
    const after = Number(await sep.getAttribute('aria-valuenow'));
    expect(after).toBeGreaterThan(start);
    expect(await app.height(app.panelSlot('cluster'))).toBeGreaterThan(h0);
  });

  test('the lesson separator follows a drag', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const sep = app.splitter('lesson');
    const start = Number(await sep.getAttribute('aria-valuenow'));
    const box = await sep.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 140, box.y + 40, { steps: 5 });
    await page.mouse.up();
    expect(Number(await sep.getAttribute('aria-valuenow'))).toBeGreaterThan(start + 5);
  });

  test('the separators and the folded lesson are as they were left after a reload', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const lessonSep = app.splitter('lesson');
    const clusterSep = app.splitter('cluster');
    const max = await lessonSep.getAttribute('aria-valuemax');
    const start = Number(await clusterSep.getAttribute('aria-valuenow'));
    await lessonSep.focus();
    await page.keyboard.press('End');
    await expect(lessonSep).toHaveAttribute('aria-valuenow', max);
    await clusterSep.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(clusterSep).toHaveAttribute('aria-valuenow', String(start - 4));
    await page.reload();
    await expect(app.lesson).toBeVisible();
    await expect(lessonSep).toHaveAttribute('aria-valuenow', max);
    await expect(clusterSep).toHaveAttribute('aria-valuenow', String(start - 4));

    await page.getByTestId('lesson-collapse').click();
    await expect(app.lesson).toBeHidden();
    await page.reload();
    await expect(page.getByTestId('lesson-expand')).toBeVisible();
    await expect(app.lesson).toBeHidden();
    await page.getByTestId('lesson-expand').click();
    await expect(app.lesson).toBeVisible();
    await expect(lessonSep).toHaveAttribute('aria-valuenow', max);
  });
});

// Touch screens up to 1,200 px wide get the phone layout (stage.spec.mjs); a large tablet
// held wide (1366×1024) keeps the three panels, and its separators follow a finger.
test.describe('Layout on a large tablet held wide', () => {
  test.use({ viewport: { width: 1366, height: 1024 }, hasTouch: true, isMobile: true });

  test('a finger drags the separators', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    // Real touch input, through the browser's input pipeline (touch → pointer events).
    const cdp = await page.context().newCDPSession(page);
    const drag = async (from, to) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y }] });
      for (let i = 1; i <= 5; i++) {
        const x = from.x + ((to.x - from.x) * i) / 5;
        const y = from.y + ((to.y - from.y) * i) / 5;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const lessonSep = app.splitter('lesson');
    const lessonStart = Number(await lessonSep.getAttribute('aria-valuenow'));
    let box = await lessonSep.boundingBox();
    await drag({ x: box.x + box.width / 2, y: box.y + 60 }, { x: box.x + box.width / 2 + 120, y: box.y + 60 });
    expect(Number(await lessonSep.getAttribute('aria-valuenow'))).toBeGreaterThan(lessonStart + 5);

    const clusterSep = app.splitter('cluster');
    const clusterStart = Number(await clusterSep.getAttribute('aria-valuenow'));
    box = await clusterSep.boundingBox();
    await drag({ x: box.x + box.width / 2, y: box.y + box.height / 2 }, { x: box.x + box.width / 2, y: box.y + box.height / 2 - 80 });
    expect(Number(await clusterSep.getAttribute('aria-valuenow'))).toBeLessThan(clusterStart - 3);
  });
});

test.describe('Layout under 900 px', () => {
  test.use({ viewport: { width: 800, height: 1000 }, hasTouch: true });

  test('tabs show one panel at a time; arrow keys, Home and End move between them', async ({ page }) => {
    const app = new Playground(page);
    await app.page.goto('/');
    const tablist = page.getByRole('tablist', { name: 'Paneles' });
    await expect(tablist).toBeVisible();
    await expect(tablist.getByRole('tab')).toHaveCount(4);
    await expect(page.getByTestId('lesson-collapse')).toHaveCount(0);
    await expect(app.splitter('lesson')).toHaveCount(0);
    await expect(app.splitter('cluster')).toHaveCount(0);
    for (const name of ['lesson', 'cluster', 'editor', 'terminal']) {
      const box = await app.panelTab(name).boundingBox();
      expect(box.height, `${name} tab is tall enough for a finger`).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThanOrEqual(44);
    }
    const only = async (shown) => {
      for (const name of ['lesson', 'cluster', 'editor', 'terminal']) {
        const slot = app.panelSlot(name);
        if (name === shown) {
          await expect(slot).toBeVisible();
          await expect(slot).toHaveAttribute('role', 'tabpanel');
          await expect(app.panelTab(name)).toHaveAttribute('aria-selected', 'true');
        } else {
          await expect(slot).toBeHidden();
          await expect(app.panelTab(name)).toHaveAttribute('aria-selected', 'false');
        }
      }
    };
    await only('lesson');
    await expect(app.lesson).toBeVisible();
    await app.panelTab('cluster').tap();
    await only('cluster');
    await expect(app.nodeCards).toHaveCount(4);
    await app.panelTab('cluster').focus();
    await page.keyboard.press('ArrowRight');
    await only('editor');
    await expect(app.panelTab('editor')).toBeFocused();
    await expect(app.editor).toBeVisible();
    await page.keyboard.press('End');
    await only('terminal');
    await page.keyboard.press('ArrowRight');
    await only('lesson');
    await page.keyboard.press('ArrowLeft');
    await only('terminal');
    await page.keyboard.press('Home');
    await only('lesson');
    await expect(app.panelTab('lesson')).toBeFocused();
  });

  test('the chosen tab and the pod filter are as they were left after a reload', async ({ page }) => {
    const app = new Playground(page);
    await app.page.goto('/');
    await app.panelTab('editor').tap();
    await app.apply();
    await app.panelTab('cluster').tap();
    await expect(app.allPodCards()).toHaveCount(3, { timeout: 20_000 });
    await app.workloadFilter().selectOption({ label: 'Pods sueltos' });
    await expect(app.allPodCards()).toHaveCount(0);
    await page.reload();
    await expect(app.panelTab('cluster')).toHaveAttribute('aria-selected', 'true');
    await expect(app.panelSlot('cluster')).toBeVisible();
    await expect(app.panelSlot('lesson')).toBeHidden();
    await expect(app.workloadFilter()).toHaveValue('bare');
    await expect(app.nodeCards).toHaveCount(4);
    await expect(app.allPodCards()).toHaveCount(0);
    await app.workloadFilter().selectOption('all');
    await expect(app.allPodCards()).toHaveCount(3);
  });

  test('a name in the terminal opens the cluster tab on its card', async ({ page }) => {
    const app = new Playground(page);
    await app.page.goto('/');
    await app.panelTab('terminal').click();
    await app.run('kubectl get nodes');
    const name = app.terminalNames('node').filter({ hasText: /^kind-worker2$/ });
    await name.click();
    await expect(app.panelSlot('cluster')).toBeVisible();
    await expect(app.panelTab('cluster')).toHaveAttribute('aria-selected', 'true');
    await expect(app.nodeCard('kind-worker2')).toHaveClass(/selected/);
    await expect(app.nodeCard('kind-worker2').getByTestId('node-describe')).toBeFocused();
  });
});
