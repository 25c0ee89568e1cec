// Page object of the kubeaula playground: lesson pane, YAML editor, simulated cluster.
// Follows the app's DOM contract (data-testid / data-* attributes).
import { expect } from '@playwright/test';

export const NODES = {
  controlPlane: 'kind-control-plane',
  workers: ['kind-worker', 'kind-worker2', 'kind-worker3'],
};
export const ALL_NODES = [NODES.controlPlane, ...NODES.workers];

/** Time allowed for pods to be scheduled, started and reported ready (simulated clock at 1x). */
export const POD_READY_TIMEOUT = 30_000;

export class Playground {
  /** @param {import('@playwright/test').Page} page */
  constructor(page) {
    this.page = page;
    this.lesson = page.getByTestId('lesson');
    this.lessonHeading = this.lesson.locator('h1, h2').filter({ hasText: 'DaemonSet' }).first();
    this.editor = page.getByTestId('editor');
    this.applyButton = page.getByTestId('apply');
    this.applyResult = page.getByTestId('apply-result');
    this.nodeCards = page.getByTestId('node-card');
  }

  async goto(path = '/') {
    await this.page.goto(path);
    await expect(this.editor).toBeVisible();
  }

  nodeCard(name) {
    return this.page.locator(`[data-testid="node-card"][data-node="${name}"]`);
  }

  /** Pod cards inside a node card; `owner` filters on data-owner-kind, `ready` on data-ready. */
  podCards(nodeName, { owner, ready } = {}) {
    let sel = '[data-testid="pod-card"]';
    if (owner !== undefined) sel += `[data-owner-kind="${owner}"]`;
    if (ready !== undefined) sel += `[data-ready="${ready}"]`;
    return this.nodeCard(nodeName).locator(sel);
  }

  /** Sets the simulated clock's speed (1, 2, 5 or 10). */
  async speed(x) {
    await this.page.getByTestId('clock-speed').selectOption(String(x));
  }

  /** Buttons of a node card (cordon, drain, fail, remove). */
  nodeButton(nodeName, action) {
    return this.nodeCard(nodeName).getByTestId(`node-${action}`);
  }

  terminalOutput() {
    return this.page.getByTestId('terminal-output');
  }

  async yaml() {
    return this.editor.inputValue();
  }

  async setYaml(text) {
    await this.editor.fill(text);
  }

  async apply() {
    await this.applyButton.click();
  }

  /**
   * Waits until each of `nodes` holds exactly one DaemonSet pod, Running and ready.
   */
  async expectOneReadyDaemonSetPodOn(nodes, timeout = POD_READY_TIMEOUT) {
    for (const node of nodes) {
      await expect(this.nodeCard(node), `node card ${node}`).toHaveCount(1);
      await expect(
        this.podCards(node, { owner: 'DaemonSet', ready: 'true' }),
        `one ready DaemonSet pod on ${node}`,
      ).toHaveCount(1, { timeout });
      const pods = this.podCards(node, { owner: 'DaemonSet' });
      await expect(pods, `exactly one DaemonSet pod on ${node}`).toHaveCount(1);
      await expect(pods.first()).toHaveAttribute('data-phase', 'Running');
    }
  }
}
