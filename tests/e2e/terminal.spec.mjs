// The terminal: kubectl's own output, a watch that streams as the clock runs and stops
// with Ctrl+C, history with the arrow keys.
import { test, expect } from '@playwright/test';
import { Playground } from './pages/playground.mjs';

test.describe('Terminal', () => {
  test('a pod whose command ends: Completed with its output in kubectl logs, or a restart loop on its card', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.run('kubectl run dns --image=busybox:1.36 --restart=Never -- nslookup kubernetes');
    await app.run('kubectl run nap --image=busybox:1.36 -- sleep 1');
    const dns = app.podCardNamed('dns');
    await expect(dns).toHaveAttribute('data-status', 'Completed', { timeout: 20_000 });
    await expect(dns).toContainText('■ Completado');
    await app.run('kubectl logs dns');
    await expect(app.terminalOutput()).toContainText('Name:\tkubernetes.default.svc.cluster.local');
    const nap = app.podCardNamed('nap');
    await expect(nap).toHaveAttribute('data-status', 'CrashLoopBackOff', { timeout: 30_000 });
    await expect(nap).toContainText('↻ Reinicios en bucle (CrashLoopBackOff)');
  });

  test('an image that does not exist: ErrImagePull then ImagePullBackOff on the card, in words, and kubectl says why', async ({ page }) => {
    const app = new Playground(page);
    await app.goto('/?lang=en');
    await app.run('kubectl run typo --image=nginx:1.277');
    const card = app.podCardNamed('typo');
    await expect(card).toHaveAttribute('data-status', 'ErrImagePull', { timeout: 20_000 });
    await expect(card).toContainText('⊘ Image pull failed (ErrImagePull)');
    await expect(card).toHaveAttribute('data-status', 'ImagePullBackOff', { timeout: 30_000 });
    await expect(card).toContainText('⊘ Waiting to pull the image again (ImagePullBackOff)');
    await app.run('kubectl get pod typo');
    await expect(app.terminalOutput()).toContainText(/typo\s+0\/1\s+(ImagePullBackOff|ErrImagePull)/);
    await app.run('kubectl describe pod typo');
    await expect(app.terminalOutput()).toContainText('Failed to pull image "nginx:1.277": rpc error: code = NotFound');
    // The card keeps its shape in every look: a double edge, not only a colour.
    const edge = await card.evaluate((el) => getComputedStyle(el).borderLeftStyle);
    expect(edge).toBe('double');
  });

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

  test('Tab completes commands, kinds and names; Ctrl+R finds an earlier command; a paste runs each line', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const input = page.getByTestId('terminal-input');
    await input.fill('kubectl cor');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl cordon ');
    await input.pressSequentially('kind-c');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl cordon kind-control-plane ');
    await input.fill('kubectl get no');
    await input.press('Tab');
    await expect(app.terminalOutput()).toContainText('no  node  nodes');
    await input.fill('kubectl get nodes');
    await input.press('Enter');
    await input.fill('kubectl get ns');
    await input.press('Enter');
    await input.fill('node');
    await input.press('Control+r');
    await expect(input).toHaveValue('kubectl get nodes');
    await input.fill('');
    // A paste of several lines, a heredoc among them, runs them in order.
    await input.focus();
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="terminal-input"]');
      const data = new DataTransfer();
      data.setData('text', 'cat > p.yaml <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: suelto\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: [sleep, infinity]\nEOF\nkubectl apply -f p.yaml\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(app.terminalOutput()).toContainText('pod/suelto created');
  });
});
