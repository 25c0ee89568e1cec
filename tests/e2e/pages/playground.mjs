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

  /** Brings the editor back if the terminal took its room (a wide table arrived). */
  async showEditor() {
    const strip = this.page.getByTestId('editor-strip');
    if (await strip.isVisible()) await strip.click();
  }

  async yaml() {
    return this.editor.inputValue();
  }

  async setYaml(text) {
    await this.showEditor();
    await this.editor.fill(text);
  }

  async apply() {
    await this.showEditor();
    await this.applyButton.click();
  }

  /** Types a line in the terminal and runs it. */
  async run(line) {
    const input = this.page.getByTestId('terminal-input');
    await input.fill(line);
    await input.press('Enter');
  }

  /** Answers nothing: skips every predict question of the step, so its buttons act. */
  async skipPredictions() {
    const skips = this.page.getByTestId('predict-skip');
    while ((await skips.count()) > 0) {
      await skips.first().click();
    }
  }

  /** The first code button of the step's text that does `action` ('run' or 'load'). */
  stepCodeButton(action, n = 0) {
    return this.page.locator(`[data-testid="step-text"] button.code-action[data-action="${action}"]`).nth(n);
  }

  /** Opens the header's (or, while projecting, the stage bar's) main menu. */
  async openMenu() {
    const button = this.page.locator('[data-testid="main-menu-button"], [data-testid="stage-menu-button"]').first();
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  }

  /** Switches projection on (P with nothing focused). */
  async project() {
    await this.page.evaluate(() => document.activeElement && document.activeElement.blur());
    await this.page.keyboard.press('p');
    await expect(this.page.locator('html')).toHaveClass(/\bprojection\b/);
  }

  /** Presses a page key with nothing focused (keys do not act while typing). */
  async key(k) {
    await this.page.evaluate(() => document.activeElement && document.activeElement.blur());
    await this.page.keyboard.press(k);
  }

  /** Waits until the offline toast, if any, has left (it leaves by itself). */
  async toastGone() {
    await expect(this.page.getByTestId('offline-notice')).toBeEmpty({ timeout: 20_000 });
  }

  // ---- layout: the folding lesson pane, the separators, the narrow-screen tabs

  lessonSlot() {
    return this.page.getByTestId('slot-lesson');
  }

  /** The separator between the lesson pane and the playground ('lesson') or between the
   * cluster view and the editor and terminal ('cluster'). */
  splitter(which) {
    return this.page.getByTestId(`${which}-splitter`);
  }

  /** A tab of the narrow layout: 'lesson', 'cluster', 'editor' or 'terminal'. */
  panelTab(name) {
    return this.page.getByTestId(`tab-${name}`);
  }

  /** The panel a tab shows (a wrapper of the panel on wide screens). */
  panelSlot(name) {
    return this.page.getByTestId(`slot-${name}`);
  }

  async width(locator) {
    return (await locator.boundingBox()).width;
  }

  async height(locator) {
    return (await locator.boundingBox()).height;
  }

  // ---- editor, terminal, cluster view, lesson extras

  plainToggle() {
    return this.page.getByTestId('plain-toggle');
  }

  editorProblems() {
    return this.page.getByTestId('editor-problems');
  }

  /** Names in the terminal's output that select their pod or node ('pod' or 'node'). */
  terminalNames(kind) {
    return this.terminalOutput().locator(`[data-testid="term-name"][data-kind="${kind}"]`);
  }

  workloadFilter() {
    return this.page.getByTestId('workload-filter');
  }

  /** Every pod card in the cluster view, on any node. */
  allPodCards() {
    return this.page.locator('[data-testid="pod-card"]');
  }

  podCardNamed(name) {
    return this.page.locator(`[data-testid="pod-card"][data-pod="${name}"]`);
  }

  stepLink(n) {
    return this.page.getByTestId('step-link').nth(n - 1);
  }

  goal(id) {
    return this.page.locator(`[data-testid="goals"] [data-goal="${id}"]`);
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
