/**
 * The `npm start` entry as a process: configuration errors exit 2 with the flag named; a normal start prints
 * the URL and the cluster, serves, and exits 0 on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './build-missing';
import { makeFakeBuilds, type FakeBuilds } from './testing/fake-builds';
import { pageSessionCookie, rawRequest } from './testing/http-client';

const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(REPO_ROOT, 'src/server/main.ts');

let builds: FakeBuilds;
let dataDir: string;

beforeAll(async () => {
  builds = await makeFakeBuilds();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-main-'));
});

afterAll(async () => {
  await rm(builds.root, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

function run(args: string[]): {
  child: ReturnType<typeof spawn>;
  output: () => string;
  exited: Promise<number | null>;
} {
  const env = { ...process.env };
  delete env.KUBECONFIG;
  delete env.PORT;
  const child = spawn(TSX, [MAIN, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => text, exited };
}

describe('npm start entry', () => {
  it('exits 2 naming the flag on a configuration error', async () => {
    const proc = run(['--port', 'ninety']);
    expect(await proc.exited).toBe(2);
    expect(proc.output()).toContain('--port must be a port number');
  });

  it('serves on the embedded sandbox, prints where, and shuts down on SIGTERM', async () => {
    const proc = run([
      '--port',
      '0',
      '--dist',
      builds.distDir,
      '--host-dist',
      builds.hostDistDir,
      '--sandbox-data',
      dataDir,
    ]);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match =
          /VM Disks: (http:\/\/localhost:\d+) \(cluster: embedded sandbox, data: (.+)\)/.exec(
            proc.output(),
          );
        // The lines may arrive in separate chunks (a loaded machine): wait for the tokens line too.
        if (match?.[1] && proc.output().includes(path.join(dataDir, 'users.tokens.json'))) {
          clearInterval(timer);
          expect(match[2]).toBe(dataDir);
          resolve(match[1]);
        }
      }, 100);
      void proc.exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`exited ${String(code)}: ${proc.output()}`));
      });
    });
    expect(proc.output()).toContain(path.join(dataDir, 'users.tokens.json'));
    const page = await rawRequest(url.replace('localhost', '127.0.0.1'), { path: '/' });
    expect(page.status).toBe(200);
    const nodes = await rawRequest(url.replace('localhost', '127.0.0.1'), {
      path: '/api/kubernetes/api/v1/nodes',
      headers: { cookie: await pageSessionCookie(url.replace('localhost', '127.0.0.1')) },
    });
    expect(JSON.parse(nodes.body)).toMatchObject({ kind: 'NodeList' });
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});
