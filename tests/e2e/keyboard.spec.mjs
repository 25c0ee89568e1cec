// Keyboard only: the whole first lesson (DaemonSet) done with Tab, Shift+Tab, Enter, Space,
// arrows and typing — no mouse, no element.click(). Along the way the focused element must
// always show where it is (a visible outline).
import { test, expect } from '@playwright/test';
import { POD_READY_TIMEOUT } from './pages/playground.mjs';

/** Is the focused element `selector` (and, if given, with exactly this text)? */
function focusedIs(page, selector, text) {
  return page.evaluate(
    ({ selector, text }) => {
      const el = document.activeElement;
      return !!el && el.matches(selector) && (text === undefined || el.textContent.trim() === text);
    },
    { selector, text },
  );
}

/** Does `selector` (with `text`) come after the focused element, in document order? */
function targetIsAhead(page, selector, text) {
  return page.evaluate(
    ({ selector, text }) => {
      const target = [...document.querySelectorAll(selector)].find((el) => text === undefined || el.textContent.trim() === text);
      const here = document.activeElement;
      if (!target || !here || here === document.body) return true;
      return !!(here.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
    },
    { selector, text },
  );
}

/**
 * Presses Tab, or Shift+Tab when the target lies behind, until the focus is on `selector`.
 * In the YAML editor Tab indents, so Escape comes first there, as the editor tells keyboard
 * users.
 */
async function tabTo(page, selector, { text, max = 400 } = {}) {
  const ahead = await targetIsAhead(page, selector, text);
  for (let i = 0; i < max; i++) {
    if (await focusedIs(page, selector, text)) return;
    if (ahead && (await focusedIs(page, 'textarea[data-testid="editor"]'))) {
      await page.keyboard.press('Escape');
    }
    await page.keyboard.press(ahead ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`keyboard focus never reached ${selector}${text ? ` "${text}"` : ''}`);
}

/** The focused element draws a visible focus indicator (an outline of at least 2px). */
async function expectFocusVisible(page, what) {
  const f = await page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      tag: `${el.tagName.toLowerCase()}.${el.className}`,
      focusVisible: el.matches(':focus-visible'),
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      outlineShown: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
      onScreen: r.width > 0 && r.height > 0,
    };
  });
  expect(f, `focus indicator on ${what}`).toMatchObject({ focusVisible: true, outlineShown: true, onScreen: true });
}

async function expectGoalsMet(page, ids) {
  for (const id of ids) {
    await expect(page.locator(`[data-goal="${id}"]`), `goal ${id}`).toHaveAttribute('data-met', 'true', {
      timeout: POD_READY_TIMEOUT,
    });
  }
}

async function nextStep(page, n) {
  await tabTo(page, '[data-testid="next-step"]');
  await expectFocusVisible(page, 'the next-step button');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-count')).toHaveText(new RegExp(`Paso ${n} de 6`));
}

test('the first lesson, done with the keyboard alone', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  const editor = page.getByTestId('editor');
  const terminal = page.getByTestId('terminal-output');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('step-count')).toHaveText(/Paso 1 de 6/);

  // The first Tab reaches the skip link, shown while focused.
  await page.keyboard.press('Tab');
  expect(await focusedIs(page, 'a.skip-link')).toBe(true);
  await expectFocusVisible(page, 'the skip link');

  // Step 1 — predict with the arrow keys, then apply daemonset.yaml with Ctrl+Enter.
  await tabTo(page, '[data-testid="predict"] input[type="radio"]');
  await page.keyboard.press('ArrowDown'); // the second choice: the three workers
  await tabTo(page, '[data-testid="predict"] button');
  await page.keyboard.press('Enter');
  await expect(page.locator('.predict-result')).toHaveAttribute('data-right', 'true');
  await tabTo(page, 'textarea[data-testid="editor"]');
  await expectFocusVisible(page, 'the YAML editor');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('apply-result')).toContainText('daemonset.apps/nginx-ds created');
  await expectGoalsMet(page, ['pods-on-workers', 'none-on-control-plane']);
  // A pod card opens kubectl describe with Enter.
  await tabTo(page, '[data-testid="pod-card"]');
  await expectFocusVisible(page, 'a pod card');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText('$ kubectl describe pod nginx-ds-');

  // Step 2 — the step's command block runs in the terminal.
  await nextStep(page, 2);
  await tabTo(page, '[data-testid="step-text"] button.code-action[data-action="run"]');
  await expectFocusVisible(page, 'a code block button');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText('$ kubectl get pods -l app=nginx-app');
  await expectGoalsMet(page, ['ran-get-ds', 'ran-get-pods']);

  // Step 3 — label the node with its controls, open daemonset-ssd.yaml's tab, apply it.
  await nextStep(page, 3);
  await tabTo(page, '[data-node="kind-worker2"] .node-more summary');
  await expectFocusVisible(page, 'the node actions summary');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  expect(await focusedIs(page, '[data-node="kind-worker2"] .node-more input')).toBe(true);
  await page.keyboard.type('disk=ssd');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText('node/kind-worker2 labeled');
  // The file tabs are one Tab stop; the arrow keys move between files.
  await tabTo(page, '[role="tab"][aria-selected="true"]', { text: 'daemonset.yaml' });
  await expectFocusVisible(page, 'an editor tab');
  await page.keyboard.press('ArrowRight');
  expect(await focusedIs(page, '[role="tab"][aria-selected="true"]', 'daemonset-ssd.yaml')).toBe(true);
  await expect(editor).toHaveValue(/disk: ssd/);
  await tabTo(page, 'textarea[data-testid="editor"]');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('apply-result')).toContainText('daemonset.apps/nginx-ds configured');
  await expectGoalsMet(page, ['only-ssd', 'every-eligible']);

  // Step 4 — the question is skipped; the YAML block loads into the editor; the command
  // block applies the file.
  await nextStep(page, 4);
  await tabTo(page, '[data-testid="predict-skip"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid="step-text"] button.code-action[data-action="load"]');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveValue(/tolerations:/);
  await tabTo(page, '[data-testid="step-text"] button.code-action[data-action="run"]');
  await page.keyboard.press('Space');
  await expect(terminal).toContainText('$ kubectl apply -f daemonset-all-nodes.yaml');
  await expectGoalsMet(page, ['all-four']);

  // Step 5 — add a node with its button, remove it with its card's button, let time pass.
  await nextStep(page, 5);
  await tabTo(page, '[data-testid="add-node"]');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="node-card"][data-node="kind-worker4"]')).toHaveCount(1);
  await expectGoalsMet(page, ['followed-add']);
  await tabTo(page, '[data-node="kind-worker4"] [data-testid="node-remove"]');
  await expectFocusVisible(page, 'a node control');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="node-card"][data-node="kind-worker4"]')).toHaveCount(0);
  await tabTo(page, '[data-testid="terminal-input"]');
  await expectFocusVisible(page, 'the terminal prompt');
  await page.keyboard.type('sleep 45s');
  await page.keyboard.press('Enter');
  await expectGoalsMet(page, ['followed-remove']);

  // Step 6 — the rolling update, from the step's command blocks: the first starts it and
  // watches, the second (which stops the watch first) shows the images.
  await nextStep(page, 6);
  await tabTo(page, '[data-testid="predict-skip"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid="step-text"] button.code-action[data-action="run"]');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText('$ kubectl get ds -w');
  await expectGoalsMet(page, ['new-image', 'all-ready', 'one-at-a-time']);
  await tabTo(page, '[data-testid="step-text"] pre[data-action="run"] ~ pre[data-action="run"] + button.code-action');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText('$ kubectl get ds -o wide');

  // The last step: nothing further, and every goal on the page is ticked.
  await expect(page.getByTestId('next-step')).toBeDisabled();
  await expect(page.locator('[data-goal][data-met="false"]')).toHaveCount(0);
});
