// Shells in containers, from the browser terminal: `kubectl exec -it` opens the container's
// shell at its prompt, its lines go there until `exit`, and `kubectl run -it --rm` makes a
// real pod (its card appears on its node) that goes away when the shell exits.
import { test, expect } from '@playwright/test';
import { Playground } from './pages/playground.mjs';

test.describe('Container shells', () => {
  test('exec -it opens the shell: files written there are served by nginx; run -it --rm shows its pod until exit', async ({ page }) => {
    const app = new Playground(page);
    await app.goto('/?lang=en');
    await app.run('kubectl run web --image=nginx:1.27');
    await expect(app.podCardNamed('web')).toHaveAttribute('data-status', 'Running', { timeout: 20_000 });
    const prompt = page.getByTestId('terminal-prompt');
    await expect(prompt).toHaveText('$');
    await app.run('kubectl exec -it web -- sh');
    // Debian's dash as root: "# ".
    await expect(prompt).toHaveText('#');
    await app.run('echo "<p>$(hostname)</p>" > /usr/share/nginx/html/index.html');
    await app.run('cat /usr/share/nginx/html/index.html');
    await expect(app.terminalOutput()).toContainText('<p>web</p>');
    await expect(app.terminalOutput().locator('.term-line').last()).toContainText('# cat /usr/share/nginx/html/index.html');
    await app.run('exit');
    await expect(prompt).toHaveText('$');
    await app.run('kubectl run -it --rm --image=busybox:1.28 t --restart=Never -- sh');
    await expect(prompt).toHaveText('/ #', { timeout: 20_000 });
    // A real pod: its card is on a node while the shell is open.
    await expect(app.podCardNamed('t')).toHaveAttribute('data-status', 'Running');
    await app.run('wget -qO- web');
    await expect(app.terminalOutput()).toContainText('wget: bad address');
    await app.run('kubectl get pods');
    await expect(app.terminalOutput()).toContainText('sh: kubectl: not found');
    await app.run('exit');
    await expect(prompt).toHaveText('$');
    await expect(app.terminalOutput()).toContainText('pod "t" deleted from default namespace');
    await expect(app.podCardNamed('t')).toHaveCount(0, { timeout: 10_000 });
  });
});
