// The bad-input corpus through the page: hostile manifests in the editor, hostile terminal
// lines, a hostile share link and corrupt stored state. Each gives its message, changes
// nothing in the cluster, and injects no markup: no <img src=x>, no new <script>, and
// window.__pwned is never set.
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Playground } from './pages/playground.mjs';

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
const KEY = 'kubeaula.state';

function corpusManifests() {
  return readdirSync(CORPUS + 'manifests')
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const text = readFileSync(CORPUS + 'manifests/' + f, 'utf8');
      return { name: f, text, expect: text.split('\n')[0].replace('# expect: ', '') };
    });
}

function corpusCommands() {
  const lines = readFileSync(CORPUS + 'commands.txt', 'utf8').split('\n').filter((l) => l);
  const out = [];
  for (let i = 0; i < lines.length; i += 2) out.push({ line: lines[i].slice(2), expect: lines[i + 1].slice(2) });
  return out;
}

/** Fails the page on any injected markup; records scripts present at load. */
async function guard(page) {
  await page.addInitScript(() => {
    window.__injected = [];
    // From the end of the page's own HTML on (its boot script is not an injection).
    const watch = () => new MutationObserver((muts) => {
      for (const m of muts)
        for (const n of m.addedNodes) {
          if (n.nodeType !== 1) continue;
          const bad = n.matches('script, img[src="x"], svg[onload], iframe') ? [n] : [...n.querySelectorAll('script, img[src="x"], [onerror], [onload], iframe')];
          for (const b of bad) window.__injected.push(b.outerHTML.slice(0, 120));
        }
    }).observe(document, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', watch);
  });
}

async function expectNoInjection(page) {
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.evaluate(() => window.__injected)).toEqual([]);
  await expect(page.locator('img[src="x"], [onerror], [onload]')).toHaveCount(0);
}

/** What the cluster holds, from the cluster view's cards. */
async function clusterShape(page) {
  return page.evaluate(() => ({
    nodes: [...document.querySelectorAll('[data-testid="node-card"]')].map((e) => e.dataset.node).sort(),
    pods: [...document.querySelectorAll('[data-testid="pod-card"]')].map((e) => e.dataset.pod).sort(),
  }));
}

/** The cluster's state hash, read through the terminal. */
async function stateHash(app, page) {
  await app.run('sim hash');
  const out = page.locator('.term-entry').last().locator('.term-stdout');
  await expect(out).toHaveText(/^state [0-9a-f]{16}\n?$/);
  return (await out.textContent()).trim();
}

async function pause(page) {
  const toggle = page.getByTestId('clock-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
}

test('hostile manifests in the editor: the message, nothing applied, no markup', async ({ page }) => {
  test.setTimeout(120_000);
  await guard(page);
  const app = new Playground(page);
  await app.goto();
  await pause(page);
  const shape = await clusterShape(page);
  const hash = await stateHash(app, page);
  for (const m of corpusManifests()) {
    await app.setYaml(m.text);
    await app.apply();
    // The refusal, with the real tool's message beside the explanation.
    const err = page.getByTestId('apply-error');
    await expect(err, m.name).toBeVisible();
    await expect(err, m.name).toContainText(m.expect);
    expect(await clusterShape(page), m.name).toEqual(shape);
  }
  // A 5 MB document, generated here, pasted into the terminal as a heredoc.
  const huge = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' + Array.from({ length: 50_000 }, (_, i) => `  k${i}: "${'x'.repeat(100)}"`).join('\n') + '\n';
  await page.getByTestId('terminal-input').focus();
  await page.evaluate((text) => {
    const el = document.querySelector('[data-testid="terminal-input"]');
    const data = new DataTransfer();
    data.setData('text', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, 'kubectl apply -f - <<EOF\n' + huge + 'EOF\n');
  const last = page.locator('.term-entry').last();
  await expect(last.locator('.term-line')).toHaveText('$ kubectl apply -f - <<EOF');
  await expect(last.locator('.term-stderr')).toContainText(/too large|exceeds|limit/i);
  expect(await clusterShape(page)).toEqual(shape);
  expect(await stateHash(app, page)).toBe(hash);
  await expectNoInjection(page);
});

test('hostile terminal lines: their message, the cluster unchanged, no markup', async ({ page }) => {
  test.setTimeout(120_000);
  await guard(page);
  const app = new Playground(page);
  await app.goto();
  await pause(page);
  const shape = await clusterShape(page);
  const hash = await stateHash(app, page);
  for (const c of corpusCommands()) {
    await app.run(c.line);
    const entry = page.locator('.term-entry').last();
    await expect(entry.locator('.term-line'), c.line).toHaveText('$ ' + c.line);
    await expect(entry, c.line).toContainText(c.expect);
  }
  // The hostile text is shown as text.
  await expect(app.terminalOutput()).toContainText('"<img src=x onerror=alert(1)>"');
  expect(await clusterShape(page)).toEqual(shape);
  expect(await stateHash(app, page)).toBe(hash);
  await expectNoInjection(page);
});

test('a hostile share link is refused with its reason and changes nothing', async ({ page }) => {
  await guard(page);
  const links = readFileSync(CORPUS + 'share-links.txt', 'utf8').split('\n').filter((l) => l).map((l) => l.split('\t'));
  const app = new Playground(page);
  for (const [, link] of links.slice(0, 4)) {
    await page.goto('/#share=' + encodeURIComponent(link));
    await expect(app.editor).toBeVisible();
    const bad = page.getByTestId('bad-link');
    await expect(bad, link).toBeVisible();
    await expect(bad).toContainText(/nada|nothing/i);
    await expect(app.nodeCards).toHaveCount(4);
    expect(await page.evaluate((k) => localStorage.getItem(k) || '', KEY)).not.toContain('onerror');
    await expectNoInjection(page);
  }
});

test('corrupt stored state with script-like strings is set aside, the app works, no markup', async ({ page }) => {
  await guard(page);
  const states = readdirSync(CORPUS + 'saved').filter((f) => f.endsWith('.yaml')).sort();
  for (const f of ['file-name-img.yaml', 'lang-script.yaml', 'journal-junk.yaml', 'alias-bomb.yaml']) {
    expect(states).toContain(f);
    const text = readFileSync(CORPUS + 'saved/' + f, 'utf8');
    const ctx = await page.context().newPage();
    await guard(ctx);
    await ctx.addInitScript(
      ([k, t]) => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(k, t);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [KEY, text],
    );
    const app = new Playground(ctx);
    await app.goto();
    await expect(ctx.getByTestId('persist-notice'), f).toContainText('No se pudo leer');
    await expect(app.nodeCards).toHaveCount(4);
    await expectNoInjection(ctx);
    await ctx.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await ctx.close();
  }
});
