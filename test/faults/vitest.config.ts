import { defineConfig } from 'vitest/config';

// Fault suites (`npm run test:faults`): heavy (own backend processes, kill -9), so not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.suite.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
