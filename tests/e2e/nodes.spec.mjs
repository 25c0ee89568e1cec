// The DaemonSet follows the nodes: a node added gets a pod, a node removed takes it away.
// The node controls are buttons, reachable by keyboard, and each shows its command.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';

test.describe('Nodes and the DaemonSet', () => {
  test('adding a node puts a pod on it; removing it takes the pod away', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);

    await page.getByTestId('add-node').click();
    await expect(app.terminalOutput()).toContainText('$ sim node add kind-worker4');
    await expect(app.nodeCard('kind-worker4')).toHaveAttribute('data-role', 'worker');
    await app.expectOneReadyDaemonSetPodOn(['kind-worker4']);

    // The pod garbage collector removes a vanished node's pods after 40 simulated seconds.
    await app.speed(10);
    await app.nodeButton('kind-worker4', 'remove').click();
    await expect(app.terminalOutput()).toContainText('$ sim node remove kind-worker4');
    await expect(app.nodeCard('kind-worker4')).toHaveCount(0);
    await expect(page.locator('[data-testid="pod-card"][data-owner-kind="DaemonSet"]')).toHaveCount(3, { timeout: 20_000 });
  });

  test('keyboard only: apply with Ctrl+Enter and cordon a node', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.editor.focus();
    await page.keyboard.press('Control+Enter');
    await expect(app.applyResult).toContainText('created');

    const cordon = app.nodeButton('kind-worker', 'cordon');
    await cordon.focus();
    await page.keyboard.press('Enter');
    await expect(app.terminalOutput()).toContainText('node/kind-worker cordoned');
    await expect(app.nodeCard('kind-worker')).toContainText('Sin programación');
    // Cordoned nodes keep (and still receive) their DaemonSet pod.
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
  });
});
