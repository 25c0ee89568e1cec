// axe-core in the page under test, for WCAG 2.1 A/AA checks.
//
// axe is served from the page's own origin (a routed URL) and loaded with a <script src>:
// the app's Content-Security-Policy allows scripts from 'self' only, so an inline script tag
// (what addScriptTag({ path }) makes) would be refused, and the tests run under that policy.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_PATH = '/__test__/axe.min.js';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Makes axe loadable by the page (call before page.goto). */
export async function routeAxe(page) {
  await page.route(`**${AXE_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: AXE_SOURCE }),
  );
}

/** Runs axe on the whole document; returns its violations as plain data. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ url: AXE_PATH });
  }
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html.slice(0, 160) })),
    }));
  }, WCAG_TAGS);
}

/** Readable report of violations, for the assertion message. */
export function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 8)
          .map((n) => `   - ${n.target}\n     ${n.html}\n     ${(n.summary || '').replace(/\n/g, '\n     ')}`)
          .join('\n') +
        (v.nodes.length > 8 ? `\n   … and ${v.nodes.length - 8} more` : ''),
    )
    .join('\n');
}

/** Asserts zero WCAG 2.1 AA violations; `label` names the state in the failure message. */
export async function expectNoViolations(page, label) {
  const violations = await axeViolations(page);
  expect.soft(violations, `axe violations in ${label}:\n${describeViolations(violations)}`).toEqual([]);
}

/**
 * The looks the page can take: the system's light or dark scheme (no choice made), each
 * theme chosen explicitly (<html data-theme>), each with and without projection mode
 * (<html class="projection">).
 */
export const LOOKS = [
  ...['light', 'dark'].map((scheme) => ({ scheme, theme: null })),
  // A chosen theme must win over the system's scheme: each is tried against the other one.
  ...['light', 'dark', 'contrast'].map((theme) => ({ scheme: theme === 'light' ? 'dark' : 'light', theme })),
].flatMap((l) => [false, true].map((projection) => ({ ...l, projection })));

export function lookName({ scheme, theme, projection }) {
  return `${theme ? `theme=${theme}` : `scheme=${scheme}`}${projection ? ' +projection' : ''}`;
}

/** Puts the page in one look. */
export async function setLook(page, { scheme, theme, projection }) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(
    ({ theme, projection }) => {
      const html = document.documentElement;
      if (theme) html.setAttribute('data-theme', theme);
      else html.removeAttribute('data-theme');
      html.classList.toggle('projection', projection);
    },
    { theme, projection },
  );
}
