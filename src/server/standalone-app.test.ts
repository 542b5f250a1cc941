import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { FAKE_LOCALE, makeFakeBuilds, type FakeBuilds } from './testing/fake-builds';
import { cookiesFrom, pageSessionCookie, rawRequest } from './testing/http-client';

let builds: FakeBuilds;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  builds = await makeFakeBuilds();
  app = await buildApp({
    mode: 'standalone',
    distDir: builds.distDir,
    hostDistDir: builds.hostDistDir,
    cluster: null,
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  await rm(builds.root, { recursive: true, force: true });
});

describe('plugin assets at the bridge path', () => {
  it.each([
    ['plugin-manifest.json', 'application/json; charset=utf-8'],
    ['plugin-entry.0123abcd.js', 'application/javascript; charset=utf-8'],
    ['chunks/OverviewPage.abcd.js', 'application/javascript; charset=utf-8'],
    ['chunks/OverviewPage.abcd.css', 'text/css; charset=utf-8'],
    ['chunks/OverviewPage.abcd.js.map', 'application/json; charset=utf-8'],
    ['assets/icon.svg', 'image/svg+xml'],
    ['assets/font.woff2', 'font/woff2'],
    ['locales/en/plugin__vm-disks-plugin.json', 'application/json; charset=utf-8'],
  ])('serves %s as %s with nosniff', async (asset, type) => {
    const res = await app.inject({ url: `/api/plugins/vm-disks-plugin/${asset}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the manifest uncached and ignores the loader cacheBuster', async () => {
    const res = await app.inject({
      url: '/api/plugins/vm-disks-plugin/plugin-manifest.json?cacheBuster=x1y2',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.json()).toEqual(builds.manifest);
    const entry = await app.inject({
      url: '/api/plugins/vm-disks-plugin/plugin-entry.0123abcd.js?cacheBuster=42',
    });
    expect(entry.body).toContain('__load_plugin_entry__');
  });

  it('answers 404 for a missing asset', async () => {
    const res = await app.inject({ url: '/api/plugins/vm-disks-plugin/nope.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    '/api/plugins/vm-disks-plugin/../secret.json',
    '/api/plugins/vm-disks-plugin/../../secret.json',
    '/api/plugins/vm-disks-plugin/%2e%2e/secret.json',
    '/api/plugins/vm-disks-plugin/%2E%2E%2Fsecret.json',
    '/api/plugins/vm-disks-plugin/chunks/..%2f..%2fsecret.json',
    '/api/plugins/vm-disks-plugin/..%5csecret.json',
    '/api/plugins/vm-disks-plugin/../../package.json',
  ])('never serves files outside dist/ (%s)', async (path) => {
    // Raw HTTP: no client-side normalisation of the path.
    const res = await rawRequest(base, { path });
    // 400: dot segments are refused before routing (request-target.ts); 404 where the path stays inside.
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('do not serve');
    expect(res.body).not.toContain('"devDependencies"');
  });
});

describe('locales endpoint', () => {
  it('serves the plugin namespace from dist/locales', async () => {
    const res = await app.inject({
      url: '/locales/resource.json?lng=en&ns=plugin__vm-disks-plugin',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual(FAKE_LOCALE);
  });

  it.each([
    ['/locales/resource.json?lng=de&ns=plugin__vm-disks-plugin', 404],
    ['/locales/resource.json?lng=en&ns=plugin__other-plugin', 404],
    ['/locales/resource.json?lng=en&ns=public', 404],
    ['/locales/resource.json?lng=en', 400],
    ['/locales/resource.json?lng=../../x&ns=plugin__vm-disks-plugin', 400],
    ['/locales/resource.json?lng=en&ns=plugin__vm-disks-plugin/../x', 400],
  ])('%s → %i like the bridge', async (url, status) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toHaveProperty('error');
  });
});

describe('host page', () => {
  it('serves index.html for / and client routes with a csrf-token cookie and security headers', async () => {
    for (const url of [
      '/',
      '/vm-disks/overview',
      '/k8s/ns/default/persistentvolumeclaims/disk.v2',
    ]) {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<div id="root">');
      const cookie = cookiesFrom(res.headers).get('csrf-token');
      expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(cookie?.raw).toContain('SameSite=Strict');
      expect(cookie?.raw).toContain('Path=/');
      expect(cookie?.raw).not.toContain('HttpOnly');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain("'unsafe-eval'");
      expect(csp).toContain("worker-src 'self' blob:");
    }
  });

  it('keeps an existing csrf-token cookie', async () => {
    const res = await app.inject({ url: '/', headers: { cookie: 'csrf-token=abc' } });
    expect(res.statusCode).toBe(200);
    expect(cookiesFrom(res.headers).has('csrf-token')).toBe(false);
  });

  it('serves the host assets with their MIME types and 404s missing ones', async () => {
    const js = await app.inject({ url: '/assets/index-abc.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('application/javascript; charset=utf-8');
    const css = await app.inject({ url: '/assets/index-abc.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const missing = await app.inject({ url: '/assets/gone.js' });
    expect(missing.statusCode).toBe(404);
    const traversal = await rawRequest(base, { path: '/assets/../../secret.json' });
    expect(traversal.body).not.toContain('do not serve');
  });

  it('answers JSON 404s, not the page, for unknown API paths', async () => {
    const res = await app.inject({ url: '/api/nothing-here', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toHaveProperty('error');
  });
});

describe('CSRF like the bridge', () => {
  it('refuses unsafe methods under /api/ and /auth/ without a matching X-CSRFToken', async () => {
    const cases = [
      { headers: {} },
      { headers: { cookie: 'csrf-token=abc' } },
      { headers: { cookie: 'csrf-token=abc', 'x-csrftoken': 'abd' } },
      { headers: { 'x-csrftoken': 'abc' } },
    ];
    for (const { headers } of cases) {
      for (const url of [
        '/api/kubernetes/api/v1/namespaces',
        '/auth/logout',
        '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/healthz',
      ]) {
        const res = await app.inject({ method: 'POST', url, headers, payload: {} });
        expect(res.statusCode).toBe(403);
        expect(res.json<{ error: string }>().error).toContain('CSRFToken');
      }
    }
  });

  it('passes unsafe requests whose header equals the cookie, and safe methods without it', async () => {
    const page = await pageSessionCookie(base);
    const headers = { cookie: `other=1; csrf-token=abc; ${page}`, 'x-csrftoken': 'abc' };
    // Past the CSRF check, the kube proxy says that no cluster is configured.
    const post = await app.inject({
      method: 'POST',
      url: '/api/kubernetes/api/v1/namespaces',
      headers,
      payload: {},
    });
    expect(post.statusCode).toBe(503);
    expect(post.json<{ message: string }>().message).toContain('No cluster is configured');
    const logout = await app.inject({ method: 'POST', url: '/auth/logout', headers });
    expect(logout.statusCode).toBe(200);
    const again = await pageSessionCookie(base);
    const get = await app.inject({
      url: '/api/kubernetes/api/v1/namespaces',
      headers: { cookie: again },
    });
    expect(get.statusCode).toBe(503);
    expect(get.json<{ kind: string }>().kind).toBe('Status');
  });
});

describe('without a cluster', () => {
  it('has no sandbox users and refuses login-as', async () => {
    const users = await app.inject({ url: '/auth/sandbox-users' });
    expect(users.statusCode).toBe(404);
    const loginAs = await app.inject({
      method: 'POST',
      url: '/auth/login-as',
      headers: { cookie: 'csrf-token=t', 'x-csrftoken': 't' },
      payload: { username: 'admin' },
    });
    expect(loginAs.statusCode).toBe(404);
  });

  it('says so on /auth/user and through the plugin proxy', async () => {
    const cookie = await pageSessionCookie(base);
    const user = await app.inject({ url: '/auth/user', headers: { cookie } });
    expect(user.statusCode).toBe(503);
    const proxied = await app.inject({
      url: '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/whoami',
      headers: { cookie },
    });
    expect(proxied.statusCode).toBe(401);
    expect(proxied.json<{ error: string }>().error).toContain('no cluster is configured');
  });
});
