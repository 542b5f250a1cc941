/**
 * Issue 13, breaks 1, 2, 3 and 9, each as the attack that got through, now refused:
 *  1. DNS rebinding: a page on `rebind.attacker.example` (resolving to 127.0.0.1) used the backend's default
 *     identity; the standalone sandbox trusted `Impersonate-User` without a token.
 *  2. A forged, ended or pre-restart session cookie acted as the default identity.
 *  3. CSRF and the in-cluster guard compared the raw URL (`/%61uth/login`, absolute-form request lines).
 *  9. Sessions never expired and were not capped.
 * The identity model these check is written down in the README's security section.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostRefusal } from '../../src/server/allowed-hosts';
import { buildApp } from '../../src/server/app';
import { sandboxKubeTarget } from '../../src/server/kube-target';
import { SessionStore } from '../../src/server/session';
import { makeFakeBuilds, type FakeBuilds } from '../../src/server/testing/fake-builds';
import { cookiesFrom } from '../../src/server/testing/http-client';
import { send, type Answer } from '../support/http';
import { BACKEND, BrowserSession, KUBE, startStack, type Stack } from '../support/stack';

const run = promisify(execFile);

let stack: Stack;
let port: string;
beforeAll(async () => {
  stack = await startStack();
  port = new URL(stack.base).port;
});
afterAll(async () => {
  await stack.close();
});

const configMap = (name: string) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });

/** The page's session cookie (default identity), loaded the way a browser loads it on `host`. */
async function loadPage(host: string): Promise<Answer> {
  return send(stack.base, { path: '/', headers: { host, accept: 'text/html' } });
}

function sessionOf(answer: Answer): string | undefined {
  return cookiesFrom(answer.headers).get('openshift-session-token')?.value;
}

async function configMapExists(name: string): Promise<boolean> {
  const admin = await new BrowserSession(stack.base).loginAs('admin');
  const res = await admin.request('GET', `${KUBE}/api/v1/namespaces/default/configmaps/${name}`);
  return res.status === 200;
}

function upgradeStatus(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(String(res.statusCode));
    });
    ws.on('error', (err) => {
      resolve(`error ${err.message}`);
    });
  });
}

describe('break 1: DNS rebinding and the default identity', () => {
  const rebind = () => `rebind.attacker.example:${port}`;

  it('refuses the rebinding page itself: no page, no csrf cookie, no session', async () => {
    const page = await loadPage(rebind());
    expect(page.status).toBe(421);
    expect(page.body).toContain('DNS rebinding');
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a ConfigMap create from the rebound origin (Host and Origin match each other)', async () => {
    const res = await send(stack.base, {
      method: 'POST',
      path: `${KUBE}/api/v1/namespaces/default/configmaps`,
      headers: {
        host: rebind(),
        origin: `http://${rebind()}`,
        cookie: 'csrf-token=c',
        'x-csrftoken': 'c',
        'content-type': 'application/json',
      },
      body: configMap('rebind-created'),
    });
    expect(res.status).toBe(421);
    expect(await configMapExists('rebind-created')).toBe(false);
  });

  it('refuses a WebSocket watch on Secrets from the rebound origin, even with a real session', async () => {
    const session = sessionOf(await loadPage(`127.0.0.1:${port}`));
    const outcome = await upgradeStatus(
      `${stack.base.replace('http', 'ws')}${KUBE}/api/v1/namespaces/default/secrets?watch=true`,
      {
        host: rebind(),
        origin: `http://${rebind()}`,
        cookie: `openshift-session-token=${session ?? ''}`,
      },
    );
    expect(outcome).toBe('421');
  });

  it('gives no identity to the readable csrf cookie alone: no session → 401, nothing created', async () => {
    const res = await send(stack.base, {
      method: 'POST',
      path: `${KUBE}/api/v1/namespaces/default/configmaps`,
      headers: { cookie: 'csrf-token=c', 'x-csrftoken': 'c', 'content-type': 'application/json' },
      body: configMap('no-session-created'),
    });
    expect(res.status).toBe(401);
    expect(await configMapExists('no-session-created')).toBe(false);
    const watch = await upgradeStatus(
      `${stack.base.replace('http', 'ws')}${KUBE}/api/v1/namespaces/default/secrets?watch=true`,
      { origin: stack.base },
    );
    expect(watch).toBe('401');
  });

  it('issues the default identity only to the page on a loopback Host, in an HttpOnly cookie', async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const page = await loadPage(host);
      expect(page.status).toBe(200);
      const cookie = cookiesFrom(page.headers).get('openshift-session-token');
      expect(cookie?.raw).toContain('HttpOnly');
      expect(cookie?.raw).toContain('SameSite=Strict');
      const who = await send(stack.base, {
        path: '/auth/user',
        headers: { cookie: `openshift-session-token=${cookie?.value ?? ''}` },
      });
      expect(JSON.parse(who.body)).toMatchObject({ username: 'admin' });
    }
  });

  it('answers for the host of an explicit --public-url and for no other name', () => {
    const policy = { publicHost: 'box.lan:9000' };
    expect(hostRefusal('box.lan:9000', policy)).toBeUndefined();
    expect(hostRefusal('BOX.lan:9000', policy)).toBeUndefined();
    expect(hostRefusal('box.lan:9001', policy)).toContain('DNS rebinding');
    expect(hostRefusal('box.lan:9000', {})).toContain('--public-url');
    expect(hostRefusal('127.0.0.1.attacker.example', {})).toContain('DNS rebinding');
    expect(hostRefusal('localhost.attacker.example:1', {})).toContain('DNS rebinding');
    expect(hostRefusal(undefined, {})).toContain('no Host');
  });

  it('the standalone sandbox refuses Impersonate-User: admin without a token', async () => {
    const res = await send(stack.sandbox.url, {
      path: '/api/v1/namespaces/default/secrets',
      headers: { 'impersonate-user': 'admin' },
    });
    expect(res.status).toBe(401);
    const wrongProof = await send(stack.sandbox.url, {
      path: '/api/v1/namespaces/default/secrets',
      headers: {
        'impersonate-user': 'admin',
        'impersonate-extra-sandbox-token': stack.tokenOf('viewer'),
      },
    });
    expect(wrongProof.status).toBe(401);
  });

  it('real kubectl still works with the kubeconfig the sandbox writes (token sent as the impersonation extra)', async () => {
    const kubeconfig = path.join(stack.dataDir, 'kubectl-admin.kubeconfig');
    await stack.sandbox.writeKubeconfig(kubeconfig, 'admin');
    const { stdout } = await run('kubectl', ['get', 'namespaces', '-o', 'name'], {
      env: { ...process.env, KUBECONFIG: kubeconfig },
    });
    expect(stdout).toContain('namespace/vm-images');
  });
});

describe('break 2: forged, ended and pre-restart sessions', () => {
  it('answers 401 to a forged cookie on /auth/user and clears it, never the default identity', async () => {
    const res = await send(stack.base, {
      path: '/auth/user',
      headers: { cookie: 'openshift-session-token=forged' },
    });
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('admin');
    expect(cookiesFrom(res.headers).get('openshift-session-token')?.raw).toContain('Max-Age=0');
  });

  it('a viewer with a forged cookie cannot create a cluster-admin ClusterRoleBinding', async () => {
    const viewer = new BrowserSession(stack.base);
    viewer.session = 'forged';
    const res = await viewer.request(
      'POST',
      `${KUBE}/apis/rbac.authorization.k8s.io/v1/clusterrolebindings`,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: 'forged-escalation' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'cluster-admin',
        },
        subjects: [{ kind: 'User', name: 'viewer', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    );
    expect(res.status).toBe(401);
    const admin = await new BrowserSession(stack.base).loginAs('admin');
    const check = await admin.request(
      'GET',
      `${KUBE}/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/forged-escalation`,
    );
    expect(check.status).toBe(404);
  });

  it('a session ended by logout is refused (401), through the kube proxy and the backend API', async () => {
    const developer = await new BrowserSession(stack.base).loginAs('developer');
    expect((await developer.request('POST', '/auth/logout')).status).toBe(200);
    expect((await developer.request('GET', `${KUBE}/api/v1/namespaces`)).status).toBe(401);
    expect((await developer.request('GET', `${BACKEND}/api/v1/whoami`)).status).toBe(401);
  });

  it('a request the page sent before a login finished is refused without clearing the new cookie', async () => {
    // Found in e2e: the page's polls still carried the replaced session, their 401 cleared the cookie the
    // login had just set, and the next page load made the user admin again.
    const browser = await new BrowserSession(stack.base).loginAs('viewer');
    const before = browser.session;
    await browser.loginAs('developer');
    const late = await send(stack.base, {
      path: `${KUBE}/api/v1/namespaces`,
      headers: { cookie: `csrf-token=${browser.csrf}; openshift-session-token=${before}` },
    });
    expect(late.status).toBe(401);
    expect(late.body).toContain('replaced by a login');
    expect(cookiesFrom(late.headers).get('openshift-session-token')).toBeUndefined();
    const who = await browser.request('GET', '/auth/user');
    expect(who.status).toBe(200);
    expect(who.body).toContain('developer');
  });

  it("after a backend restart a developer's old cookie is refused, not mapped to admin", async () => {
    const developer = await new BrowserSession(stack.base).loginAs('developer');
    let builds: FakeBuilds | undefined;
    let restarted: FastifyInstance | undefined;
    try {
      builds = await makeFakeBuilds();
      restarted = await buildApp({
        mode: 'standalone',
        distDir: builds.distDir,
        hostDistDir: builds.hostDistDir,
        cluster: sandboxKubeTarget(stack.sandbox),
        sandboxUsers: stack.sandbox.users,
      });
      const base = await restarted.listen({ host: '127.0.0.1', port: 0 });
      const old = new BrowserSession(base);
      old.session = developer.session;
      const who = await old.request('GET', '/auth/user');
      expect(who.status).toBe(401);
      expect(who.body).toContain('reload the page or log in again');
      const write = await old.request('POST', `${KUBE}/api/v1/namespaces/default/configmaps`, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'after-restart' },
      });
      expect(write.status).toBe(401);
    } finally {
      await restarted?.close();
      if (builds) await rm(builds.root, { recursive: true, force: true });
    }
    expect(await configMapExists('after-restart')).toBe(false);
  });
});

describe('break 3: one normalised path decides CSRF, the in-cluster guard and routing', () => {
  const foreign = { origin: 'https://evil.example.com', 'content-type': 'application/json' };

  it('POST /%61uth/login from a foreign Origin without the CSRF header → 403 (no login CSRF)', async () => {
    for (const spelling of ['/%61uth/login', '/%61uth/login-as', '/auth/%6Cogin']) {
      const res = await send(stack.base, {
        method: 'POST',
        path: spelling,
        headers: foreign,
        body: JSON.stringify({ token: stack.tokenOf('viewer'), username: 'viewer' }),
      });
      expect(res.status, spelling).toBe(403);
      expect(res.headers['set-cookie'], spelling).toBeUndefined();
    }
  });

  it('an absolute-form request line is decided on its path and its authority', async () => {
    const loopback = await send(stack.base, {
      method: 'POST',
      path: `http://127.0.0.1:${port}/auth/login`,
      headers: foreign,
      body: JSON.stringify({ token: stack.tokenOf('viewer') }),
    });
    expect(loopback.status).toBe(403);
    const elsewhere = await send(stack.base, {
      method: 'POST',
      path: `http://rebind.attacker.example:${port}/auth/login`,
      headers: { ...foreign, cookie: 'csrf-token=c', 'x-csrftoken': 'c' },
      body: JSON.stringify({ token: stack.tokenOf('viewer') }),
    });
    expect(elsewhere.status).toBe(421);
  });

  it('encoded dot segments are refused before routing', async () => {
    for (const spelling of ['/api/kubernetes/api/v1/%2e%2e/%2e%2e/auth/user', '/x/%2E/auth/user']) {
      const res = await send(stack.base, { path: spelling });
      expect(res.status, spelling).toBe(400);
    }
  });

  describe('in-cluster guard', () => {
    let inCluster: Stack;
    beforeAll(async () => {
      inCluster = await startStack({ mode: 'in-cluster' });
    });
    afterAll(async () => {
      await inCluster.close();
    });

    it('/%61pi/v1/whoami with a Cookie and no X-Forwarded-For → 403, as /api/v1/whoami', async () => {
      const auth = { authorization: `Bearer ${inCluster.tokenOf('developer')}`, cookie: 'a=b' };
      for (const spelling of ['/api/v1/whoami', '/%61pi/v1/whoami', '/%61%70%69/v1/whoami']) {
        const res = await send(inCluster.base, { path: spelling, headers: auth });
        expect(res.status, spelling).toBe(403);
        expect(res.body, spelling).toContain('console');
      }
    });

    it('an absolute-form request line does not step around the guard', async () => {
      const inPort = new URL(inCluster.base).port;
      const res = await send(inCluster.base, {
        path: `http://127.0.0.1:${inPort}/%61pi/v1/whoami`,
        headers: { authorization: `Bearer ${inCluster.tokenOf('developer')}`, cookie: 'a=b' },
      });
      expect(res.status).toBe(403);
    });
  });
});

describe('break 9: sessions end and are capped', () => {
  it('3,000 logins leave at most the cap in memory, least recently used out first', () => {
    let now = 0;
    const store = new SessionStore({ max: 100 }, () => now);
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) {
      now += 1;
      ids.push(store.create({ kind: 'bearer', token: `t${i}` }));
    }
    expect(store.size).toBe(100);
    expect(store.lookup({ cookie: `openshift-session-token=${ids[0] ?? ''}` }).state).toBe(
      'unknown',
    );
    expect(store.lookup({ cookie: `openshift-session-token=${ids[2999] ?? ''}` }).state).toBe(
      'live',
    );
  });

  it('a session ends after its idle time, and after its absolute lifetime even when used', () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 1000, absoluteMs: 5000 }, () => now);
    const idle = store.create({ kind: 'bearer', token: 'idle' });
    const busy = store.create({ kind: 'bearer', token: 'busy' });
    const cookie = (id: string) => ({ cookie: `openshift-session-token=${id}` });
    for (let t = 900; t < 5000; t += 900) {
      now = t;
      expect(store.lookup(cookie(busy)).state).toBe('live');
    }
    expect(store.lookup(cookie(idle)).state).toBe('unknown');
    now = 5000;
    expect(store.lookup(cookie(busy)).state).toBe('unknown');
    expect(store.size).toBe(0);
  });

  it('the backend applies its configured cap: the oldest browser session is refused', async () => {
    let builds: FakeBuilds | undefined;
    let app: FastifyInstance | undefined;
    try {
      builds = await makeFakeBuilds();
      app = await buildApp({
        mode: 'standalone',
        distDir: builds.distDir,
        hostDistDir: builds.hostDistDir,
        cluster: sandboxKubeTarget(stack.sandbox),
        sandboxUsers: stack.sandbox.users,
        sessionLimits: { max: 3 },
      });
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const sessions: BrowserSession[] = [];
      for (let i = 0; i < 5; i++)
        sessions.push(await new BrowserSession(base).loginAs('developer'));
      const statuses = [];
      for (const s of sessions) statuses.push((await s.request('GET', '/auth/user')).status);
      expect(statuses).toEqual([401, 401, 200, 200, 200]);
    } finally {
      await app?.close();
      if (builds) await rm(builds.root, { recursive: true, force: true });
    }
  });
});
