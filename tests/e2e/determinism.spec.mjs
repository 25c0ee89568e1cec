// Determinism native vs WebAssembly: the long scenario (tests/determinism/scenario.txt)
// pasted into the page's terminal with the clock stopped gives, command by command, the
// bytes the native run wrote into tests/determinism/expected.json (a golden file a
// native test keeps current), and the same final state hash.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../determinism/', import.meta.url));
const script = readFileSync(DIR + 'scenario.txt', 'utf8');
const expected = JSON.parse(readFileSync(DIR + 'expected.json', 'utf8'));

test('the scenario prints the same bytes and ends in the same state hash as natively', async ({ page }) => {
  test.setTimeout(120_000);
  // No real time reaches the simulated clock: fake timers that never advance, and the
  // clock paused with its button as a student would.
  await page.clock.install({ time: new Date('2026-01-01T00:00:00Z') });
  await page.clock.pauseAt(new Date('2026-01-01T00:00:01Z'));
  await page.goto('/');
  await expect(page.getByTestId('terminal-input')).toBeVisible();
  const toggle = page.getByTestId('clock-toggle');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const before = await page.locator('.term-entry').count();

  const input = page.getByTestId('terminal-input');
  await input.focus();
  await page.evaluate((text) => {
    const el = document.querySelector('[data-testid="terminal-input"]');
    const data = new DataTransfer();
    data.setData('text', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, script);
  await expect(page.locator('.term-entry')).toHaveCount(before + expected.length, { timeout: 60_000 });

  const got = await page.locator('.term-entry').evaluateAll((els) =>
    els.map((e) => ({
      // The prompt decoration the page adds: "$ " before the line.
      line: e.querySelector('.term-line').textContent.replace(/^\$ /, ''),
      output: e.querySelector('.term-stdout').textContent + e.querySelector('.term-stderr').textContent,
    })),
  );
  const mine = got.slice(before);
  for (let i = 0; i < expected.length; i++) {
    expect(mine[i].line, `command ${i + 1}`).toBe(expected[i].line);
    expect(mine[i].output, `output of command ${i + 1}: ${expected[i].line}`).toBe(expected[i].output);
  }
  const last = expected[expected.length - 1];
  expect(last.line).toBe('sim hash');
  expect(mine[mine.length - 1].output).toMatch(/^state [0-9a-f]{16}\n$/);
  expect(mine[mine.length - 1].output).toBe(last.output);
});
