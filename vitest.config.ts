import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit and integration tests (Vitest). Browser end-to-end tests live in e2e/ and run with Playwright.
// Two projects: `unit` (Node: pure logic, real HTTP, kubectl, qemu-img) and `components` (jsdom and Testing
// Library: the plugin's components, with the console SDK replaced by src/plugin/testing/console-sdk.tsx).
const COMPONENT_TESTS = 'src/plugin/**/*.test.tsx';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [
            '**/node_modules/**',
            '**/fixtures/**',
            'dist/**',
            'dist-host/**',
            COMPONENT_TESTS,
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        resolve: {
          alias: {
            '@openshift-console/dynamic-plugin-sdk': path.resolve(
              import.meta.dirname,
              'src/plugin/testing/console-sdk.tsx',
            ),
          },
        },
        test: {
          name: 'components',
          include: [COMPONENT_TESTS],
          environment: 'jsdom',
          setupFiles: ['src/plugin/testing/setup.ts'],
        },
      },
    ],
  },
});
