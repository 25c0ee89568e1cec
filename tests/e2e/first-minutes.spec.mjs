// The first fifteen minutes: what a student and a teacher used to trip over. Each test is
// one item: goals unmet on a fresh step, predict before act, feedback in view, the page as
// tall as the window, the save menu in the window, a link's language, help in the terminal,
// the end of a lesson, loading a snippet over changed work.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';
import { notInView } from './layout-fit.mjs';

test.describe('Lesson flow', () => {
  test('every step of both lessons opens with its goals unmet', async ({ page }) => {
    const app = new Playground(page);
    for (const lesson of ['0', '1']) {
      await app.goto();
      await page.getByTestId('lesson-select').selectOption(lesson);
      const steps = await page.getByTestId('step-link').count();
      expect(steps).toBeGreaterThan(3);
      for (let i = 1; i <= steps; i++) {
        await app.stepLink(i).click();
        const goals = page.locator('[data-testid="goals"] [data-goal]');
        expect(await goals.count(), `lesson ${lesson} step ${i}`).toBeGreaterThan(0);
        await expect(page.locator('[data-testid="goals"] [data-met="true"]'), `lesson ${lesson} step ${i}`).toHaveCount(0);
      }
    }
  });

  test("a goal about the cluster's state unticks when the state is undone", async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.skipPredictions();
    await app.apply();
    await expect(app.goal('pods-on-workers')).toHaveAttribute('data-met', 'true', { timeout: 30_000 });
    await app.run('kubectl delete ds nginx-ds');
    await expect(app.goal('pods-on-workers')).toHaveAttribute('data-met', 'false', { timeout: 30_000 });
    // The step stays completed: it was done.
    await expect(app.stepLink(1)).toHaveAttribute('data-done', 'true');
  });

  test('the predict question comes before the action, whose buttons wait for it', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const question = page.getByTestId('predict').first();
    const run = app.stepCodeButton('run');
    // In the page's order the question comes first.
    const first = await page.evaluate(() => {
      const q = document.querySelector('[data-testid="predict"]');
      const b = document.querySelector('[data-testid="step-text"] button.code-action');
      return !!(q.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(first).toBe(true);
    await expect(run).toBeDisabled();
    await expect(run).toHaveText(/Predice primero/);
    await expect(page.getByTestId('predict-first')).toBeVisible();
    // Answered and checked: the buttons act.
    await question.locator('input[type="radio"]').nth(1).check();
    await question.getByRole('button', { name: 'Comprobar' }).click();
    await expect(run).toBeEnabled();
    await expect(run).toHaveText('Ejecutar en la terminal');
    await expect(page.getByTestId('predict-first')).toHaveCount(0);
    // The next step asks again; skipping is an answer too.
    await page.getByTestId('next-step').click();
    await page.getByTestId('next-step').click();
    await expect(app.stepCodeButton('run')).toBeDisabled();
    await app.skipPredictions();
    await expect(app.stepCodeButton('run')).toBeEnabled();
  });

  test('finishing the last step shows what was learnt and the next lesson', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.speed(10);
    const steps = await page.getByTestId('step-link').count();
    await app.stepLink(steps).click();
    await expect(page.getByTestId('completion')).toHaveCount(0);
    await app.run('kubectl apply -f daemonset.yaml');
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await app.run('kubectl apply -f daemonset-v2.yaml');
    const done = page.getByTestId('completion');
    await expect(done).toBeVisible({ timeout: 60_000 });
    await expect(done).toContainText('Has terminado el último paso');
    await expect(page.getByTestId('learned').locator('li')).not.toHaveCount(0);
    await page.getByTestId('next-lesson').click();
    await expect(page.getByTestId('lesson-select')).toHaveValue('1');
    await expect(page.getByTestId('step-count')).toHaveText(/Paso 1 de/);
  });

  test('loading a snippet over a changed file asks first, and can open it in a new tab', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const mine = (await app.yaml()).replace('nginx-ds', 'mi-ds');
    await app.setYaml(mine);
    await page.locator('.lesson-text button.code-action[data-action="load"]').first().click();
    const ask = page.getByTestId('load-confirm');
    await expect(ask).toBeVisible();
    await expect(page.getByTestId('load-new-tab')).toBeFocused();
    expect(await app.yaml()).toBe(mine);
    await page.getByTestId('load-new-tab').click();
    await expect(ask).toHaveCount(0);
    await expect(page.locator('.tabs [role="tab"][aria-selected="true"]')).toHaveText('daemonset-2.yaml');
    await page.locator('.tabs [role="tab"]').first().click();
    expect(await app.yaml()).toBe(mine);
    // Unchanged files load at once.
    await page.getByTestId('slot-editor').locator('button', { hasText: 'Restaurar archivo' }).click();
    await page.locator('.lesson-text button.code-action[data-action="load"]').first().click();
    await expect(ask).toHaveCount(0);
  });
});

test.describe('Feedback in view at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("Apply's result and the YAML error box are in view, the error marked at its line", async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await expect(app.applyResult).toContainText('daemonset.apps/nginx-ds created');
    expect(await notInView(app.applyResult.locator('.ok'))).toEqual([]);
    expect(await notInView(app.applyButton)).toEqual([]);
    await app.setYaml('apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: roto\nspec:\n  selector:\n    matchLabels:\n      app: x\n  template: [\n');
    await app.apply();
    const error = page.getByTestId('apply-error');
    await expect(error).toBeVisible();
    expect(await notInView(error)).toEqual([]);
    const line = await error.getAttribute('data-line');
    const marker = page.getByTestId('error-marker');
    await expect(marker).toHaveAttribute('data-line', line);
    expect(await notInView(marker)).toEqual([]);
    await marker.focus();
    await expect(page.getByTestId('error-tip')).toBeVisible();
    expect((await page.getByTestId('error-tip').textContent()).length).toBeGreaterThan(10);
    // In lesson 2 too, whose files are longer: Apply is not clipped.
    await page.getByTestId('lesson-select').selectOption('1');
    expect(await notInView(app.applyButton)).toEqual([]);
  });

  test("the terminal gives the NODE column of -o wide room, and the editor comes back", async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await app.run('kubectl get pods -o wide');
    await expect(page.locator('main.layout')).toHaveClass(/wide-terminal/);
    const nodeNames = app.terminalOutput().locator('[data-testid="term-name"][data-kind="node"]');
    await expect(nodeNames).toHaveCount(3);
    expect(await notInView(nodeNames)).toEqual([]);
    await page.getByTestId('editor-strip').click();
    await expect(page.locator('main.layout')).not.toHaveClass(/wide-terminal/);
    await expect(app.editor).toBeFocused();
    // And by hand, with its button.
    await page.getByTestId('terminal-wide').click();
    await expect(page.locator('main.layout')).toHaveClass(/wide-terminal/);
  });

  test('the page is as tall as the window: hidden announcements add no height', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    const h = () => page.evaluate(() => [document.scrollingElement.scrollHeight, innerHeight]);
    const [scroll, inner] = await h();
    expect(scroll).toBe(inner);
    await app.project();
    const [scroll2, inner2] = await h();
    expect(scroll2).toBe(inner2);
  });
});

for (const width of [1280, 1366]) {
  test(`the save menu opens inside the window at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 768 });
    const app = new Playground(page);
    await app.goto();
    await page.getByTestId('save-menu-button').click();
    await page.getByTestId('share').click();
    await expect(page.getByTestId('share-qr')).toBeVisible();
    expect(await notInView(page.locator('.save-menu-body'))).toEqual([]);
    await page.getByTestId('reset-all').click();
    // The question is scrolled into view on the next frame, with the careful answer focused.
    await expect(page.getByTestId('reset-no')).toBeFocused();
    await expect.poll(() => notInView(page.locator('.save-menu .confirm'))).toEqual([]);
  });
}

test('a share link too long for a QR code says why and offers the file', async ({ page }) => {
  const app = new Playground(page);
  await app.goto();
  // A long session: a file grown with the student's notes.
  const notes = Array.from({ length: 160 }, (_, i) => `# nota ${i}: lo que aprendí del DaemonSet en el paso ${i}`).join('\n');
  await app.setYaml(`${await app.yaml()}\n${notes}\n`);
  await page.getByTestId('save-menu-button').click();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-qr')).toHaveCount(0);
  const why = page.getByTestId('share-no-qr');
  await expect(why).toContainText('demasiado largo para un código QR');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('share-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.yaml$/);
});

test.describe('Language', () => {
  test("a link's ?lang= wins for that visit, and the stored choice stays", async ({ page }) => {
    const app = new Playground(page);
    await app.goto('/');
    await page.getByTestId('lang-es').click();
    await app.apply();
    await page.waitForTimeout(1500);
    await app.goto('/?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('apply')).toHaveText('Apply');
    await page.waitForTimeout(1500);
    await app.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByTestId('apply')).toHaveText('Aplicar');
  });

  test('help, ? and kubectl alone answer a lost beginner in their language', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.run('help');
    const note = page.getByTestId('term-note').last();
    await expect(note).toContainText('Esta terminal acepta');
    await expect(note).toContainText('Mostrar una pista');
    await app.run('?');
    await expect(page.getByTestId('term-note')).toHaveCount(2);
    await app.run('kubectl');
    await expect(app.terminalOutput()).toContainText('Basic Commands (Beginner):');
    await expect(page.getByTestId('term-note').last()).toContainText('Esa es la ayuda de kubectl');
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('term-note').first()).toContainText('This terminal accepts');
  });
});
