// StatefulSet order, watched with the clock paused and stepped one event at a time; and a
// bad manifest that is refused at its line while the cluster stays as it was.
import { test, expect } from '@playwright/test';
import { Playground } from './pages/playground.mjs';

const WEB = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

test.describe('StatefulSet', () => {
  test('paused and stepped: web-1 appears only after web-0 is Ready', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await page.getByTestId('clock-toggle').click(); // pause
    await expect(page.getByTestId('clock-toggle')).toHaveAttribute('aria-pressed', 'true');
    await app.setYaml(WEB);
    await app.apply();
    await expect(app.applyResult).toContainText('statefulset.apps/web created');

    const pod = (name) => page.locator(`[data-testid="pod-card"][data-pod="${name}"]`);
    let sawWeb0NotReady = false;
    for (let i = 0; i < 60; i++) {
      const web1 = await pod('web-1').count();
      const web0Ready = (await pod('web-0').count()) > 0 && (await pod('web-0').getAttribute('data-ready')) === 'true';
      if (web1 > 0) {
        expect(web0Ready, 'web-0 is Ready before web-1 exists').toBe(true);
        break;
      }
      if (!web0Ready) sawWeb0NotReady = true;
      await page.getByTestId('clock-step').click();
    }
    expect(sawWeb0NotReady).toBe(true);
    await expect(pod('web-1')).toHaveCount(1);
    await expect(pod('web-2')).toHaveCount(0);
    // The large ordinal on the card.
    await expect(pod('web-1').locator('.ordinal')).toHaveText('1');

    // Let it run: three ready pods, each with its own bound claim and its DNS name.
    await page.getByTestId('clock-toggle').click();
    await app.speed(10);
    await expect(page.locator('[data-testid="pod-card"][data-ready="true"]')).toHaveCount(3, { timeout: 20_000 });
    for (const i of [0, 1, 2]) {
      await expect(page.locator(`[data-testid="claim"][data-claim="www-web-${i}"]`)).toHaveAttribute('data-status', 'Bound');
      await expect(pod(`web-${i}`)).toContainText(`www-web-${i}`);
      await expect(page.getByTestId('services')).toContainText(`web-${i}.nginx.default.svc.cluster.local`);
    }
  });

  test('an invalid manifest is refused at its line and changes nothing', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const before = await page.locator('[data-testid="pod-card"]').count();
    const bad = (await app.yaml()).replace('containers:', 'contaners:');
    await app.setYaml(bad);
    await app.apply();
    const err = page.getByTestId('apply-error');
    await expect(err).toBeVisible();
    const line = bad.split('\n').findIndex((l) => l.includes('contaners:')) + 1;
    await expect(err).toHaveAttribute('data-line', String(line));
    await expect(err).toContainText(`línea ${line}`);
    await expect(err).toContainText('¿Quisiste decir `containers`?');
    await expect(page.locator('.gutter .ln.error-line')).toHaveText(String(line));
    // Nothing applied, the student's text kept.
    expect(await app.yaml()).toBe(bad);
    await page.waitForTimeout(1500);
    await expect(page.locator('[data-testid="pod-card"]')).toHaveCount(before);
  });

  test('a manifest that applies can still get a warning, at its line', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const text = (await app.yaml()).replace(/image: \S+/, 'image: nginx:latest');
    await app.setYaml(text);
    await app.apply();
    await expect(app.applyResult).toContainText('created');
    const w = page.getByTestId('apply-warning');
    await expect(w).toBeVisible();
    await expect(w).toContainText('latest');
    const line = text.split('\n').findIndex((l) => l.includes('image: nginx:latest')) + 1;
    await expect(w).toHaveAttribute('data-line', String(line));
  });

  test('the editor checks the YAML while the student types, without applying it', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    const bad = (await app.yaml()).replace('containers:', 'contaners:');
    await app.setYaml(bad);
    // No Apply: the check runs after a short pause in typing.
    const err = page.getByTestId('apply-error');
    await expect(err).toBeVisible();
    await expect(err).toContainText('¿Quisiste decir `containers`?');
    await expect(page.locator('[data-testid="pod-card"]')).toHaveCount(0);
    await app.setYaml(bad.replace('contaners:', 'containers:'));
    await expect(err).toHaveCount(0);
    await expect(page.locator('[data-testid="pod-card"]')).toHaveCount(0);
  });

  test('clicking a pod shows kubectl describe in the terminal', async ({ page }) => {
    const app = new Playground(page);
    await app.goto();
    await app.apply();
    await app.expectOneReadyDaemonSetPodOn(['kind-worker']);
    const card = app.podCards('kind-worker').first();
    const name = await card.getAttribute('data-pod');
    await card.click();
    await expect(app.terminalOutput()).toContainText(`$ kubectl describe pod ${name}`);
    await expect(app.terminalOutput()).toContainText('Node:');
    await page.getByTestId('node-describe').first().focus();
    await page.keyboard.press('Enter');
    await expect(app.terminalOutput()).toContainText('$ kubectl describe node kind-control-plane');
  });

  test('the selected pod stays selected when the StatefulSet brings it back under the same name', async ({ page }) => {
    const app = new Playground(page);
    await app.goto('/?lang=en');
    await app.setYaml(WEB);
    await page.getByTestId('apply').click();
    const web0 = page.locator('[data-testid="pod-card"][data-pod="web-0"]');
    const web1 = page.locator('[data-testid="pod-card"][data-pod="web-1"]');
    await expect(web1).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await web0.click();
    await expect(web0).toHaveClass(/\bselected\b/);
    await expect(web1).not.toHaveClass(/\bselected\b/);
    const old = await web0.elementHandle();
    await app.run('kubectl delete pod web-0');
    // The old card goes; the new Pod object with the same name gets a new card, still selected.
    await expect.poll(() => old.evaluate((el) => el.isConnected), { timeout: 30_000 }).toBe(false);
    await expect(web0).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(web0).toHaveClass(/\bselected\b/);
    await web1.click();
    await expect(web1).toHaveClass(/\bselected\b/);
    await expect(web0).not.toHaveClass(/\bselected\b/);
  });
});
