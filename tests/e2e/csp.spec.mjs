// Content-Security-Policy: the page is served with a policy that allows no inline script,
// no eval beyond compiling wasm ('wasm-unsafe-eval') and no inline style, and the app does
// everything a student does under it without one violation.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';

/** Records every CSP violation the page reports, and every console error. */
async function watchViolations(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
  return {
    errors,
    violations: () => page.evaluate(() => window.__csp),
  };
}

function directives(policy) {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test.describe('Content-Security-Policy', () => {
  test('is sent as a header and as a meta, without unsafe-inline or unsafe-eval', async ({ page }) => {
    const response = await page.goto('/');
    const header = response.headers()['content-security-policy'];
    expect(header).toBeTruthy();
    const d = directives(header);
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['style-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(header).not.toContain('unsafe-inline');
    expect(header).not.toMatch(/'unsafe-eval'/);
    // The meta (for static hosts) says the same, less what only a header can say.
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(directives(meta)['script-src']).toEqual(d['script-src']);
    expect(directives(meta)['style-src']).toEqual(d['style-src']);
    // No script of the page is inline.
    await expect(page.getByTestId('editor')).toBeVisible();
    expect(await page.locator('script:not([src])').count()).toBe(0);
  });

  test('the app works under it with no violation: apply, terminal, lessons, languages', async ({ page }) => {
    const watch = await watchViolations(page);
    const app = new Playground(page);
    await app.goto();

    // Apply from the editor, pods appear; a pod opens kubectl describe.
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await app.podCards(NODES.workers[0]).first().click();
    await expect(app.terminalOutput()).toContainText('kubectl describe pod');

    // The terminal: commands, an error, a watch stopped with Ctrl+C, completion.
    const input = page.getByTestId('terminal-input');
    await input.fill('kubectl get ds');
    await input.press('Enter');
    await expect(app.terminalOutput()).toContainText('nginx-ds');
    await input.fill('kubectl get pods -w');
    await input.press('Enter');
    await input.press('Control+c');
    await input.fill('kubectl cor');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl cordon ');
    await input.fill('kubectl get nodes');
    await input.press('Enter');

    // A YAML error in the editor, then lesson text buttons, step navigation, a hint.
    await app.setYaml('kind: [');
    await app.apply();
    await expect(page.getByTestId('apply-error')).toBeVisible();
    await page.getByTestId('next-step').click();
    await page.locator('[data-testid="step-text"] button.code-action[data-action="run"]').first().click();
    await expect(app.terminalOutput()).toContainText('$ kubectl get pods -l app=nginx-app');
    await page.getByRole('button', { name: 'Mostrar una pista' }).click();
    await app.lesson.locator('.gloss').first().focus();

    // Another lesson, the other language, node controls.
    await page.getByTestId('lesson-select').selectOption('1');
    await expect(page.getByTestId('step-count')).toHaveText(/Paso 1 de/);
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('apply')).toHaveText('Apply');
    await page.getByTestId('add-node').click();
    await app.nodeButton(NODES.workers[1], 'cordon').click();
    await expect(app.nodeCard(NODES.workers[1])).toContainText('Scheduling disabled');

    expect(await watch.violations()).toEqual([]);
    expect(watch.errors).toEqual([]);
  });

  test('an inline script or an inline style attribute would be refused (the check can fail)', async ({ page }) => {
    const watch = await watchViolations(page);
    const app = new Playground(page);
    await app.goto();
    const result = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true;';
      document.body.append(s);
      const p = document.createElement('p');
      p.setAttribute('style', 'color: rgb(255, 0, 0)');
      document.body.append(p);
      return { ran: window.__inlineRan === true, color: getComputedStyle(p).color };
    });
    expect(result.ran).toBe(false);
    expect(result.color).not.toBe('rgb(255, 0, 0)');
    // Each is reported once per policy (the header's and the meta's).
    await expect
      .poll(async () => [...new Set((await watch.violations()).map((v) => v.directive))].sort())
      .toEqual(['script-src-elem', 'style-src-attr']);
    expect(watch.errors.some((e) => e.includes('Content Security Policy'))).toBe(true);
  });
});
