import { defineConfig } from 'vitest/config';

// Unit and integration tests (Vitest). Browser end-to-end tests live in e2e/ and run with Playwright.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**', 'dist/**', 'dist-host/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
