/**
 * The backend against the real embedded sandbox (src/sandbox): the kube proxy lists through it as the admin,
 * user switching makes the sandbox's RBAC visible (developer may not list PersistentVolumes), and a WebSocket
 * watch through the proxy sees a change made through the proxy.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { sandboxKubeTarget } from './kube-target';
import {
  startEmbeddedSandbox,
  writeSandboxAccessFiles,
  type RunningSandbox,
} from './sandbox-launcher';
import { makeFakeBuilds, type FakeBuilds } from './testing/fake-builds';
import { cookiesFrom, pageSessionCookie, rawRequest } from './testing/http-client';

let dataDir: string;
let sandbox: RunningSandbox;
let builds: FakeBuilds;
let app: FastifyInstance;
let base: string;
const csrf = { cookie: 'csrf-token=c1', 'x-csrftoken': 'c1' };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-sandbox-'));
  const started = await startEmbeddedSandbox({ dataDir, quiet: true });
  if (!started)
    throw new Error('src/sandbox/index.ts is missing: the embedded sandbox cannot start');
  sandbox = started;
  builds = await makeFakeBuilds();
  app = await buildApp({
    mode: 'standalone',
    distDir: builds.distDir,
    hostDistDir: builds.hostDistDir,
    cluster: sandboxKubeTarget(sandbox),
    sandboxUsers: sandbox.users,
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(builds.root, { recursive: true, force: true });
});

async function loginAs(username: string): Promise<string> {
  const res = await rawRequest(base, {
    method: 'POST',
    path: '/auth/login-as',
    headers: { ...csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ username });
  return `csrf-token=c1; openshift-session-token=${cookiesFrom(res.headers).get('openshift-session-token')?.value ?? ''}`;
}

describe('standalone backend on the embedded sandbox', () => {
  it('lists nodes through the proxy as the sandbox admin by default', async () => {
    const cookie = await pageSessionCookie(base);
    const user = await rawRequest(base, { path: '/auth/user', headers: { cookie } });
    expect(JSON.parse(user.body)).toMatchObject({ username: 'admin' });
    const nodes = await rawRequest(base, {
      path: '/api/kubernetes/api/v1/nodes',
      headers: { cookie },
    });
    expect(nodes.status).toBe(200);
    const list = JSON.parse(nodes.body) as { kind: string; items: unknown[] };
    expect(list.kind).toBe('NodeList');
    expect(Array.isArray(list.items)).toBe(true);
  });

  it('names the sandbox users without their tokens', async () => {
    const res = await rawRequest(base, { path: '/auth/sandbox-users' });
    const { users } = JSON.parse(res.body) as { users: string[] };
    expect(users).toEqual(expect.arrayContaining(['admin', 'developer']));
    for (const user of sandbox.users) expect(res.body).not.toContain(user.token);
  });

  it('acts as developer after login-as: 403 on PersistentVolumes with the API server’s message', async () => {
    const cookie = await loginAs('developer');
    const user = await rawRequest(base, { path: '/auth/user', headers: { cookie } });
    expect(JSON.parse(user.body)).toMatchObject({ username: 'developer' });
    const pvs = await rawRequest(base, {
      path: '/api/kubernetes/api/v1/persistentvolumes',
      headers: { cookie },
    });
    expect(pvs.status).toBe(403);
    const status = JSON.parse(pvs.body) as { kind: string; message: string };
    expect(status.kind).toBe('Status');
    expect(status.message).toContain('persistentvolumes');
    const whoami = await rawRequest(base, {
      path: '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/whoami',
      headers: { cookie },
    });
    expect(JSON.parse(whoami.body)).toMatchObject({ username: 'developer' });
  });

  it('refuses login-as for a user the sandbox does not have', async () => {
    const res = await rawRequest(base, {
      method: 'POST',
      path: '/auth/login-as',
      headers: { ...csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mallory' }),
    });
    expect(res.status).toBe(400);
  });

  it('delivers a WebSocket watch event for an object created through the proxy', async () => {
    const name = `ws-watch-${Date.now().toString(36)}`;
    const page = await pageSessionCookie(base);
    const list = await rawRequest(base, {
      path: '/api/kubernetes/api/v1/namespaces',
      headers: { cookie: page },
    });
    const { metadata } = JSON.parse(list.body) as { metadata: { resourceVersion: string } };
    const ws = new WebSocket(
      `${base.replace('http', 'ws')}/api/kubernetes/api/v1/namespaces?watch=true&resourceVersion=${metadata.resourceVersion}`,
      { headers: { origin: base, cookie: page } },
    );
    const seen = new Promise<{ type: string; object: { metadata: { name: string } } }>(
      (resolve, reject) => {
        ws.on('message', (data: Buffer) => {
          const event = JSON.parse(data.toString()) as {
            type: string;
            object: { metadata: { name: string } };
          };
          if (event.object.metadata.name === name) resolve(event);
        });
        ws.once('unexpected-response', (_req, res) => {
          reject(new Error(`upgrade refused: ${res.statusCode ?? 0}`));
        });
        ws.once('error', reject);
      },
    );
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        resolve();
      });
      ws.once('error', reject);
    });
    const created = await rawRequest(base, {
      method: 'POST',
      path: '/api/kubernetes/api/v1/namespaces',
      headers: { ...csrf, cookie: `${csrf.cookie}; ${page}`, 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
    });
    expect(created.status).toBe(201);
    const event = await seen;
    expect(event.type).toBe('ADDED');
    ws.close();
  });

  it('writes a kubeconfig and a tokens file for kubectl and tests', async () => {
    const files = await writeSandboxAccessFiles(sandbox, dataDir);
    const { readFile, stat } = await import('node:fs/promises');
    const tokens = JSON.parse(await readFile(files.tokens, 'utf8')) as {
      users: { name: string; token: string }[];
    };
    expect(tokens.users.map((u) => u.name)).toEqual(expect.arrayContaining(['admin', 'developer']));
    expect((await stat(files.tokens)).mode & 0o077).toBe(0);
    expect(await readFile(files.kubeconfig, 'utf8')).toContain(sandbox.url);
  });
});
