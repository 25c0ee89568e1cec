// Presenting in class: projection mode (P or its button: large type, high contrast, thicker
// outlines), the theme chooser, teacher pacing by keyboard, the spotlight and the shortcut
// sheet. Keys must not fire while the student types.
import { test, expect } from '@playwright/test';
import { Playground, NODES } from './pages/playground.mjs';

/** Computed font size in px. */
const fontSize = (loc) => loc.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
/** Opacity an element is painted with: its own times its ancestors'. */
const paintedOpacity = (loc) =>
  loc.evaluate((el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  });
/** Nothing focused, as when the teacher has just clicked the page background. */
const blur = (page) => page.evaluate(() => document.activeElement && document.activeElement.blur());

test.describe('Presenting', () => {
  test('P and the button switch projection: 1.6× type, contrast theme, thicker outlines, + and - resize', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' });
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    const html = page.locator('html');
    const lessonText = page.locator('.lesson-text p').first();
    const podName = page.locator('[data-testid="pod-card"] .pod-name').first();
    const nodeCard = app.nodeCard('kind-worker');
    const normal = { lesson: await fontSize(lessonText), pod: await fontSize(podName) };
    const normalBorder = await nodeCard.evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth));

    await blur(page);
    await page.keyboard.press('p');
    await expect(html).toHaveClass(/\bprojection\b/);
    await expect(page.getByTestId('projection-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(html).toHaveAttribute('data-theme', 'contrast');
    expect(await fontSize(lessonText)).toBeGreaterThanOrEqual(1.6 * normal.lesson - 0.01);
    expect(await fontSize(podName)).toBeGreaterThanOrEqual(1.6 * normal.pod - 0.01);
    expect(await nodeCard.evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth))).toBeGreaterThan(normalBorder);
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
    await expect(page.locator('body')).toHaveCSS('color', 'rgb(0, 0, 0)');

    // + one step bigger, - back, and never below 1.6×.
    const projected = await fontSize(podName);
    await page.keyboard.press('+');
    await expect(page.getByTestId('text-scale')).toHaveText('180 %');
    expect(await fontSize(podName)).toBeGreaterThan(projected);
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect(page.getByTestId('text-scale')).toHaveText('160 %');
    expect(await fontSize(podName)).toBeCloseTo(projected, 1);
    await expect(page.getByTestId('text-smaller')).toBeDisabled();

    // While projecting the lesson is away; L calls it over the stage and sends it away.
    await expect(app.lesson).toBeHidden();
    await page.keyboard.press('l');
    await expect(app.lesson).toBeVisible();
    await page.keyboard.press('L');
    await expect(app.lesson).toBeHidden();

    // The button switches it off: normal type, the OS theme again.
    await page.getByTestId('projection-toggle').click();
    await expect(html).not.toHaveClass(/\bprojection\b/);
    await expect(page.getByTestId('projection-toggle')).toHaveAttribute('aria-pressed', 'false');
    await expect(html).not.toHaveAttribute('data-theme', /.*/);
    expect(await fontSize(podName)).toBeCloseTo(normal.pod, 1);
    // And on again, by the button.
    await page.getByTestId('projection-toggle').click();
    await expect(html).toHaveClass(/\bprojection\b/);
  });

  test('the theme chooser sets data-theme, the colours follow, and Auto follows the OS', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' });
    const app = new Playground(page);
    await app.goto();
    const html = page.locator('html');
    const body = page.locator('body');
    // The theme is in the header's menu.
    await app.openMenu();
    const chooser = page.getByRole('combobox', { name: 'Tema', exact: true });
    await expect(chooser).toHaveValue('auto');
    await expect(html).not.toHaveAttribute('data-theme', /.*/);
    await expect(body).toHaveCSS('background-color', 'rgb(246, 247, 249)');

    await chooser.selectOption('dark');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(body).toHaveCSS('background-color', 'rgb(17, 20, 24)');
    await expect(body).toHaveCSS('color', 'rgb(232, 235, 239)');
    await expect(app.terminalOutput()).toHaveCSS('background-color', 'rgb(10, 13, 16)');

    await chooser.selectOption('contrast');
    await expect(html).toHaveAttribute('data-theme', 'contrast');
    await expect(body).toHaveCSS('background-color', 'rgb(255, 255, 255)');
    await expect(body).toHaveCSS('color', 'rgb(0, 0, 0)');

    await chooser.selectOption('light');
    await expect(html).toHaveAttribute('data-theme', 'light');
    // A chosen theme wins over the OS.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(body).toHaveCSS('background-color', 'rgb(246, 247, 249)');

    // Auto: no attribute, the OS decides (dark, then more contrast).
    await chooser.selectOption('auto');
    await expect(html).not.toHaveAttribute('data-theme', /.*/);
    await expect(body).toHaveCSS('background-color', 'rgb(17, 20, 24)');
    await page.emulateMedia({ colorScheme: 'light', contrast: 'more' });
    await expect(body).toHaveCSS('color', 'rgb(0, 0, 0)');
    await expect(body).toHaveCSS('background-color', 'rgb(255, 255, 255)');

    // While projecting the chooser sets the projection's own theme.
    await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' });
    await chooser.selectOption('dark');
    await page.getByTestId('projection-toggle').click();
    // While projecting the menu is on the stage's bar.
    await app.openMenu();
    const projChooser = page.getByRole('combobox', { name: 'Tema al proyectar', exact: true });
    await expect(projChooser).toHaveValue('contrast');
    await projChooser.selectOption('light');
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.getByTestId('projection-toggle').click();
    await expect(html).toHaveAttribute('data-theme', 'dark');

    // In English too.
    await page.getByTestId('lang-en').click();
    await app.openMenu();
    const enChooser = page.getByRole('combobox', { name: 'Theme', exact: true });
    await expect(enChooser.locator('option[value="contrast"]')).toHaveText('High contrast');
    await expect(enChooser.locator('option[value="auto"]')).toHaveText('Auto (system)');
  });

  test('space, →, N and 1–4 pace the cluster; they do not fire while typing in the terminal', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const toggle = page.getByTestId('clock-toggle');
    const speed = page.getByTestId('clock-speed');
    const time = page.getByTestId('clock-time');
    await blur(page);

    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('presenter-status')).toHaveText('Reloj en pausa');
    // Paused: only → moves the clock, one event at a time, until the pods are ready.
    await app.apply();
    await blur(page);
    const paused = await time.textContent();
    const ready = page.locator('[data-testid="pod-card"][data-ready="true"]');
    for (let i = 0; i < 40 && (await ready.count()) < 3; i++) {
      await page.keyboard.press('ArrowRight');
    }
    await expect(ready).toHaveCount(3);
    await expect(time).not.toHaveText(paused);
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');

    await page.keyboard.press('n');
    await expect(app.terminalOutput()).toContainText('$ sim node add kind-worker4');
    await expect(app.nodeCard('kind-worker4')).toHaveCount(1);

    for (const [key, value] of [['3', '5'], ['4', '10'], ['2', '2'], ['1', '1']]) {
      await page.keyboard.press(key);
      await expect(speed).toHaveValue(value);
    }
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');

    // Typing in the terminal: the keys are letters, not shortcuts.
    const input = page.getByTestId('terminal-input');
    await input.click();
    await page.keyboard.type('kubectl get n 4 p ?');
    await page.keyboard.press('ArrowRight');
    await expect(input).toHaveValue('kubectl get n 4 p ?');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(speed).toHaveValue('1');
    await expect(app.nodeCards).toHaveCount(5);
    await expect(page.locator('html')).not.toHaveClass(/\bprojection\b/);
    await expect(page.getByTestId('shortcut-sheet')).toBeHidden();
    // Nor in the editor, nor with Ctrl/Alt.
    await app.editor.focus();
    await page.keyboard.press('Alt+n');
    await page.keyboard.press('Control+4');
    await blur(page);
    await page.keyboard.press('Alt+n');
    await expect(app.nodeCards).toHaveCount(5);
    await expect(speed).toHaveValue('1');

    // Space on a focused button presses that button, it does not pause the clock.
    await page.getByTestId('add-node').focus();
    await page.keyboard.press('Space');
    await expect(app.nodeCard('kind-worker5')).toHaveCount(1);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  });

  test('the spotlight dims everything but the selected node or pod', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(NODES.workers);
    await blur(page);

    // No selection yet: the spotlight asks for one and dims nothing.
    await page.keyboard.press('s');
    await expect(page.getByTestId('spotlight-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('presenter-status')).toContainText('selecciona un Pod o un nodo');
    expect(await paintedOpacity(app.nodeCard('kind-worker2'))).toBe(1);

    // A pod selected: its node's other parts, the other nodes and the panels fade.
    const pod = app.podCards('kind-worker').first();
    await pod.click();
    await expect(pod).toHaveClass(/\bselected\b/);
    await expect(page.getByTestId('presenter-status')).toContainText('Foco en nginx-ds-');
    await expect.poll(() => paintedOpacity(app.nodeCard('kind-worker2'))).toBeLessThan(0.5);
    await expect.poll(() => paintedOpacity(page.getByTestId('lesson'))).toBeLessThan(0.5);
    await expect.poll(() => paintedOpacity(app.nodeCard('kind-worker').locator('.node-head'))).toBeLessThan(0.5);
    expect(await paintedOpacity(pod)).toBe(1);
    // Not by colour alone: the selection keeps a thick outline.
    expect(await pod.evaluate((el) => parseFloat(getComputedStyle(el).outlineWidth))).toBeGreaterThanOrEqual(6);

    // A node selected instead: that node is lit, the others are not.
    await app.nodeCard('kind-worker3').getByTestId('node-describe').click();
    await expect.poll(() => paintedOpacity(app.nodeCard('kind-worker3'))).toBe(1);
    await expect.poll(() => paintedOpacity(app.nodeCard('kind-worker'))).toBeLessThan(0.5);

    // The button (in the menu) switches it off.
    await app.openMenu();
    await page.getByTestId('spotlight-toggle').click();
    await expect(page.getByTestId('spotlight-toggle')).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => paintedOpacity(app.nodeCard('kind-worker'))).toBe(1);
  });

  test('? opens the shortcut sheet, focus stays in it, Escape closes it and gives focus back', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const sheet = page.getByTestId('shortcut-sheet');
    const addNode = page.getByTestId('add-node');
    await addNode.focus();
    await page.keyboard.press('?');
    await expect(sheet).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Atajos de teclado' })).toBeVisible();
    for (const text of ['Espacio', 'Pausar o reanudar el reloj', 'Agregar un nodo de trabajo', '1 – 4', 'Ctrl+Enter', 'Foco: atenuar']) {
      await expect(sheet).toContainText(text);
    }
    // Tab goes round inside the dialog.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await sheet.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await sheet.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    // Keys inside the sheet do nothing to the cluster.
    await page.keyboard.press('n');
    await expect(app.nodeCards).toHaveCount(4);
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(addNode).toBeFocused();

    // In English, from its button.
    await page.getByTestId('lang-en').click();
    await app.openMenu();
    const open = page.getByTestId('shortcuts-open');
    await open.click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    for (const text of ['Space', 'Pause or play the clock', 'Ctrl+Enter', 'Show or hide the lesson']) {
      await expect(sheet).toContainText(text);
    }
    await page.getByTestId('shortcuts-close').click();
    await expect(sheet).toBeHidden();
    await expect(open).toBeFocused();
  });
});
