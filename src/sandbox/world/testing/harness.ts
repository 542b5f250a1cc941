import { execFile } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KubeObject, SandboxProfile } from '../../contract';
import type { RunningSandbox } from '../../index';
import { startSandbox } from '../../index';

const run = promisify(execFile);

export const KUBECTL = '/usr/bin/kubectl';

/** A started sandbox plus a kubeconfig for the real kubectl (fidelity tests). */
export interface WorldHarness {
  sandbox: RunningSandbox;
  dataDir: string;
  kubeconfig: string;
  kubectl(
    args: string[],
    opts?: { input?: string; user?: string },
  ): Promise<{ stdout: string; stderr: string; code: number }>;
  /** `kubectl get -o json`; undefined when not found. */
  get(resource: string, name: string, namespace?: string): Promise<KubeObject | undefined>;
  apply(yaml: string, namespace?: string): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a sandbox world of `profile` (default `current`, as `npm start`) in a fresh directory. */
export async function startWorld(profile: SandboxProfile = 'current'): Promise<WorldHarness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vm-disks-world-'));
  let sandbox = await startSandbox({ dataDir, quiet: true, profile });
  const kubeconfigs = new Map<string, string>();
  const kubeconfigFor = async (user: string): Promise<string> => {
    const existing = kubeconfigs.get(user);
    if (existing) return existing;
    const file = path.join(dataDir, `kubeconfig-${user}`);
    await sandbox.writeKubeconfig(file, user);
    kubeconfigs.set(user, file);
    return file;
  };
  const kubeconfig = await kubeconfigFor('admin');

  const kubectl: WorldHarness['kubectl'] = async (args, opts = {}) => {
    const file = await kubeconfigFor(opts.user ?? 'admin');
    return new Promise((resolve) => {
      const child = execFile(
        KUBECTL,
        ['--kubeconfig', file, ...args],
        { maxBuffer: 32 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const code = err
            ? typeof (err as { code?: unknown }).code === 'number'
              ? (err as { code: number }).code
              : 1
            : 0;
          resolve({ stdout, stderr, code });
        },
      );
      if (opts.input !== undefined) child.stdin?.end(opts.input);
    });
  };

  const harness: WorldHarness = {
    get sandbox() {
      return sandbox;
    },
    dataDir,
    kubeconfig,
    kubectl,
    async get(resource, name, namespace) {
      const r = await kubectl([
        'get',
        resource,
        name,
        '-o',
        'json',
        ...(namespace ? ['-n', namespace] : []),
      ]);
      if (r.code !== 0) return undefined;
      return JSON.parse(r.stdout) as KubeObject;
    },
    async apply(yaml, namespace) {
      const file = path.join(
        dataDir,
        `apply-${Date.now()}-${Math.random().toString(36).slice(2)}.yaml`,
      );
      await writeFile(file, yaml);
      const r = await kubectl(['apply', '-f', file, ...(namespace ? ['-n', namespace] : [])]);
      if (r.code !== 0) throw new Error(`kubectl apply failed: ${r.stderr}`);
      return r.stdout;
    },
    async restart() {
      await sandbox.close();
      sandbox = await startSandbox({ dataDir, quiet: true, profile });
      kubeconfigs.clear();
      await kubeconfigFor('admin');
    },
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Polls `check` until it returns a value other than undefined/false, or fails with the last value seen. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function sh(cmd: string, args: string[]): Promise<string> {
  const { stdout } = await run(cmd, args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

export const field = (obj: KubeObject | undefined, pathExpr: string): unknown => {
  let cur: unknown = obj;
  for (const key of pathExpr.split('.').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
};

/** The first `length` bytes of a (possibly huge, sparse) file. */
export function readHead(file: string, length: number, offset = 0): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, offset);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
