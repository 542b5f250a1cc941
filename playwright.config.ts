import { defineConfig } from '@playwright/test';

// End-to-end tests in Debian's Chromium (never a downloaded browser) against the real backend,
// the built plugin and the embedded sandbox cluster. scripts/test-all.mjs builds dist/ and
// dist-host/ first.
//
// Two projects, one per sandbox profile, each with its own backend and sandbox data directory:
// `current` (OpenShift 4.22 with OpenShift Virtualization 4.22) on E2E_PORT and `legacy` (the
// seed's era) on E2E_PORT + 1. Specs read their project's sandbox directory from the project's
// `metadata.sandboxDir` (e2e/support/cluster.ts).
export const E2E_PORT = Number(process.env.E2E_PORT ?? 9123);

interface ProfileProject {
  name: 'current' | 'legacy';
  port: number;
  sandboxDir: string;
  /** Specs (file name patterns) of this project. */
  testMatch: string | RegExp | (string | RegExp)[];
  /** Tests (titles) to run. */
  grep?: RegExp;
}

/**
 * Single tests of specs that run on `current` which also run on `legacy` (the storage defaults of both eras:
 * the ConfigMap there, the StorageProfiles here).
 */
const ALSO_ON_LEGACY_TESTS = /creates a blank DataVolume with the storage defaults/;

/**
 * Specs that also run on `legacy`, the seed's era: the storage-defaults ConfigMap editor (the
 * ConfigMap does not exist on current platforms), the HPP wizard with the seed's YAML and CDI's old
 * scratch-space fallback. Tests of one era only skip themselves on the other project.
 */
const LEGACY_SPECS = [
  '**/hpp-setup.spec.ts',
  '**/blank-disk.spec.ts',
  '**/storage-defaults.spec.ts',
  '**/scratch-space.spec.ts',
];

const PROFILES: ProfileProject[] = [
  {
    name: 'current',
    port: E2E_PORT,
    sandboxDir: 'test-results/sandbox',
    testMatch: '**/*.spec.ts',
  },
  {
    name: 'legacy',
    port: E2E_PORT + 1,
    sandboxDir: 'test-results/sandbox-legacy',
    testMatch: LEGACY_SPECS,
    // From blank-disk.spec.ts only the test of the storage defaults.
    grep: new RegExp(`hpp-setup|storage-defaults|scratch-space|${ALSO_ON_LEGACY_TESTS.source}`),
  },
];

export default defineConfig({
  testDir: 'e2e',
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
  projects: PROFILES.map((p) => ({
    name: p.name,
    testMatch: p.testMatch,
    ...(p.grep ? { grep: p.grep } : {}),
    metadata: { sandboxDir: p.sandboxDir, profile: p.name },
    use: { baseURL: `http://127.0.0.1:${String(p.port)}` },
  })),
  webServer: PROFILES.map((p) => ({
    command: `npx tsx src/server/main.ts --port ${String(p.port)} --sandbox-data ${p.sandboxDir} --sandbox-profile ${p.name} --reset-sandbox`,
    url: `http://127.0.0.1:${String(p.port)}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: { VM_DISKS_SANDBOX_SPEED: '10' },
  })),
});
