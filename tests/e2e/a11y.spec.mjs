// Accessibility: axe-core finds no WCAG 2.1 A/AA violation in the states a student meets —
// the lesson at load (es and en), the playground with a DaemonSet running, kubectl describe
// and the terminal's output, the editor reporting a YAML error — in every look (light and
// dark scheme, each chosen theme, projection mode).
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';
import { routeAxe, expectNoViolations, LOOKS, lookName, setLook } from './axe.mjs';

// Cards fade in when they appear; axe measures contrast on what is painted, so the checks
// run without the animation (prefers-reduced-motion), which the app honours.
test.beforeEach(async ({ page }) => {
  await routeAxe(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

const BASIC_LOOKS = LOOKS.filter((l) => !l.theme && !l.projection);

async function checkLooks(page, state, looks) {
  for (const look of looks) {
    await setLook(page, look);
    await expectNoViolations(page, `${state}, ${lookName(look)}`);
  }
}

/** Applies the lesson's DaemonSet, waits for its pods, and stops the clock (a still page). */
async function runningDaemonSet(page) {
  const app = new Playground(page);
  await app.goto();
  await app.apply();
  await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  await page.getByTestId('clock-toggle').click();
  await expect(page.getByTestId('clock-toggle')).toHaveAttribute('aria-pressed', 'true');
  return app;
}

test.describe('Accessibility (axe-core, WCAG 2.1 AA)', () => {
  test('the lesson page at load, in Spanish', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await expect(page.getByTestId('step-text')).not.toBeEmpty();
    await checkLooks(page, 'lesson at load (es)', LOOKS);
    // What shows only on focus: the skip link, a glossary term's explanation.
    await page.keyboard.press('Tab');
    await expect(page.locator('.skip-link')).toBeFocused();
    await checkLooks(page, 'skip link focused', BASIC_LOOKS);
    await app.lesson.locator('.gloss').first().focus();
    await expect(app.lesson.locator('.gloss-tip').first()).toBeVisible();
    await checkLooks(page, 'glossary explanation shown', BASIC_LOOKS);
  });

  test('the lesson page at load, in English', async ({ page }) => {
    const app = new Playground(page);
    await app.goto('/?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await checkLooks(page, 'lesson at load (en)', BASIC_LOOKS);
  });

  test('the playground with the DaemonSet running, its tables and node actions open', async ({ page }) => {
    await runningDaemonSet(page);
    await page.getByTestId('text-view').locator('summary').click();
    await page.getByTestId('node-card').first().locator('.node-more summary').click();
    await checkLooks(page, 'playground with DaemonSet running', LOOKS);
  });

  test('the timeline open, with more events than it lists at first', async ({ page }) => {
    const app = new Playground(page);
    await app.goto('/?nodes=40');
    await app.apply();
    await expect(page.locator('[data-testid="pod-card"][data-ready="true"]')).toHaveCount(40, { timeout: 60_000 });
    await page.getByTestId('clock-toggle').click();
    await page.getByTestId('timeline-toggle').click();
    await expect(page.getByTestId('timeline-more')).toBeVisible();
    await checkLooks(page, 'timeline open, more to show', LOOKS);
  });

  test('kubectl describe and the terminal output', async ({ page }) => {
    const app = await runningDaemonSet(page);
    await app.podCards(NODES.workers[0]).first().click();
    await expect(app.terminalOutput()).toContainText('kubectl describe pod');
    const input = page.getByTestId('terminal-input');
    await input.fill('kubectl get ds');
    await input.press('Enter');
    await input.fill('kubectl get nope');
    await input.press('Enter');
    await expect(app.terminalOutput()).toContainText('error: the server doesn\'t have a resource type "nope"');
    await checkLooks(page, 'describe and terminal output', LOOKS);
  });

  test('the editor showing a YAML error, with a hint and an answered question', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.setYaml('apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: [oops\n');
    await app.apply();
    await expect(page.getByTestId('apply-error')).toBeVisible();
    await page.getByRole('button', { name: 'Mostrar una pista' }).click();
    const q = page.getByTestId('predict').first();
    await q.getByLabel('En los tres nodos de trabajo').check();
    await q.getByRole('button', { name: 'Comprobar' }).click();
    await expect(q.locator('.predict-result')).toBeVisible();
    await checkLooks(page, 'YAML error', LOOKS);
  });

  test('projecting: the stage with the lesson and the terminal over it, the why drawer, the menu open', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const app = await runningDaemonSet(page);
    await app.project();
    await app.key('l');
    await app.key('y');
    await expect(page.getByTestId('why-panel')).toBeVisible();
    // T opens the terminal ready to type: its line takes the focus (a key after it is typed).
    await app.key('t');
    await expect(page.getByTestId('terminal-input')).toBeFocused();
    await expect(page.getByTestId('why-panel')).toBeVisible();
    await expectNoViolations(page, 'projection stage with overlays');
    await app.openMenu();
    await expectNoViolations(page, 'projection stage, menu open');
  });

  test('a phone: the header menu open, then the lesson finished with its completion panel', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new Playground(page);
    await page.goto('/');
    await expect(page.getByTestId('panel-tabs')).toBeVisible();
    await app.openMenu();
    await checkLooks(page, 'phone, menu open', BASIC_LOOKS);
    await page.keyboard.press('Escape');
    await app.stepLink(6).click();
    await app.panelTab('terminal').click();
    await app.run('kubectl apply -f daemonset.yaml');
    await app.run('sleep 20s');
    await app.run('kubectl apply -f daemonset-v2.yaml');
    await app.run('sleep 40s');
    await app.panelTab('lesson').click();
    await expect(page.getByTestId('completion')).toBeVisible({ timeout: 30_000 });
    await checkLooks(page, 'phone, completion panel', BASIC_LOOKS);
  });
});
