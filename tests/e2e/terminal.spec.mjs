// The terminal: kubectl's own output, a watch that streams as the clock runs and stops
// with Ctrl+C, history with the arrow keys.
import { test, expect } from '@playwright/test';
import { Playground } from './pages/playground.mjs';

test.describe('Terminal', () => {
  test('kubectl get -w streams rows while the clock runs; Ctrl+C stops it', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const input = page.getByTestId('terminal-input');
    await input.fill('kubectl get pods -w');
    await input.press('Enter');
    await app.apply();
    const out = app.terminalOutput();
    await expect(out).toContainText('NAME');
    await expect(out).toContainText('ContainerCreating');
    await expect(out).toContainText(/nginx-ds-\w{5}\s+1\/1\s+Running/, { timeout: 20_000 });
    await input.press('Control+c');
    await expect(out).toContainText('^C');
  });

  test('history with the arrow keys, and kubectl errors as kubectl prints them', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const input = page.getByTestId('terminal-input');
    await input.fill('kubectl gt pods');
    await input.press('Enter');
    await expect(app.terminalOutput()).toContainText('error: unknown command "gt" for "kubectl"');
    await expect(app.terminalOutput()).toContainText('Did you mean this?');
    await input.fill('kubectl get nodes');
    await input.press('Enter');
    await expect(app.terminalOutput()).toContainText('kind-control-plane   Ready    control-plane');
    await input.press('ArrowUp');
    await expect(input).toHaveValue('kubectl get nodes');
    await input.press('ArrowUp');
    await expect(input).toHaveValue('kubectl gt pods');
  });
});
