/**
 * The backend as its own process (`tsx src/server/main.ts`), as `npm start` runs it, with a fresh embedded
 * sandbox: benchmarks measure its RSS and fault suites kill it with SIGKILL and start it again on the same
 * data. Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SandboxAccess {
  /** The sandbox API server, e.g. http://127.0.0.1:40123 */
  server: string;
  tokens: Record<string, string>;
}

export interface BackendProcess {
  url: string;
  child: ChildProcess;
  dataDir: string;
  access: SandboxAccess;
  /** Resident set size of the backend process (and its sandbox: the same process), in bytes. */
  rssBytes(): Promise<number>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  output: string[];
}

export interface StartOptions {
  port: number;
  dataDir: string;
  reset?: boolean;
  stagingDir?: string;
  env?: Record<string, string>;
}

async function waitForUrl(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the backend exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the backend did not answer on ${url} within ${timeoutMs} ms`);
}

export async function startBackend(options: StartOptions): Promise<BackendProcess> {
  const args = [
    'tsx',
    'src/server/main.ts',
    '--port',
    String(options.port),
    '--sandbox-data',
    options.dataDir,
    ...(options.reset === false ? [] : ['--reset-sandbox']),
    ...(options.stagingDir ? ['--staging-dir', options.stagingDir] : []),
  ];
  const child = spawn('npx', args, {
    cwd: process.cwd(),
    env: {
      ...process.env,
      VM_DISKS_SANDBOX_SPEED: '10',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  await waitForUrl(`${url}/auth/user`, child, 180_000);
  const tokens = JSON.parse(
    await readFile(path.join(options.dataDir, 'users.tokens.json'), 'utf8'),
  ) as { server: string; users: { name: string; token: string }[] };
  return {
    url,
    child,
    dataDir: options.dataDir,
    output,
    access: {
      server: tokens.server,
      tokens: Object.fromEntries(tokens.users.map((u) => [u.name, u.token])),
    },
    async rssBytes() {
      // npx → node (tsx) → node: the deepest node process holds the server.
      const pids = await descendants(child.pid ?? 0);
      let max = 0;
      for (const pid of pids) {
        const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        max = Math.max(max, kb * 1024);
      }
      return max;
    },
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = new Promise((r) => child.once('exit', r));
      // The whole process group: npx, tsx and the server (detached: its own group).
      try {
        process.kill(-child.pid, signal);
      } catch {
        return;
      }
      await exited;
    },
  };
}

async function descendants(pid: number): Promise<number[]> {
  const out = [pid];
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const c of children.split(/\s+/).filter(Boolean))
    out.push(...(await descendants(Number(c))));
  return out;
}

/** Runs `fn` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}
