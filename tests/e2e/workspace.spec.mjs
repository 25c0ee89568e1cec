// The playground's extras: the plain-textarea editor, names in the terminal that select
// their card, the cluster view's workload filter.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';

const BAD_DS = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  selectr: {}\n';
const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n';

test.describe('Plain editor', () => {
  test('a plain labelled textarea keeps the text, applies, and lists errors at their line', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const original = await app.yaml();
    const toggle = app.plainToggle();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    // The same text, in a plain textarea with a visible label and no overlay or gutter.
    const plain = page.getByLabel('Editor: daemonset.yaml');
    await expect(plain).toBeVisible();
    await expect(plain).toHaveAttribute('data-mode', 'plain');
    expect(await app.yaml()).toBe(original);
    await expect(page.locator('.editor .highlight')).toHaveCount(0);
    await expect(page.locator('.editor .gutter')).toHaveCount(0);
    await expect(plain).toHaveAttribute('aria-describedby', /editor-problems/);

    await plain.fill(BAD_DS);
    await plain.press('Control+Enter');
    const problem = app.editorProblems().locator('li[data-line="6"]');
    await expect(problem).toHaveText(/^Línea 6 \(error\): .*campo desconocido/);
    await expect(page.getByTestId('apply-error')).toHaveAttribute('data-line', '6');

    await plain.fill(original);
    await plain.press('Control+Enter');
    await expect(app.applyResult).toContainText('daemonset.apps/nginx-ds created');
    await expect(app.editorProblems()).toContainText('Sin errores ni avisos');
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);

    // Typed text survives switching back to the highlighted editor, and forth again.
    const edited = original.replace('nginx:1.27', 'nginx:1.28');
    await plain.fill(edited);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('.editor .highlight')).toHaveCount(1);
    expect(await app.yaml()).toBe(edited);
    await toggle.click();
    expect(await app.yaml()).toBe(edited);
  });
});

test.describe('Names in the terminal', () => {
  test('a pod name in kubectl get pods selects and focuses its card; the text copies as printed', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await app.run('kubectl get pods -o wide');
    const out = app.terminalOutput();
    await expect(out).toContainText('NOMINATED NODE');
    const names = app.terminalNames('pod');
    await expect(names).toHaveCount(3);
    const name = (await names.first().textContent()).trim();
    expect(name).toMatch(/^nginx-ds-\w{5}$/);
    // The NODE column's names select nodes too.
    await expect(app.terminalNames('node')).toHaveCount(3);

    await names.first().click();
    const card = app.podCardNamed(name);
    await expect(card).toHaveClass(/selected/);
    await expect(card).toBeFocused();

    // Keyboard: Enter on a node's name selects its card.
    const nodeName = app.terminalNames('node').first();
    const node = (await nodeName.textContent()).trim();
    await nodeName.focus();
    await page.keyboard.press('Enter');
    await expect(app.nodeCard(node)).toHaveClass(/selected/);
    await expect(card).not.toHaveClass(/selected/);

    // Selecting the output gives kubectl's text, columns intact.
    const copied = await out.locator('.term-stdout').last().evaluate((pre) => {
      const sel = window.getSelection();
      sel.selectAllChildren(pre);
      const text = sel.toString();
      sel.removeAllRanges();
      return { text, plain: pre.textContent };
    });
    // (A selection leaves out the last line break, links or not.)
    expect(copied.text).toBe(copied.plain.replace(/\n$/, ''));
    const lines = copied.text.split('\n').filter((l) => l.length);
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
    const col = lines[0].indexOf('NODE ');
    for (const l of lines.slice(1)) {
      expect(l).toMatch(/^nginx-ds-\w{5}\s+1\/1\s+Running/);
      expect(l.slice(col)).toMatch(/^kind-worker\d?\s/);
    }
  });
});

test.describe('Workload filter', () => {
  test('shows the pods of one workload, of a Deployment through its ReplicaSet, or bare pods; nodes stay', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.setYaml(DEPLOY);
    await app.apply();
    await app.run('kubectl run solo --image=nginx:1.27');
    await expect(app.allPodCards()).toHaveCount(6, { timeout: 20_000 });
    const filter = app.workloadFilter();
    await expect(filter.locator('option')).toHaveText(['Todos los Pods', 'DaemonSet nginx-ds', 'Deployment web', 'Pods sueltos']);

    await filter.selectOption({ label: 'Deployment web' });
    await expect(app.allPodCards()).toHaveCount(2);
    for (const owner of await app.allPodCards().evaluateAll((els) => els.map((e) => e.dataset.ownerKind))) {
      expect(owner).toBe('ReplicaSet');
    }
    await expect(app.nodeCards).toHaveCount(4);
    await expect(page.getByTestId('filtered-out').first()).toContainText('ocultos por el filtro');

    await filter.selectOption({ label: 'Pods sueltos' });
    await expect(app.allPodCards()).toHaveCount(1);
    await expect(app.allPodCards().first()).toHaveAttribute('data-pod', 'solo');

    await filter.selectOption({ label: 'DaemonSet nginx-ds' });
    await expect(app.allPodCards()).toHaveCount(3);
    await expect(app.allPodCards().and(page.locator('[data-owner-kind="DaemonSet"]'))).toHaveCount(3);

    // A name in the terminal whose pod the filter hides brings every pod back.
    await app.run('kubectl get pod solo');
    await app.terminalNames('pod').filter({ hasText: /^solo$/ }).last().click();
    await expect(filter).toHaveValue('all');
    await expect(app.allPodCards()).toHaveCount(6);
    await expect(app.podCardNamed('solo')).toBeFocused();
  });
});
