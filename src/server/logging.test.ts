/** Request logging never carries credentials: tokens, session ids and CSRF values stay out of the log. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { loadKubeconfigTarget } from './kube-target';
import { kubeconfigFor, startFakeCluster, type FakeCluster } from './testing/fake-cluster';
import { makeFakeBuilds, type FakeBuilds } from './testing/fake-builds';
import { cookiesFrom, rawRequest } from './testing/http-client';

let cluster: FakeCluster;
let builds: FakeBuilds;
let tmp: string;
let app: FastifyInstance;
let base: string;
const logs: string[] = [];

beforeAll(async () => {
  cluster = await startFakeCluster();
  builds = await makeFakeBuilds();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-logging-'));
  const kubeconfig = path.join(tmp, 'config');
  await writeFile(kubeconfig, kubeconfigFor(cluster.url, { token: 'default-token' }));
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  app = await buildApp({
    mode: 'standalone',
    distDir: builds.distDir,
    hostDistDir: builds.hostDistDir,
    cluster: loadKubeconfigTarget([kubeconfig]),
    logLevel: 'trace',
    logStream: stream,
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  await cluster.close();
  await rm(builds.root, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

it('logs requests without tokens, session ids or CSRF values', async () => {
  const csrf = 'csrf-secret-value-123';
  const login = await rawRequest(base, {
    method: 'POST',
    path: '/auth/login',
    headers: {
      cookie: `csrf-token=${csrf}`,
      'x-csrftoken': csrf,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ token: 'user-token' }),
  });
  expect(login.status).toBe(200);
  const session = cookiesFrom(login.headers).get('openshift-session-token')?.value ?? '';
  expect(session.length).toBeGreaterThan(20);
  const cookie = `csrf-token=${csrf}; openshift-session-token=${session}`;
  await rawRequest(base, {
    path: '/api/kubernetes/api/v1/nodes',
    headers: { cookie, authorization: 'Bearer default-token' },
  });
  await rawRequest(base, {
    path: '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/whoami',
    headers: { cookie },
  });
  await rawRequest(base, { method: 'POST', path: '/auth/logout', headers: { cookie } });

  const text = logs.join('');
  expect(text).toContain('/api/kubernetes/api/v1/nodes');
  for (const secret of ['user-token', 'default-token', session, csrf])
    expect(text).not.toContain(secret);
});
