import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** The kubeconfig the backend wrote for the embedded sandbox it started for the e2e run. */
export const SANDBOX_KUBECONFIG = path.resolve('test-results/sandbox/kubeconfig');

/** Runs the real kubectl against the e2e sandbox, as its cluster admin. */
export const kubectl = (args: string[], input?: string): string =>
  execFileSync('kubectl', args, {
    env: { ...process.env, KUBECONFIG: SANDBOX_KUBECONFIG },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
