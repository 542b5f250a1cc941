import http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadKubeconfigTarget } from './kube-target';
import { kubeconfigFor, startFakeCluster, type FakeCluster } from './testing/fake-cluster';
import { makeFakeBuilds, type FakeBuilds } from './testing/fake-builds';
import { cookiesFrom, pageSessionCookie, rawRequest } from './testing/http-client';

let cluster: FakeCluster;
let builds: FakeBuilds;
let tmp: string;
let app: FastifyInstance;
let base: string;
const csrf = { cookie: 'csrf-token=tok123', 'x-csrftoken': 'tok123' };
/** The default identity's session, as the host page issues it. */
let page = '';

interface Echo {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  user: string;
}

beforeAll(async () => {
  cluster = await startFakeCluster();
  builds = await makeFakeBuilds();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-kubeconfig-'));
  const kubeconfig = path.join(tmp, 'config');
  await writeFile(kubeconfig, kubeconfigFor(cluster.url, { token: 'default-token' }));
  app = await buildApp({
    mode: 'standalone',
    distDir: builds.distDir,
    hostDistDir: builds.hostDistDir,
    cluster: loadKubeconfigTarget([kubeconfig]),
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  page = await pageSessionCookie(base);
});

afterAll(async () => {
  await app.close();
  await cluster.close();
  await rm(builds.root, { recursive: true, force: true });
  await rm(tmp, { recursive: true, force: true });
});

async function login(token: string): Promise<string> {
  const res = await rawRequest(base, {
    method: 'POST',
    path: '/auth/login',
    headers: { ...csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(res.status).toBe(200);
  const session = cookiesFrom(res.headers).get('openshift-session-token');
  expect(session).toBeDefined();
  return session?.value ?? '';
}

describe('HTTP proxy to the cluster', () => {
  it('forwards path, query and headers with the kubeconfig credentials, without the browser credentials', async () => {
    const res = await rawRequest(base, {
      path: '/api/kubernetes/api/v1/namespaces/ns1/configmaps?labelSelector=a%3Db&limit=5',
      headers: {
        cookie: `csrf-token=tok123; ${page}`,
        'x-csrftoken': 'tok123',
        authorization: 'Bearer browser-supplied',
        origin: base,
        accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-upstream']).toBe('yes');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.url).toBe('/api/v1/namespaces/ns1/configmaps?labelSelector=a%3Db&limit=5');
    expect(echo.headers.authorization).toBe('Bearer default-token');
    expect(echo.headers.cookie).toBeUndefined();
    expect(echo.headers['x-csrftoken']).toBeUndefined();
    expect(echo.headers.origin).toBeUndefined();
    expect(echo.headers.accept).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(echo.user).toBe('kube:admin');
  });

  it('streams request bodies of unsafe methods through unchanged', async () => {
    const body = JSON.stringify({ metadata: { labels: { a: 'b' } } });
    const res = await rawRequest(base, {
      method: 'PATCH',
      path: '/api/kubernetes/api/v1/namespaces/ns1/configmaps/cm',
      headers: {
        ...csrf,
        cookie: `${csrf.cookie}; ${page}`,
        'content-type': 'application/merge-patch+json',
      },
      body,
    });
    expect(res.status).toBe(200);
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.method).toBe('PATCH');
    expect(echo.body).toBe(body);
    expect(echo.headers['content-type']).toBe('application/merge-patch+json');
  });

  it('passes the cluster’s error status and body on', async () => {
    const token = await login('user-token');
    const res = await rawRequest(base, {
      path: '/api/kubernetes/api/v1/persistentvolumes',
      headers: { cookie: `openshift-session-token=${token}` },
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
  });

  it('streams a chunked watch without buffering and stops the upstream when the browser leaves', async () => {
    const watch = cluster.nextWatch();
    const lines: string[] = [];
    let gotFirst!: () => void;
    let gotSecond!: () => void;
    const first = new Promise<void>((resolve) => (gotFirst = resolve));
    const second = new Promise<void>((resolve) => (gotSecond = resolve));
    let failed!: (err: Error) => void;
    const failure = new Promise<never>((_resolve, reject) => (failed = reject));
    const req = http.get(
      `${base}/api/kubernetes/api/v1/pods?watch=true&resourceVersion=10`,
      { headers: { cookie: page } },
      (res) => {
        if (res.statusCode !== 200) failed(new Error(`watch answered ${res.statusCode ?? 0}`));
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          let nl;
          while ((nl = buffered.indexOf('\n')) !== -1) {
            lines.push(buffered.slice(0, nl));
            buffered = buffered.slice(nl + 1);
            if (lines.length === 1) gotFirst();
            if (lines.length === 2) gotSecond();
          }
        });
        res.on('error', () => undefined);
      },
    );
    req.on('error', () => undefined);
    // The upstream holds its second event until the first has arrived here: a buffering proxy never finishes.
    await Promise.race([first, failure]);
    await watch.started;
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'first' } },
    });
    watch.releaseSecond();
    await Promise.race([second, failure]);
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ type: 'MODIFIED' });
    req.destroy();
    await watch.closed;
  });
});

describe('login and sessions', () => {
  it('refuses a token the cluster does not accept and sets no session', async () => {
    const res = await rawRequest(base, {
      method: 'POST',
      path: '/auth/login',
      headers: { ...csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'wrong' }),
    });
    expect(res.status).toBe(401);
    expect(cookiesFrom(res.headers).has('openshift-session-token')).toBe(false);
  });

  it('maps an opaque HttpOnly session to the token; /auth/user, the proxy and the backend API act as that user', async () => {
    const before = await rawRequest(base, { path: '/auth/user', headers: { cookie: page } });
    expect(JSON.parse(before.body)).toEqual({
      username: 'kube:admin',
      groups: ['system:masters', 'system:authenticated'],
    });

    const res = await rawRequest(base, {
      method: 'POST',
      path: '/auth/login',
      headers: { ...csrf, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=user-token',
    });
    expect(res.status).toBe(200);
    const session = cookiesFrom(res.headers).get('openshift-session-token');
    expect(session?.raw).toContain('HttpOnly');
    expect(session?.raw).toContain('SameSite=Strict');
    expect(session?.value).not.toContain('user-token');
    const cookie = `csrf-token=tok123; openshift-session-token=${session?.value ?? ''}`;

    const user = await rawRequest(base, { path: '/auth/user', headers: { cookie } });
    expect(JSON.parse(user.body)).toEqual({ username: 'alice', groups: ['system:authenticated'] });

    const proxied = await rawRequest(base, {
      path: '/api/kubernetes/api/v1/namespaces',
      headers: { cookie },
    });
    expect((JSON.parse(proxied.body) as Echo).headers.authorization).toBe('Bearer user-token');

    const whoami = await rawRequest(base, {
      path: '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/whoami',
      headers: { cookie, authorization: 'Bearer default-token' },
    });
    expect(whoami.status).toBe(200);
    expect(JSON.parse(whoami.body)).toEqual({
      username: 'alice',
      groups: ['system:authenticated'],
    });

    const logout = await rawRequest(base, {
      method: 'POST',
      path: '/auth/logout',
      headers: { cookie, 'x-csrftoken': 'tok123' },
    });
    expect(logout.status).toBe(200);
    expect(cookiesFrom(logout.headers).get('openshift-session-token')?.raw).toContain('Max-Age=0');
    // An ended session is refused and its cookie cleared, never mapped to the default identity.
    const after = await rawRequest(base, { path: '/auth/user', headers: { cookie } });
    expect(after.status).toBe(401);
    expect(cookiesFrom(after.headers).get('openshift-session-token')?.raw).toContain('Max-Age=0');
  });

  it('gives the backend API the default identity’s token through the plugin proxy', async () => {
    const healthz = await rawRequest(base, {
      path: '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/healthz',
      headers: { cookie: page },
    });
    expect(healthz.status).toBe(200);
    expect(JSON.parse(healthz.body)).toEqual({ status: 'ok' });
    const whoami = await rawRequest(base, {
      path: '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/whoami',
      headers: { cookie: page },
    });
    expect(JSON.parse(whoami.body)).toMatchObject({ username: 'kube:admin' });
  });

  it('offers no sandbox user switching against a real cluster', async () => {
    const res = await rawRequest(base, {
      method: 'POST',
      path: '/auth/login-as',
      headers: { ...csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin' }),
    });
    expect(res.status).toBe(404);
  });
});

describe('WebSocket upgrades', () => {
  function connect(
    urlPath: string,
    headers: Record<string, string>,
  ): Promise<{ ws: WebSocket; first: string } | { status: number }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}${urlPath}`, { headers });
      ws.once('message', (data: Buffer) => {
        resolve({ ws, first: data.toString() });
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0 });
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  it('pipes a WebSocket to the cluster as the session user and echoes both ways', async () => {
    const token = await login('user-token');
    const result = await connect('/api/kubernetes/api/v1/pods?watch=true', {
      cookie: `csrf-token=tok123; openshift-session-token=${token}`,
      origin: base,
    });
    if (!('ws' in result)) throw new Error(`upgrade refused: ${result.status}`);
    expect(JSON.parse(result.first)).toEqual({
      hello: 'alice',
      url: '/api/v1/pods?watch=true',
      cookie: null,
    });
    const echoed = new Promise<string>((resolve) => {
      result.ws.once('message', (data: Buffer) => {
        resolve(data.toString());
      });
    });
    result.ws.send('ping through the proxy');
    expect(await echoed).toBe('ping through the proxy');
    const closed = new Promise((resolve) => result.ws.once('close', resolve));
    result.ws.close();
    await closed;
  });

  it('refuses an upgrade from another origin', async () => {
    const result = await connect('/api/kubernetes/api/v1/pods?watch=true', {
      origin: 'http://evil.example',
    });
    expect(result).toEqual({ status: 403 });
  });

  it('passes the cluster’s refusal of an upgrade on', async () => {
    const result = await connect('/api/kubernetes/api/v1/secrets?watch=true', {
      origin: base,
      cookie: page,
    });
    expect(result).toEqual({ status: 403 });
  });
});
