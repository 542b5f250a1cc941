/**
 * The sandbox cluster as its own process (`src/sandbox/main.ts`, as `npm run sandbox` runs it), so
 * fault suites can kill it with SIGKILL and start it again on the same data. Loopback only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface SandboxProcess {
  /** e.g. http://127.0.0.1:19410 */
  url: string;
  child: ChildProcess;
  tokens: Record<string, string>;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface SandboxProcessOptions {
  port: number;
  dataDir: string;
  reset?: boolean;
  /** The checkout to run (default: this one); lets a measurement run an older tree. */
  root?: string;
}

export async function startSandboxProcess(options: SandboxProcessOptions): Promise<SandboxProcess> {
  const root = options.root ?? process.cwd();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/sandbox/main.ts',
      '--listen',
      `127.0.0.1:${String(options.port)}`,
      '--data',
      options.dataDir,
      '--kubeconfig',
      path.join(options.dataDir, 'kubeconfig'),
      '--quiet',
      ...(options.reset ? ['--reset'] : []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
  const url = `http://127.0.0.1:${String(options.port)}`;
  const end = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the sandbox exited with ${String(child.exitCode)}: ${output.join('')}`);
    }
    // "Sandbox cluster (profile current) listening on …" (src/sandbox/main.ts).
    if (/Sandbox cluster\b.* listening on /.test(output.join(''))) break;
    if (Date.now() > end) {
      // Not left running on the port for the next start.
      child.kill('SIGKILL');
      throw new Error(`the sandbox did not start: ${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const tokens = JSON.parse(
    await readFile(path.join(options.dataDir, 'users.tokens.json'), 'utf8'),
  ) as { users: { name: string; token: string }[] };
  return {
    url,
    child,
    output,
    tokens: Object.fromEntries(tokens.users.map((u) => [u.name, u.token])),
    kill: async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((ok) => {
        child.once('exit', () => {
          ok();
        });
      });
      child.kill(signal);
      await exited;
    },
  };
}
