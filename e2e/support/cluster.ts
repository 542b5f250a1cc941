import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test } from '@playwright/test';

/**
 * The sandbox data directory of the running test's Playwright project (one per sandbox profile,
 * `metadata.sandboxDir` in playwright.config.ts); `test-results/sandbox` outside a test.
 */
export const sandboxDir = (): string => {
  let dir = 'test-results/sandbox';
  try {
    const meta = test.info().project.metadata as { sandboxDir?: unknown };
    if (typeof meta.sandboxDir === 'string') dir = meta.sandboxDir;
  } catch {
    // not inside a test
  }
  return path.resolve(dir);
};

/** The kubeconfig the backend wrote for the embedded sandbox it started for the e2e run. */
export const sandboxKubeconfig = (): string => path.join(sandboxDir(), 'kubeconfig');

/** Runs the real kubectl against the e2e sandbox of the test's project, as its cluster admin. */
export const kubectl = (args: string[], input?: string): string =>
  execFileSync('kubectl', args, {
    env: { ...process.env, KUBECONFIG: sandboxKubeconfig() },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
