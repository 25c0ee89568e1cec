// First lesson: a DaemonSet puts one pod on every node that accepts it.
import { test, expect } from '@playwright/test';
import YAML from 'yaml';
import { Playground, NODES, ALL_NODES } from './pages/playground.mjs';

test.describe('DaemonSet', () => {
  test('applying the seed DaemonSet runs one pod per worker', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();

    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(app.lessonHeading).toBeVisible();
    await expect(app.editor).toHaveValue(/kind:\s*DaemonSet/);

    // The default cluster: one tainted control plane and three workers.
    await expect(app.nodeCards).toHaveCount(4);
    await expect(app.nodeCard(NODES.controlPlane)).toHaveAttribute('data-role', 'control-plane');
    for (const w of NODES.workers) {
      await expect(app.nodeCard(w)).toHaveAttribute('data-role', 'worker');
    }

    await app.apply();
    await expect(app.applyResult).toContainText('created');

    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    // The control plane's NoSchedule taint keeps the DaemonSet off it.
    await expect(app.podCards(NODES.controlPlane, { owner: 'DaemonSet' })).toHaveCount(0);
    // The "why" panel says so, in Spanish, naming the node and its taint.
    const why = page.getByTestId('why-panel');
    await expect(why).toContainText('kind-control-plane');
    await expect(why).toContainText('node-role.kubernetes.io/control-plane:NoSchedule');
    await expect(why).toContainText('no lo tolera');
    // And the step's goals tick themselves.
    await expect(page.locator('[data-goal][data-met="true"]')).toHaveCount(2);
  });

  test('the view follows the YAML: a toleration adds the control plane', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();

    const doc = YAML.parseDocument(await app.yaml());
    expect(doc.errors, 'seed YAML parses').toEqual([]);
    expect(doc.get('kind')).toBe('DaemonSet');
    const toleration = {
      key: 'node-role.kubernetes.io/control-plane',
      operator: 'Exists',
      effect: 'NoSchedule',
    };
    const path = ['spec', 'template', 'spec', 'tolerations'];
    const existing = doc.getIn(path);
    if (existing && YAML.isSeq(existing)) {
      existing.add(doc.createNode(toleration));
    } else {
      doc.setIn(path, doc.createNode([toleration]));
    }
    const edited = doc.toString();
    expect(edited).toContain('node-role.kubernetes.io/control-plane');

    await app.setYaml(edited);
    await expect(app.editor).toHaveValue(edited);
    await app.apply();
    await expect(app.applyResult).toContainText(/created|configured/);

    await app.expectOneReadyDaemonSetPodOn(ALL_NODES);
  });
});
