/**
 * The backend as its own process (`tsx src/server/main.ts`), as `npm start` runs it, with a fresh embedded
 * sandbox: benchmarks measure its RSS and fault suites kill it with SIGKILL and start it again on the same
 * data. Loopback only.
 *
 * `compiled: true` runs the shipped backend instead (`node dist-server/main.js`, built by `npm run
 * build:server` when missing or older than its sources) against the sandbox in a process of its own, so the
 * RSS is the backend's alone.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const COMPILED_BACKEND = path.join(ROOT, 'dist-server', 'main.js');

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
  /** Resident set size of the backend process (and its sandbox when embedded), in bytes. */
  rssBytes(): Promise<number>;
  /** The process that serves HTTP (for /proc/<pid>/status readings). */
  serverPid(): Promise<number>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  output: string[];
}

export interface StartOptions {
  port: number;
  dataDir: string;
  reset?: boolean;
  stagingDir?: string;
  env?: Record<string, string>;
  /** Run `node dist-server/main.js` with the sandbox as its own process (see above). */
  compiled?: boolean;
  /** Sandbox port when `compiled` (default: port + 1). */
  sandboxPort?: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist-server/ when it is missing or older than src/server or src/lib. */
export function ensureCompiledBackend(): string {
  const built = existsSync(COMPILED_BACKEND) ? statSync(COMPILED_BACKEND).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'src/server')),
    newestMtime(path.join(ROOT, 'src/lib')),
  );
  if (built < sources) {
    execFileSync('flock', ['/tmp/build-server.lock', 'npm', 'run', 'build:server'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  }
  return COMPILED_BACKEND;
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
  if (options.compiled) return startCompiled(options);
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
      for (const pid of pids) max = Math.max(max, await rssOf(pid));
      return max;
    },
    async serverPid() {
      const pids = await descendants(child.pid ?? 0);
      return pids[pids.length - 1] ?? 0;
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

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

function spawnLogged(command: string, args: string[], env: NodeJS.ProcessEnv, output: string[]) {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
  return child;
}

async function killGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, signal);
  } catch {
    return;
  }
  await exited;
}

async function startCompiled(options: StartOptions): Promise<BackendProcess> {
  const main = ensureCompiledBackend();
  const output: string[] = [];
  const env = { ...process.env, VM_DISKS_SANDBOX_SPEED: '10', ...options.env };
  const kubeconfig = path.join(options.dataDir, 'kubeconfig');
  const sandbox = spawnLogged(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/sandbox/main.ts',
      '--listen',
      `127.0.0.1:${options.sandboxPort ?? options.port + 1}`,
      '--data',
      options.dataDir,
      '--kubeconfig',
      kubeconfig,
      ...(options.reset === false ? [] : ['--reset']),
    ],
    env,
    output,
  );
  const tokensFile = path.join(options.dataDir, 'users.tokens.json');
  const end = Date.now() + 180_000;
  for (;;) {
    if (sandbox.exitCode !== null) throw new Error(`the sandbox exited: ${output.join('')}`);
    // "Sandbox cluster (profile current) listening on …" (src/sandbox/main.ts).
    if (/Sandbox cluster\b.* listening on /.test(output.join(''))) break;
    if (Date.now() > end) {
      await killGroup(sandbox, 'SIGKILL');
      throw new Error('the sandbox did not start within 180 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const child = spawnLogged(
    process.execPath,
    [
      main,
      '--kubeconfig',
      kubeconfig,
      '--port',
      String(options.port),
      ...(options.stagingDir ? ['--staging-dir', options.stagingDir] : []),
    ],
    env,
    output,
  );
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForUrl(`${url}/auth/user`, child, 60_000);
  } catch (err) {
    await killGroup(sandbox, 'SIGKILL');
    throw err;
  }
  const tokens = JSON.parse(await readFile(tokensFile, 'utf8')) as {
    server: string;
    users: { name: string; token: string }[];
  };
  return {
    url,
    child,
    dataDir: options.dataDir,
    output,
    access: {
      server: tokens.server,
      tokens: Object.fromEntries(tokens.users.map((u) => [u.name, u.token])),
    },
    rssBytes: () => rssOf(child.pid ?? 0),
    serverPid: () => Promise.resolve(child.pid ?? 0),
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      await killGroup(child, signal);
      await killGroup(sandbox, signal);
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
