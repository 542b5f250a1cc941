import { defineConfig } from '@playwright/test';

// End-to-end tests in Debian's Chromium (never a downloaded browser) against the real backend,
// the built plugin and the embedded sandbox cluster. scripts/test-all.mjs builds dist/ and
// dist-host/ first.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 9123);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Bounds, not speed checks: CI's 2-core machine may be loaded.
  timeout: 180_000,
  // Generous: CI's 2-core machine may be loaded; no spec asserts on speed.
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  outputDir: 'test-results/playwright',
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e.json' }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx tsx src/server/main.ts --port ${E2E_PORT} --sandbox-data test-results/sandbox --reset-sandbox`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { VM_DISKS_SANDBOX_SPEED: '10' },
  },
});
