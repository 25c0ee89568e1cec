// The lesson's "show solution" (it asks first) and progress kept per step: goals met
// once stay ticked, hints revealed stay revealed, the step list says which steps are done.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';

test.describe('Solution and progress', () => {
  test('show solution asks first, then shows the commands and files with their buttons', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const show = page.getByTestId('show-solution');
    await show.click();
    const confirm = page.getByTestId('solution-confirm');
    await expect(confirm).toContainText('¿Ver la solución ahora?');
    await expect(page.getByTestId('solution')).toHaveCount(0);
    await expect(page.getByTestId('solution-no')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(confirm).toHaveCount(0);
    await expect(page.getByTestId('solution')).toHaveCount(0);
    await expect(page.getByTestId('show-solution')).toBeFocused();

    await page.getByTestId('show-solution').click();
    await page.getByTestId('solution-yes').click();
    const solution = page.getByTestId('solution');
    await expect(solution).toBeVisible();
    await expect(solution.locator('#solution-title')).toBeFocused();
    // Step 1: apply daemonset.yaml (its text, loadable), then let the clock run.
    await expect(solution.locator('pre[data-file="daemonset.yaml"]')).toContainText('kind: DaemonSet');
    await expect(solution).toContainText('kubectl apply -f daemonset.yaml');
    await expect(solution).toContainText('sleep 10s');

    // Load puts the lesson's version back in the editor.
    const original = await app.yaml();
    await app.setYaml('changed: true\n');
    await solution.locator('button[data-action="load"]').click();
    expect(await app.yaml()).toBe(original);
    // Run runs the commands in the terminal.
    await solution.locator('button[data-action="run"]').first().click();
    await expect(app.terminalOutput()).toContainText('daemonset.apps/nginx-ds created');
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);

    // Another step asks again; coming back, the solution is still shown.
    await page.getByTestId('next-step').click();
    await expect(page.getByTestId('solution')).toHaveCount(0);
    await page.getByTestId('show-solution').click();
    await page.getByTestId('solution-yes').click();
    await expect(page.getByTestId('solution')).toContainText('kubectl get pods -l app=nginx-app -o wide');
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('solution')).toContainText('Run in the terminal');
    await page.getByTestId('prev-step').click();
    await expect(page.getByTestId('solution')).toContainText('kubectl apply -f daemonset.yaml');
  });

  test('goals show the state now, a done step stays done, hints are kept per step', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await expect(app.stepLink(1)).toHaveAttribute('aria-current', 'step');
    await expect(app.stepLink(1)).toHaveAttribute('data-done', 'false');
    await expect(app.stepLink(1)).toHaveAccessibleName(/Paso 1: .*\(pendiente\)/);
    await page.getByTestId('show-hint').click();
    await expect(page.locator('.hint')).toHaveCount(1);

    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await expect(app.goal('pods-on-workers')).toHaveAttribute('data-met', 'true');
    await expect(app.goal('none-on-control-plane')).toHaveAttribute('data-met', 'true');
    await expect(app.stepLink(1)).toHaveAttribute('data-done', 'true');
    await expect(app.stepLink(1)).toContainText('✔');
    await expect(app.stepLink(1)).toHaveAccessibleName(/Paso 1: .*\(hecho\)/);
    await expect(page.getByTestId('steps-done')).toHaveText(/^1 de \d+ pasos hechos$/);

    // The DaemonSet goes away: its goals untick (they say what holds now), the step
    // stays done (it was done).
    await app.run('kubectl delete ds nginx-ds');
    await expect(app.allPodCards()).toHaveCount(0, { timeout: 30_000 });
    await expect(app.goal('pods-on-workers')).toHaveAttribute('data-met', 'false');
    await expect(app.stepLink(1)).toHaveAttribute('data-done', 'true');

    // Step 2 has its own goals and hints; step 1's come back with it.
    await page.getByTestId('next-step').click();
    await expect(app.stepLink(2)).toHaveAttribute('aria-current', 'step');
    await expect(page.locator('.hint')).toHaveCount(0);
    await expect(app.goal('ran-get-ds')).toHaveAttribute('data-met', 'false');
    await app.run('kubectl get ds');
    await expect(app.goal('ran-get-ds')).toHaveAttribute('data-met', 'true');
    await expect(app.stepLink(2)).toHaveAttribute('data-done', 'false');

    await app.stepLink(1).click();
    await expect(page.getByTestId('step-count')).toHaveText(/Paso 1 de \d+/);
    await expect(page.locator('.hint')).toHaveCount(1);
    await expect(app.goal('pods-on-workers')).toHaveAttribute('data-met', 'false');
    await expect(app.stepLink(1)).toHaveAttribute('data-done', 'true');
    // A goal about something done ("you ran …") stays ticked once met.
    await page.getByTestId('next-step').click();
    await expect(app.goal('ran-get-ds')).toHaveAttribute('data-met', 'true');
  });
});
