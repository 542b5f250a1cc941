/**
 * The real stack for the quality suites, in this process: the embedded sandbox cluster (fresh data directory)
 * and the backend (standalone bridge stand-in, or in-cluster mode) on loopback port 0, with every log line
 * captured. Assets are small stand-ins (`makeFakeBuilds`), so the suites do not depend on a plugin build.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadKubeconfigTarget, sandboxKubeTarget } from '../../src/server/kube-target';
import { startEmbeddedSandbox, type RunningSandbox } from '../../src/server/sandbox-launcher';
import { makeFakeBuilds, type FakeBuilds } from '../../src/server/testing/fake-builds';
import { cookiesFrom } from '../../src/server/testing/http-client';
import { send, type Answer } from './http';

export type SandboxUserName = 'admin' | 'developer' | 'viewer';

export interface Stack {
  sandbox: RunningSandbox;
  app: FastifyInstance;
  /** e.g. `http://127.0.0.1:40123` */
  base: string;
  dataDir: string;
  /** The sandbox's data directory (state, node file systems, audit.log). */
  clusterDataDir: string;
  stagingDir: string;
  /** Every log line the backend wrote so far. */
  logs: string[];
  tokenOf(user: SandboxUserName): string;
  /** Audit records the sandbox wrote so far (see src/sandbox/api/audit.ts). */
  audit(): Promise<AuditLine[]>;
  close(): Promise<void>;
}

export interface AuditLine {
  user: string;
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
  code: number;
}

export interface StackOptions {
  mode?: 'standalone' | 'in-cluster';
  /** In-cluster: the user whose kubeconfig stands for the backend's own service account (default admin). */
  serviceAccountUser?: SandboxUserName;
  /** The sandbox profile (default current, as `npm start`). */
  profile?: 'current' | 'legacy';
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const mode = options.mode ?? 'standalone';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-quality-'));
  const stagingDir = path.join(dataDir, 'staging');
  const clusterDataDir = path.join(dataDir, 'cluster');
  const sandbox = await startEmbeddedSandbox({
    dataDir: clusterDataDir,
    quiet: true,
    ...(options.profile ? { profile: options.profile } : {}),
  });
  if (!sandbox)
    throw new Error('src/sandbox/index.ts is missing: the embedded sandbox cannot start');
  let builds: FakeBuilds | undefined;
  let app: FastifyInstance | undefined;
  try {
    builds = await makeFakeBuilds();
    const logs: string[] = [];
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(line);
    });
    let cluster;
    if (mode === 'in-cluster') {
      const kubeconfig = path.join(dataDir, 'service-account.kubeconfig');
      await sandbox.writeKubeconfig(kubeconfig, options.serviceAccountUser ?? 'admin');
      cluster = loadKubeconfigTarget([kubeconfig]);
    } else {
      cluster = sandboxKubeTarget(sandbox);
    }
    app = await buildApp({
      mode,
      distDir: builds.distDir,
      ...(mode === 'standalone'
        ? { hostDistDir: builds.hostDistDir, sandboxUsers: sandbox.users }
        : {}),
      cluster,
      stagingDir,
      logLevel: 'trace',
      logStream,
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const running = app;
    const fakeBuilds = builds;
    return {
      sandbox,
      app: running,
      base,
      dataDir,
      clusterDataDir,
      stagingDir,
      logs,
      tokenOf(user) {
        const found = sandbox.users.find((u) => u.name === user);
        if (!found) throw new Error(`the sandbox has no ${user} user`);
        return found.token;
      },
      async audit() {
        const text = await readFile(path.join(clusterDataDir, 'audit.log'), 'utf8').catch(() => '');
        return text
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as AuditLine);
      },
      async close() {
        await running.close();
        await sandbox.close();
        await rm(fakeBuilds.root, { recursive: true, force: true });
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await app?.close();
    await sandbox.close();
    if (builds) await rm(builds.root, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** A browser session of the bridge stand-in: its csrf cookie and (after `loginAs`) its session cookie. */
export class BrowserSession {
  readonly csrf = `csrf-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
  session = '';

  constructor(private readonly base: string) {}

  get cookie(): string {
    return `csrf-token=${this.csrf}${this.session ? `; openshift-session-token=${this.session}` : ''}`;
  }

  async loginAs(user: SandboxUserName): Promise<this> {
    const res = await this.request('POST', '/auth/login-as', { username: user });
    if (res.status !== 200) throw new Error(`login-as ${user}: ${res.status} ${res.body}`);
    this.session = cookiesFrom(res.headers).get('openshift-session-token')?.value ?? '';
    if (!this.session) throw new Error('login-as set no session cookie');
    return this;
  }

  /** A request as the browser sends it: cookies, and the CSRF header on every method. */
  request(
    method: string,
    urlPath: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    return send(this.base, {
      method,
      path: urlPath,
      headers: {
        cookie: this.cookie,
        'x-csrftoken': this.csrf,
        ...(body !== undefined && !Buffer.isBuffer(body)
          ? { 'content-type': 'application/json' }
          : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }
        : {}),
    });
  }
}

export const BACKEND = '/api/proxy/plugin/vm-disks-plugin/backend';
export const KUBE = '/api/kubernetes';
