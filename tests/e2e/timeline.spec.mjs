// The timeline of events: picking one shows the cluster as it was then, read-only, and
// "back to live" (or Escape) returns to the live cluster as it was left.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';

const daemonSetPods = (page) => page.locator('[data-testid="pod-card"][data-owner-kind="DaemonSet"]');
const readyDaemonSetPods = (page) => page.locator('[data-testid="pod-card"][data-owner-kind="DaemonSet"][data-ready="true"]');

/** The controls that would change the cluster. */
const changers = (page, app) => [
  app.applyButton,
  page.getByTestId('clock-toggle'),
  page.getByTestId('clock-step'),
  page.getByTestId('add-node'),
  app.nodeButton(NODES.workers[0], 'fail'),
  app.nodeButton(NODES.workers[0], 'cordon'),
  page.getByTestId('terminal-input'),
];

test.describe('Timeline', () => {
  test('an early event shows the cluster as it was, read-only, until back to live', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await expect(app.applyResult).toContainText('created');
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await expect(readyDaemonSetPods(page)).toHaveCount(3);

    // The timeline lists the cluster's events, newest first.
    const timeline = page.getByTestId('timeline');
    await page.getByTestId('timeline-toggle').click();
    await expect(page.getByTestId('timeline-toggle')).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByTestId('stage-drawer')).toHaveAttribute('data-drawer', 'timeline');
    const events = timeline.getByTestId('timeline-event');
    await expect(events.first()).toBeVisible();
    const times = await events.evaluateAll((els) => els.map((e) => Number(e.dataset.at)));
    expect(times.length).toBeGreaterThan(3);
    expect([...times].sort((a, b) => b - a), 'newest first').toEqual(times);

    // Filter by object: the DaemonSet's own events only.
    const filter = page.getByTestId('timeline-filter');
    const dsOption = await filter.locator('option', { hasText: 'daemonset/' }).first().getAttribute('value');
    await filter.selectOption(dsOption);
    await expect(events.first()).toContainText('daemonset/');
    const objects = await events.locator('.ev-object').allTextContents();
    expect(objects.every((o) => o.startsWith('daemonset/')), objects.join(', ')).toBe(true);
    expect(objects.length).toBeLessThan(times.length);

    // The oldest of them: the DaemonSet creating its pods, none of them started yet.
    const oldest = events.last();
    await expect(oldest).toHaveAttribute('data-reason', 'SuccessfulCreate');
    await oldest.focus();
    await page.keyboard.press('Enter');

    const banner = page.getByTestId('past-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Viendo el clúster a los');
    await expect(banner).toContainText('(pasado)');
    await expect(oldest).toHaveAttribute('aria-pressed', 'true');
    await expect(daemonSetPods(page)).toHaveCount(3);
    await expect(readyDaemonSetPods(page), 'no pod was ready yet then').toHaveCount(0);
    const statuses = await daemonSetPods(page).evaluateAll((els) => els.map((e) => e.dataset.status));
    expect(statuses.every((s) => s !== 'Running'), statuses.join(', ')).toBe(true);

    // Read-only while looking back: the clock is paused and what changes the cluster is off.
    await expect(page.getByTestId('clock-toggle')).toHaveAttribute('aria-pressed', 'true');
    for (const c of changers(page, app)) {
      await expect(c).toBeDisabled();
    }
    // Ctrl+Enter in the editor does not apply either; the banner says why.
    await app.editor.focus();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('past-refused')).toContainText('solo lectura');

    // Back to live: the live cluster, as it was left, and the clock running again.
    await page.getByTestId('back-to-live').click();
    await expect(banner).toBeHidden();
    await expect(readyDaemonSetPods(page)).toHaveCount(3);
    await expect(page.getByTestId('clock-toggle')).toHaveAttribute('aria-pressed', 'false');
    for (const c of changers(page, app)) {
      await expect(c).toBeEnabled();
    }

    // Escape leaves a look back too.
    await events.last().click();
    await expect(banner).toBeVisible();
    await expect(readyDaemonSetPods(page)).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(banner).toBeHidden();
    await expect(readyDaemonSetPods(page)).toHaveCount(3);
  });

  test('looking back, the why panel tells what the controller knew then', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    const why = page.getByTestId('why-panel');
    await expect(why).toContainText('3 nodos ya tienen su Pod');
    // A fourth worker: the DaemonSet follows it, and its record says so.
    await page.getByTestId('add-node').click();
    await app.expectOneReadyDaemonSetPodOn([...NODES.workers, 'kind-worker4']);
    await expect(why).toContainText('4 nodos ya tienen su Pod');

    // Back to when the DaemonSet made its first pods: three workers, three pods.
    await page.getByTestId('timeline-toggle').click();
    const timeline = page.getByTestId('timeline');
    const filter = page.getByTestId('timeline-filter');
    const dsOption = await filter.locator('option', { hasText: 'daemonset/' }).first().getAttribute('value');
    await filter.selectOption(dsOption);
    await timeline.getByTestId('timeline-event').last().click();
    await expect(page.getByTestId('past-banner')).toBeVisible();
    await expect(why).toContainText('3 nodos ya tienen su Pod');
    await expect(why).not.toContainText('4 nodos');

    await page.getByTestId('back-to-live').click();
    await expect(why).toContainText('4 nodos ya tienen su Pod');
  });

  test('the timeline speaks English too, and marks warnings by word', async ({ page }) => {
    const app = new Playground(page);
    await app.goto('/?lang=en');
    await page.getByTestId('timeline-toggle').click();
    // The nodes' own events are there from the start (kubectl's messages stay English).
    await expect(page.getByTestId('timeline-filter')).toContainText('All objects');
    await expect(page.getByTestId('timeline')).toContainText('Starting kubelet.');
    // A pod no node can take: the scheduler warns.
    await app.setYaml(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: picky\nspec:\n  nodeSelector:\n    disktype: none\n' +
        '  containers:\n  - name: app\n    image: nginx:1.27\n',
    );
    await app.apply();
    await expect(app.applyResult).toContainText('created');
    const warning = page.locator('[data-testid="timeline-event"][data-type="Warning"]').first();
    await expect(warning).toBeVisible();
    await expect(warning).toHaveAttribute('data-reason', 'FailedScheduling');
    await expect(warning).toContainText('Warning');
    await warning.click();
    await expect(page.getByTestId('past-banner')).toContainText('Viewing the cluster at');
    await expect(page.getByTestId('past-banner')).toContainText('(past)');
    await page.getByTestId('back-to-live').click();
    await expect(page.getByTestId('past-banner')).toBeHidden();
  });
});
