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
