// Browser tests of kubeaula: Debian's Chromium (never a downloaded browser),
// against the release build in ../../dist served by serve.mjs.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT || 4173);
// The site under test; defaults to the release build at the repository root.
const DIST = process.env.E2E_DIST || '../../dist';
const BASE_URL = `http://127.0.0.1:${PORT}/`;

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs$/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        headless: true,
        viewport: { width: 1400, height: 900 },
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  webServer: {
    command: `node serve.mjs ${JSON.stringify(DIST)} ${PORT} 127.0.0.1`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
