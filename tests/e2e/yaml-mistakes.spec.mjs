// The classic beginner YAML mistakes of tests/corpus/yaml-mistakes/, typed into the editor:
// each is refused in the student's language, at the line where the student made it (in
// the message, on the editor's marker and in the gutter), with kubectl's own words beside.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Playground } from './pages/playground.mjs';

const DIR = new URL('../../tests/corpus/yaml-mistakes/', import.meta.url);
const CASES = readFileSync(new URL('index.txt', DIR), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [file, at, expected, ...fields] = l.trim().split(/\s+/);
    const [line, column] = at === '-' ? [0, 0] : at.split(':').map(Number);
    const key = fields.find((f) => f.startsWith('key='))?.slice(4);
    return { file, line, column, expected, key, text: readFileSync(new URL(file, DIR), 'utf8') };
  });
// libyaml's own English: it may show as kubectl's message, never as the student's.
const ENGLISH = /could not find|did not find|mapping values|found character|block sequence|found unexpected|not allowed in this context/;

test('20 and more classic YAML mistakes: translated, at the line where they were made', async ({ page }) => {
  test.setTimeout(120_000);
  expect(CASES.filter((c) => c.expected !== 'ok').length).toBeGreaterThanOrEqual(20);
  const app = new Playground(page);
  for (const lang of ['es', 'en']) {
    await app.goto(`/?lang=${lang}`);
    const error = page.getByTestId('apply-error');
    for (const c of CASES) {
      await app.setYaml(c.text);
      await app.apply();
      if (c.expected === 'ok') {
        await expect(app.applyResult, c.file).toContainText(/created|configured|unchanged/);
        continue;
      }
      await expect(error, c.file).toBeVisible();
      await expect(error, c.file).toHaveAttribute('data-line', String(c.line));
      const student = (await error.locator('p').first().textContent()) ?? '';
      const at = lang === 'es' ? `Error en la línea ${c.line}, columna ${c.column}` : `Error at line ${c.line}, column ${c.column}`;
      expect(student, c.file).toContain(at);
      expect(student, c.file).not.toMatch(ENGLISH);
      if (c.expected.startsWith('syntax/')) {
        expect(student, c.file).toContain(lang === 'es' ? 'El YAML no es válido' : 'The YAML is not valid');
      }
      if (c.key) expect(student, `${c.file} names its key`).toContain(c.key);
      // The editor marks the same line.
      await expect(page.getByTestId('error-marker'), c.file).toHaveAttribute('data-line', String(c.line));
      // kubectl's message stays as the real tool prints it.
      await expect(error.locator('.real-message code'), c.file).toContainText('error');
    }
  }
});
