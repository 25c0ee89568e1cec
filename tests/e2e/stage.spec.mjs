// The cluster is the stage: in projection mode on a projector, on a laptop and on a phone,
// what a class came to see is in view without scrolling. Every check measures boxes.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Playground, NODES, ALL_NODES } from './pages/playground.mjs';
import { notInView, visibility } from './layout-fit.mjs';

const WEB = readFileSync(new URL('../../content/02-statefulset/web.yaml', import.meta.url), 'utf8');
const fontSize = (loc) => loc.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

async function daemonSet(app) {
  await app.apply();
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
}

async function statefulSet(app, page) {
  await app.setYaml(WEB);
  await app.apply();
  await expect(page.locator('[data-testid="pod-card"][data-owner-kind="StatefulSet"][data-ready="true"]')).toHaveCount(3, { timeout: 45_000 });
}

for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
  const size = `${viewport.width}×${viewport.height}`;
  test.describe(`Projection at ${size}`, () => {
    test.use({ viewport });

    test('every node card and every DaemonSet pod card is in view, at projection type size', async ({ page }) => {
      const app = new Playground(page);
      await app.goto();
      await daemonSet(app);
      const normalPod = await fontSize(page.locator('[data-testid="pod-card"] .pod-name').first());
      await app.project();
      await expect(app.nodeCards).toHaveCount(4);
      expect(await notInView(app.nodeCards)).toEqual([]);
      expect(await notInView(app.allPodCards())).toEqual([]);
      await expect(app.allPodCards()).toHaveCount(3);
      // At projection size: at least 1.6× the normal type.
      expect(await fontSize(page.locator('[data-testid="pod-card"] .pod-name').first())).toBeGreaterThanOrEqual(1.6 * normalPod - 0.01);
      // The page itself does not scroll: the stage fills the window.
      expect(await page.evaluate(() => document.scrollingElement.scrollHeight)).toBeLessThanOrEqual(viewport.height);
      // The lesson, the editor and the terminal are away until called.
      await expect(app.lesson).toBeHidden();
      await expect(app.editor).toBeHidden();
      await expect(page.getByTestId('terminal-input')).toBeHidden();
    });

    test('every node card and every pod card of a 3-replica StatefulSet is in view', async ({ page }) => {
      const app = new Playground(page);
      await app.goto();
      await statefulSet(app, page);
      await app.project();
      expect(await notInView(app.nodeCards)).toEqual([]);
      expect(await notInView(app.allPodCards())).toEqual([]);
      await expect(app.allPodCards()).toHaveCount(3);
    });
  });
}

test.describe('Projection: the stage and what comes over it', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('one compact bar of icons with names, tooltips and keys; L, E, T call panels over the stage', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.project();
    // No header: the bar holds the controls, as icons named by their words.
    await expect(page.getByTestId('app-header')).toHaveCount(0);
    const bar = page.getByTestId('stage-bar');
    const barBox = await bar.boundingBox();
    expect(barBox.height).toBeLessThan(110);
    for (const id of ['clock-toggle', 'clock-step', 'add-node', 'timeline-toggle', 'why-toggle', 'fit-toggle', 'stage-lesson-toggle', 'stage-editor-toggle', 'stage-terminal-toggle', 'projection-toggle']) {
      const b = page.getByTestId(id);
      await expect(b, id).toBeVisible();
      expect((await b.getAttribute('aria-label')) || '', id).not.toBe('');
      expect((await b.getAttribute('data-tip')) || '', id).not.toBe('');
    }
    await expect(page.getByTestId('stage-terminal-toggle')).toHaveAttribute('data-tip', /T$/);
    // Hovering shows the tooltip (drawn by CSS from data-tip).
    await page.getByTestId('fit-toggle').hover();
    const tip = await page.getByTestId('fit-toggle').evaluate((el) => getComputedStyle(el, '::after').content);
    expect(tip).toContain('Ajustar');

    // L: the lesson over the stage, the stage's cards stay where they were.
    const before = await app.nodeCard('kind-worker').boundingBox();
    await app.key('l');
    await expect(app.lesson).toBeVisible();
    expect(await app.nodeCard('kind-worker').boundingBox()).toEqual(before);
    // Its run button sends the command and calls up the terminal over the stage.
    await app.skipPredictions();
    await app.stepCodeButton('run').click();
    await expect(page.getByTestId('terminal-input')).toBeVisible();
    await expect(app.terminalOutput()).toContainText('daemonset.apps/nginx-ds created');
    await page.getByTestId('stage-close-terminal').click();
    await expect(page.getByTestId('terminal-input')).toBeHidden();
    await page.getByTestId('lesson-collapse').click();
    await expect(app.lesson).toBeHidden();
    // E and T come and go.
    await app.key('e');
    await expect(app.editor).toBeVisible();
    await expect(app.editor).toBeFocused();
    await page.getByTestId('stage-editor-toggle').click();
    await expect(app.editor).toBeHidden();
    await app.key('t');
    await expect(page.getByTestId('terminal-input')).toBeFocused();
    await page.getByTestId('stage-terminal-toggle').click();
    await expect(page.getByTestId('terminal-input')).toBeHidden();
  });

  test('the timeline and the why panel open beside the stage; the menu holds the header', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await daemonSet(app);
    await app.project();
    await expect(page.getByTestId('why-panel')).toBeHidden();
    await app.key('y');
    const drawer = page.getByTestId('stage-drawer');
    await expect(drawer).toHaveAttribute('data-drawer', 'why');
    await expect(page.getByTestId('why-panel')).toBeVisible();
    await expect(page.getByTestId('why-panel')).toContainText('kind-control-plane');
    await app.key('h');
    await expect(drawer).toHaveAttribute('data-drawer', 'timeline');
    await expect(page.getByTestId('timeline-event').first()).toBeVisible();
    expect((await visibility(drawer))[0].visible).toBe(true);
    await page.getByTestId('drawer-close').click();
    await expect(drawer).toHaveCount(0);
    // The menu: language, theme, spotlight, shortcuts, save and share.
    await app.openMenu();
    const panel = page.getByTestId('stage-menu-panel');
    await expect(panel.getByTestId('lang-en')).toBeVisible();
    await expect(panel.getByTestId('theme-select')).toBeVisible();
    await expect(panel.getByTestId('spotlight-toggle')).toBeVisible();
    await expect(panel.getByTestId('save-menu')).toBeVisible();
    expect(await notInView(panel)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(page.getByTestId('stage-menu-button')).toBeFocused();
  });

  test('one-off notices never take room: the page is as tall as the window', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await daemonSet(app);
    await app.project();
    const notice = page.getByTestId('offline-notice');
    expect(await notice.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(await page.evaluate(() => document.scrollingElement.scrollHeight)).toBe(720);
  });
});

test.describe('The cluster view scales with the cluster', () => {
  test('10 nodes fit a projector at reduced card size; beyond, "fit" brings everything into view', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const app = new Playground(page);
    await app.goto('/?nodes=9');
    await app.apply();
    await expect(page.locator('[data-testid="pod-card"][data-ready="true"]')).toHaveCount(9, { timeout: 30_000 });
    await app.project();
    await expect(app.nodeCards).toHaveCount(10);
    await expect(page.getByTestId('nodes')).toHaveAttribute('data-density', 'compact');
    expect(await notInView(app.nodeCards)).toEqual([]);
    expect(await notInView(app.allPodCards())).toEqual([]);
    // Pods stay readable: their names at the projection's body size or more.
    expect(await fontSize(page.locator('.pod-name').first())).toBeGreaterThanOrEqual(16);

    // Twenty more nodes: the stage scrolls, and F fits it all in view.
    for (let i = 0; i < 20; i++) await app.key('n');
    await expect(app.nodeCards).toHaveCount(30);
    expect((await notInView(app.nodeCards)).length).toBeGreaterThan(0);
    await app.key('f');
    await expect(page.getByTestId('fit-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await notInView(app.nodeCards)).length).toBe(0);
    await page.getByTestId('fit-toggle').click();
    await expect.poll(async () => (await notInView(app.nodeCards)).length).toBeGreaterThan(0);
  });
});

test.describe('Laptop, 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('the header is one line and all four node cards with their pods are in view', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const header = page.getByTestId('app-header');
    const hb = await header.boundingBox();
    expect(hb.height).toBeLessThan(60);
    const rows = await header.evaluate((h) => [...h.children].filter((c) => c.getBoundingClientRect().width > 0).map((c) => Math.round(c.getBoundingClientRect().top)));
    expect(Math.max(...rows) - Math.min(...rows)).toBeLessThan(20);
    await daemonSet(app);
    expect(await notInView(app.nodeCards)).toEqual([]);
    expect(await notInView(app.allPodCards())).toEqual([]);
    await app.setYaml(WEB);
    await app.apply();
    await expect(page.locator('[data-testid="pod-card"][data-owner-kind="StatefulSet"][data-ready="true"]')).toHaveCount(3, { timeout: 45_000 });
    expect(await notInView(app.nodeCards)).toEqual([]);
    expect(await notInView(app.allPodCards())).toEqual([]);
    for (const n of ALL_NODES) await expect(app.nodeCard(n)).toBeVisible();
  });
});

// The controls on the first screen smaller than a finger (44 × 44 px).
const smallTargets = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('button, select, summary, input')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.bottom > 0 && r.top < innerHeight && (r.width < 44 || r.height < 44);
      })
      .map((e) => e.dataset.testid || e.className || e.tagName),
  );

// On a phone or a tablet held upright (both under the 900 px breakpoint): the header is the
// name, the language and a menu; the tabs and the lesson start near the top; every control
// on the first screen takes a finger.
async function narrowFirstScreen(page) {
  const app = new Playground(page);
  await page.goto('/');
  await expect(page.getByTestId('panel-tabs')).toBeVisible();
  await app.toastGone();
  const header = page.getByTestId('app-header');
  const shown = await header.locator('button, select, summary').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.dataset.testid));
  expect(shown).toEqual(['lang-es', 'lang-en', 'main-menu-button']);
  expect((await page.getByTestId('panel-tabs').boundingBox()).y).toBeLessThanOrEqual(120);
  const h1 = page.locator('.lesson-text h1').first();
  expect((await h1.boundingBox()).y).toBeLessThanOrEqual(200);
  // Every control on the first screen takes a finger: 44 × 44 px or more.
  expect(await smallTargets(page)).toEqual([]);
  // The menu holds the rest, inside the screen.
  await app.openMenu();
  const panel = page.getByTestId('main-menu-panel');
  await expect(panel.getByTestId('projection-toggle')).toBeVisible();
  await expect(panel.getByTestId('save-menu')).toBeVisible();
  expect(await notInView(panel)).toEqual([]);
}

test.describe('Phone, 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the header is the name, the language and a menu; the tabs and the lesson start near the top', async ({ page }) => {
    await narrowFirstScreen(page);
  });

  test("the lesson's run and load buttons show their result's tab, and lead back", async ({ page }) => {
    const app = new Playground(page);
    await page.goto('/');
    await expect(page.getByTestId('panel-tabs')).toBeVisible();
    await app.skipPredictions();
    const run = app.stepCodeButton('run');
    const id = await run.getAttribute('id');
    await run.click();
    await expect(app.panelTab('terminal')).toHaveAttribute('aria-selected', 'true');
    await expect(app.terminalOutput()).toContainText('daemonset.apps/nginx-ds created');
    await page.getByTestId('slot-terminal').getByTestId('back-to-lesson').click();
    await expect(app.panelTab('lesson')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator(`#${id}`)).toBeFocused();
    await page.locator('.lesson-text button.code-action[data-action="load"]').first().click();
    await expect(app.panelTab('editor')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('slot-editor').getByTestId('back-to-lesson')).toBeVisible();
  });
});

test.describe('Tablet, upright 768×1024', () => {
  test.use({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });

  test('the phone layout: name, language and menu; tabs and lesson near the top; targets for fingers', async ({ page }) => {
    await narrowFirstScreen(page);
  });
});

test.describe('Tablet, sideways 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });

  test('a tablet either way up gets the phone layout, and the cluster tab shows the four nodes', async ({ page }) => {
    await narrowFirstScreen(page);
    const app = new Playground(page);
    await app.skipPredictions();
    await app.stepCodeButton('run').click();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await app.panelTab('cluster').click();
    expect(await notInView(app.nodeCards)).toEqual([]);
    expect(await notInView(app.allPodCards())).toEqual([]);
  });
});
