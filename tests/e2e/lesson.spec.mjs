// The lesson pane: code blocks act (commands run in the terminal, YAML loads into the
// editor), and switching language keeps the cluster, the editor and the place in the lesson.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';

test.describe('Lesson pane', () => {
  test('a command block runs in the terminal', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.skipPredictions();
    const run = app.stepCodeButton('run');
    await expect(run).toHaveText('Ejecutar en la terminal');
    await run.click();
    await expect(app.terminalOutput()).toContainText('$ kubectl apply -f daemonset.yaml');
    await expect(app.terminalOutput()).toContainText('daemonset.apps/nginx-ds created');
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  });

  test('switching language keeps the cluster, the editor text and the step', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const edited = (await app.yaml()).replace('nginx-ds', 'nginx-ds-editado');
    await app.setYaml(edited);
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    const podNames = await page.locator('[data-testid="pod-card"]').evaluateAll((els) => els.map((e) => e.dataset.pod).sort());

    await page.getByTestId('lang-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('apply')).toHaveText('Apply');
    await expect(app.stepCodeButton('run')).toHaveText('Predict first ↑');
    await app.skipPredictions();
    await expect(app.stepCodeButton('run')).toHaveText('Run in the terminal');
    expect(await app.yaml()).toBe(edited);
    const after = await page.locator('[data-testid="pod-card"]').evaluateAll((els) => els.map((e) => e.dataset.pod).sort());
    expect(after).toEqual(podNames);
    await expect(page.getByTestId('step-count')).toHaveText(/Step 1 of \d+/);
  });

  test('?lang=en opens in English', async ({ page }) => {
    const app = new Playground(page);
    await app.goto('/?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(app.lesson).toContainText('What does it do?');
  });

  test('a predict question is answered before the reveal, with its explanation', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const q = page.getByTestId('predict').first();
    await expect(q).toContainText('¿En qué nodos');
    const check = q.getByRole('button', { name: 'Comprobar' });
    await expect(check).toBeDisabled();
    await q.getByLabel('En los cuatro nodos').check();
    await check.click();
    await expect(q.locator('.predict-result')).toHaveAttribute('data-right', 'false');
    await q.getByLabel('En los tres nodos de trabajo').check();
    await check.click();
    await expect(q.locator('.predict-result')).toHaveAttribute('data-right', 'true');
    await expect(q.locator('.predict-result')).toContainText('¡Correcto!');
  });

  test('steps move forward and back, each with its own goals', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await expect(page.getByTestId('step-count')).toHaveText(/Paso 1 de \d+/);
    await page.getByTestId('next-step').click();
    await expect(page.getByTestId('step-count')).toHaveText(/Paso 2 de \d+/);
    await expect(page.getByTestId('step-text')).toContainText('kubectl get ds');
    await page.getByTestId('prev-step').click();
    await expect(page.getByTestId('step-count')).toHaveText(/Paso 1 de \d+/);
  });

  test('glossary terms explain themselves on focus, in the chosen language', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const term = app.lesson.locator('.gloss').first();
    await expect(term.locator('.gloss-tip')).toBeHidden();
    await term.focus();
    await expect(term.locator('.gloss-tip')).toBeVisible();
    await page.getByTestId('lang-en').click();
    const termEn = app.lesson.locator('.gloss').first();
    await termEn.focus();
    await expect(termEn.locator('.gloss-tip')).toBeVisible();
    await expect(termEn.locator('.gloss-tip')).not.toHaveText(/[áéíóúñ¿]/);
  });
});
