/**
 * Security of the backend on the real embedded sandbox (standalone bridge stand-in): CSRF, path traversal on
 * asset and upload URLs, security headers on every answer, and no credential
 * in any log line. Every answer any case receives is checked for the security headers.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, type Answer } from '../support/http';
import { BACKEND, BrowserSession, KUBE, startStack, type Stack } from '../support/stack';
import { TUS_PATH } from '../support/tus';

let stack: Stack;
let admin: BrowserSession;
let developer: BrowserSession;
let viewer: BrowserSession;
const answers: { what: string; answer: Answer }[] = [];

/** Every answer goes through here, so the header check covers them all. */
function seen(what: string, answer: Answer): Answer {
  answers.push({ what, answer });
  return answer;
}

beforeAll(async () => {
  stack = await startStack();
  admin = await new BrowserSession(stack.base).loginAs('admin');
  developer = await new BrowserSession(stack.base).loginAs('developer');
  viewer = await new BrowserSession(stack.base).loginAs('viewer');
});

afterAll(async () => {
  await stack.close();
});

const configMap = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data: { a: 'b' },
});

describe('CSRF: unsafe methods need X-CSRFToken equal to the csrf-token cookie', () => {
  const unsafe: [string, string, unknown][] = [
    ['POST', `${KUBE}/api/v1/namespaces/default/configmaps`, configMap('csrf-created')],
    ['PUT', `${KUBE}/api/v1/namespaces/default/configmaps/kubevirt-storage-class-defaults`, {}],
    ['PATCH', `${KUBE}/api/v1/namespaces/vm-images`, { metadata: { labels: { x: 'y' } } }],
    ['DELETE', `${KUBE}/api/v1/namespaces/vm-images`, undefined],
    ['POST', TUS_PATH, undefined],
    ['DELETE', `${BACKEND}/api/v1/uploads/0123456789abcdef0123456789abcdef`, undefined],
    ['PUT', `${BACKEND}/api/v1/uploads/0123456789abcdef0123456789abcdef/checksum`, { sha256: 'a' }],
    ['POST', '/auth/login-as', { username: 'admin' }],
    ['POST', '/auth/login', { token: 'x' }],
    ['POST', '/auth/logout', undefined],
  ];
  const variants: [string, (s: BrowserSession) => Record<string, string>][] = [
    ['no header', (s) => ({ cookie: s.cookie })],
    ['a different header', (s) => ({ cookie: s.cookie, 'x-csrftoken': `${s.csrf}x` })],
    ['header but no cookie', (s) => ({ 'x-csrftoken': s.csrf })],
    ['empty header and cookie', () => ({ cookie: 'csrf-token=', 'x-csrftoken': '' })],
  ];
  for (const [method, url, body] of unsafe) {
    for (const [variant, headersOf] of variants) {
      it(`${method} ${url} with ${variant} → 403`, async () => {
        const res = seen(
          `${method} ${url} (${variant})`,
          await send(stack.base, {
            method,
            path: url,
            headers: {
              ...headersOf(admin),
              ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          }),
        );
        expect(res.status).toBe(403);
        expect(res.body).toMatch(/CSRF/i);
      });
    }
  }

  it('changed nothing: the objects those requests named are as they were', async () => {
    const created = seen(
      'GET refused configmap',
      await admin.request('GET', `${KUBE}/api/v1/namespaces/default/configmaps/csrf-created`),
    );
    expect(created.status).toBe(404);
    const ns = seen(
      'GET vm-images',
      await admin.request('GET', `${KUBE}/api/v1/namespaces/vm-images`),
    );
    expect(ns.status).toBe(200);
    const parsed = JSON.parse(ns.body) as { metadata: { labels?: Record<string, string> } };
    expect(parsed.metadata.labels?.x).toBeUndefined();
    expect(
      (await stack.audit()).filter(
        (r) =>
          r.verb !== 'get' &&
          r.verb !== 'list' &&
          r.verb !== 'watch' &&
          r.code < 300 &&
          r.name === 'csrf-created',
      ),
    ).toEqual([]);
  });

  it('the same request with the header passes (the check is not simply "refuse all")', async () => {
    const res = seen(
      'POST configmap with header',
      await admin.request(
        'POST',
        `${KUBE}/api/v1/namespaces/default/configmaps`,
        configMap('csrf-ok'),
      ),
    );
    expect(res.status).toBe(201);
  });

  it('refuses a cross-site WebSocket watch (Origin of another site)', async () => {
    const url = `${stack.base.replace('http', 'ws')}${KUBE}/api/v1/namespaces/default/configmaps?watch=true`;
    const outcome = await new Promise<string>((resolve) => {
      const ws = new WebSocket(url, {
        headers: { cookie: admin.cookie, origin: 'https://evil.example.com' },
      });
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
    expect(outcome).toBe('403');
  });
});

describe('path traversal on asset and upload URLs', () => {
  let canary: string;
  beforeAll(async () => {
    // A file next to the staging directory that a traversal would reach.
    canary = path.join(stack.dataDir, 'canary.json');
    await writeFile(canary, '{"secret":"do not serve"}');
    await mkdir(stack.stagingDir, { recursive: true });
  });

  const assetPaths = [
    '/api/plugins/vm-disks-plugin/../../../../etc/passwd',
    '/api/plugins/vm-disks-plugin/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/api/plugins/vm-disks-plugin/..%2f..%2f..%2fetc%2fpasswd',
    '/api/plugins/vm-disks-plugin/..%252f..%252fetc%252fpasswd',
    '/api/plugins/vm-disks-plugin/chunks/..%5c..%5c..%5cetc%5cpasswd',
    '/api/plugins/vm-disks-plugin/%00../../etc/passwd',
    '/api/plugins/vm-disks-plugin/plugin-manifest.json%00.js',
    '/api/plugins/vm-disks-plugin//etc/passwd',
    '/locales/resource.json?lng=../../../etc&ns=passwd',
    '/assets/../../../../etc/passwd',
    '/static/..%2f..%2f..%2fetc%2fpasswd',
  ];
  for (const url of assetPaths) {
    it(`never serves a file outside the build (${url})`, async () => {
      const res = seen(
        url,
        await send(stack.base, { path: url, headers: { cookie: admin.cookie } }),
      );
      expect(res.body).not.toMatch(/root:.*:0:0:/);
      expect(res.body).not.toContain('do not serve');
      // Unknown client routes get the host page (as the console does); anything else must be an error.
      if (res.status === 200) expect(res.headers['content-type']).toMatch(/text\/html/);
      else expect(res.status).toBeGreaterThanOrEqual(400);
    });
  }

  const uploadIds = [
    '..%2fcanary.json',
    '..%2f..%2fcanary.json',
    '%2e%2e%2f%2e%2e%2fcanary.json',
    '..%5c..%5ccanary.json',
    '....%2f%2f....%2f%2fcanary.json',
    'canary.json%00',
    '0123456789abcdef0123456789abcde%2f',
  ];
  for (const id of uploadIds) {
    for (const [method, prefix] of [
      ['GET', `${BACKEND}/api/v1/uploads/`],
      ['DELETE', `${BACKEND}/api/v1/uploads/`],
      ['HEAD', `${TUS_PATH}/`],
      ['PATCH', `${TUS_PATH}/`],
      ['DELETE', `${TUS_PATH}/`],
    ] as const) {
      it(`${method} ${prefix}${id} reaches no file (404) and deletes nothing`, async () => {
        const res = seen(
          `${method} ${prefix}${id}`,
          await developer.request(
            method,
            `${prefix}${id}`,
            method === 'PATCH' ? Buffer.from('x') : undefined,
            {
              'tus-resumable': '1.0.0',
              ...(method === 'PATCH'
                ? { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }
                : {}),
            },
          ),
        );
        expect([400, 404]).toContain(res.status);
        expect(res.body).not.toContain('do not serve');
        expect(existsSync(canary)).toBe(true);
      });
    }
  }
});

describe('every answer carries the security headers', () => {
  it('answers of many kinds: host page, assets, API, errors, kube proxy, tus', async () => {
    const extra: [string, string][] = [
      ['GET', '/'],
      ['GET', '/vm-disks/overview'],
      ['GET', '/api/plugins/vm-disks-plugin/plugin-manifest.json'],
      ['GET', '/api/plugins/vm-disks-plugin/missing.js'],
      ['GET', '/locales/resource.json?lng=en&ns=plugin__vm-disks-plugin'],
      ['GET', `${KUBE}/api/v1/namespaces`],
      ['GET', `${KUBE}/api/v1/namespaces/nope/pods/nope`],
      ['GET', `${BACKEND}/api/v1/whoami`],
      ['GET', `${BACKEND}/api/v1/nope`],
      ['OPTIONS', TUS_PATH],
      ['GET', '/auth/user'],
    ];
    for (const [method, url] of extra)
      seen(`${method} ${url}`, await developer.request(method, url));
    const missing: string[] = [];
    for (const { what, answer } of answers) {
      if (answer.headers['x-content-type-options'] !== 'nosniff')
        missing.push(`${what}: x-content-type-options`);
      if (answer.headers['x-frame-options'] !== 'DENY') missing.push(`${what}: x-frame-options`);
      if (!answer.headers['referrer-policy']) missing.push(`${what}: referrer-policy`);
      if (!answer.headers['content-security-policy'])
        missing.push(`${what}: content-security-policy`);
    }
    expect(answers.length).toBeGreaterThanOrEqual(90);
    expect(missing).toEqual([]);
  });
});

describe('logs', () => {
  it('no token, session id or CSRF value appears in any log line', () => {
    expect(stack.logs.length).toBeGreaterThan(50);
    const secrets = [
      ...stack.sandbox.users.map((u) => u.token),
      admin.session,
      developer.session,
      viewer.session,
      admin.csrf,
      developer.csrf,
      viewer.csrf,
    ];
    const leaks = stack.logs.filter((line) => secrets.some((s) => s && line.includes(s)));
    expect(leaks).toEqual([]);
  });
});
