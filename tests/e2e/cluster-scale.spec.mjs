// The ?nodes= link parameter and the text view, which builds its tables only when opened.
import { test, expect } from '@playwright/test';
import { Playground } from './pages/playground.mjs';

test.describe('Cluster size and text view', () => {
  test('?nodes=N starts a kind cluster with N workers; a bad spec keeps the default', async ({ page }) => {
    const pg = new Playground(page);
    await pg.goto('/?lang=en&nodes=12');
    await expect(pg.nodeCards).toHaveCount(13);
    await expect(pg.nodeCard('kind-worker12')).toHaveCount(1);
    await pg.goto('/?lang=en&nodes=Not_A_Node');
    await expect(pg.nodeCards).toHaveCount(4);
  });

  test('the text view lists the pods once opened and follows their changes', async ({ page }) => {
    const pg = new Playground(page);
    await pg.goto('/?lang=en&nodes=6');
    const textView = page.getByTestId('text-view');
    await expect(textView.locator('tbody tr')).toHaveCount(0);
    await textView.locator('summary').click();
    await expect(textView.locator('table').first().locator('tbody tr')).toHaveCount(7);
    await pg.apply();
    // The lesson's DaemonSet does not tolerate the control plane: one pod per worker.
    const pods = textView.locator('table').nth(1).locator('tbody tr');
    await expect(pods).toHaveCount(6);
    await expect(pods.filter({ hasText: 'Running' })).toHaveCount(6, { timeout: 30_000 });
    await textView.locator('summary').click();
    await expect(textView.locator('tbody tr')).toHaveCount(0);
  });
});

test.describe('Timeline at scale', () => {
  test('the open timeline lists the newest 200 events and more on request', async ({ page }) => {
    const pg = new Playground(page);
    await pg.goto('/?lang=en&nodes=60');
    await pg.apply();
    await expect(page.locator('[data-testid="pod-card"][data-ready="true"]')).toHaveCount(60, { timeout: 60_000 });
    const events = page.getByTestId('timeline-event');
    // Closed, the timeline draws no rows at all.
    await expect(events).toHaveCount(0);
    await page.getByTestId('timeline-toggle').click();
    await expect(events).toHaveCount(200);
    const shown = page.getByTestId('timeline-shown');
    await expect(shown).toHaveText(/^200 \/ \d+ events shown$/);
    const total = Number((await shown.innerText()).match(/\/ (\d+)/)[1]);
    expect(total).toBeGreaterThan(360);
    // Newest first: the first row is at least as late as the last.
    const first = Number(await events.first().getAttribute('data-at'));
    const last = Number(await events.last().getAttribute('data-at'));
    expect(first).toBeGreaterThanOrEqual(last);
    await page.getByTestId('timeline-more').click();
    await expect(events).toHaveCount(Math.min(400, total));
  });
});
