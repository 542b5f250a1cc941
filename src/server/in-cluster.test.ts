/**
 * In-cluster mode: HTTPS with a given (self-signed) certificate, the plugin at `/` as the bridge requests it,
 * the backend API at `/api/v1/*` with the identity only from `Authorization: Bearer`, nothing of the bridge
 * stand-in. The cluster is the embedded sandbox reached through a kubeconfig it wrote.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadKubeconfigTarget } from './kube-target';
import { startEmbeddedSandbox, type RunningSandbox } from './sandbox-launcher';
import { FAKE_LOCALE, makeFakeBuilds, type FakeBuilds } from './testing/fake-builds';
import { rawRequest } from './testing/http-client';

let dataDir: string;
let sandbox: RunningSandbox;
let builds: FakeBuilds;
let app: FastifyInstance;
let base: string;
let ca: string;

function tokenOf(name: string): string {
  const user = sandbox.users.find((u) => u.name === name);
  if (!user) throw new Error(`sandbox has no ${name} user`);
  return user.token;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-incluster-'));
  const started = await startEmbeddedSandbox({ dataDir, quiet: true });
  if (!started)
    throw new Error('src/sandbox/index.ts is missing: the embedded sandbox cannot start');
  sandbox = started;
  const kubeconfig = path.join(dataDir, 'kubeconfig');
  await sandbox.writeKubeconfig(kubeconfig);
  builds = await makeFakeBuilds();
  const pems = await generate([{ name: 'commonName', value: 'vm-disks-plugin.vm-disks.svc' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  ca = pems.cert;
  app = await buildApp({
    mode: 'in-cluster',
    distDir: builds.distDir,
    cluster: loadKubeconfigTarget([kubeconfig]),
    tls: { cert: pems.cert, key: pems.private },
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(builds.root, { recursive: true, force: true });
});

describe('in-cluster mode', () => {
  it('listens with TLS and serves the plugin at its base path as the bridge requests it', async () => {
    expect(base.startsWith('https://')).toBe(true);
    const manifest = await rawRequest(base, { path: '/plugin-manifest.json', ca });
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(manifest.headers['x-content-type-options']).toBe('nosniff');
    // Issue 13, break 10: in-cluster the backend is reached over TLS only, and says so (HSTS).
    expect(manifest.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(JSON.parse(manifest.body)).toEqual(builds.manifest);
    const entry = await rawRequest(base, { path: '/plugin-entry.0123abcd.js', ca });
    expect(entry.headers['content-type']).toBe('application/javascript; charset=utf-8');
    const locale = await rawRequest(base, { path: '/locales/en/plugin__vm-disks-plugin.json', ca });
    expect(JSON.parse(locale.body)).toEqual(FAKE_LOCALE);
    const traversal = await rawRequest(base, { path: '/../secret.json', ca });
    // Dot segments are refused before routing (request-target.ts).
    expect(traversal.status).toBe(400);
  });

  it('answers the health probes', async () => {
    expect((await rawRequest(base, { path: '/healthz', ca })).status).toBe(200);
    expect((await rawRequest(base, { path: '/readyz', ca })).status).toBe(200);
  });

  it('refuses the API without a bearer token', async () => {
    for (const apiPath of ['/api/v1/whoami', '/api/v1/healthz', '/api/v1/anything']) {
      const res = await rawRequest(base, { path: apiPath, ca });
      expect(res.status).toBe(401);
    }
  });

  it('answers whoami as the user of the bearer token', async () => {
    const res = await rawRequest(base, {
      path: '/api/v1/whoami',
      ca,
      headers: { authorization: `Bearer ${tokenOf('developer')}` },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ username: 'developer' });
    const bad = await rawRequest(base, {
      path: '/api/v1/whoami',
      ca,
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(bad.status).toBe(401);
  });

  it('has no kube proxy, host page, login or CSRF cookie', async () => {
    for (const p of [
      '/api/kubernetes/api/v1/nodes',
      '/auth/user',
      '/',
      '/api/plugins/vm-disks-plugin/plugin-manifest.json',
    ]) {
      const res = await rawRequest(base, {
        path: p,
        ca,
        headers: { authorization: `Bearer ${tokenOf('admin')}` },
      });
      expect(res.status).toBe(404);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });
});
