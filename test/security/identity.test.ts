/**
 * Who the backend acts as. In-cluster, the backend's own kubeconfig (here the sandbox ADMIN, the worst case
 * for a service account) must never be used for a user's request: every request the sandbox records while
 * users call the backend API is recorded under that user. Requests without a token are refused (401) before
 * anything reaches the cluster, and requests that did not come through the console proxy are refused (403).
 * Standalone, the bridge stand-in acts with the logged-in user's token, checked the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/http';
import {
  BACKEND,
  BrowserSession,
  KUBE,
  startStack,
  type AuditLine,
  type Stack,
} from '../support/stack';

async function newAudit(stack: Stack, since: number): Promise<AuditLine[]> {
  return (await stack.audit()).slice(since);
}

const BACKEND_PATHS = [
  '/api/v1/whoami',
  '/api/v1/uploads',
  '/api/v1/uploads/0123456789abcdef0123456789abcdef',
];

describe('in-cluster mode', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ mode: 'in-cluster', serviceAccountUser: 'admin' });
  });
  afterAll(async () => {
    await stack.close();
  });

  const viaProxy = { 'x-forwarded-for': '10.128.0.5' };

  for (const [label, headers] of [
    ['no Authorization', {}],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['Basic credentials', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['a token the cluster does not know', { authorization: 'Bearer not-a-real-token' }],
  ] as const) {
    it(`refuses requests with ${label} and never falls back to its own identity`, async () => {
      const since = (await stack.audit()).length;
      const accepted: string[] = [];
      for (const p of [...BACKEND_PATHS, '/api/v1/uploads/tus']) {
        for (const method of ['GET', 'POST', 'DELETE']) {
          const res = await send(stack.base, {
            method,
            path: p,
            headers: { ...viaProxy, ...headers, 'tus-resumable': '1.0.0' },
          });
          // 400 only where tus refuses a malformed creation before looking at anyone.
          const refused =
            [401, 403, 404].includes(res.status) || (res.status === 400 && p.endsWith('/tus'));
          if (!refused) accepted.push(`${method} ${p} → ${res.status}`);
        }
      }
      expect(accepted).toEqual([]);
      const lines = await newAudit(stack, since);
      // Unknown tokens may be checked with the cluster (SelfSubjectReview → 401) but nothing runs as admin.
      expect(lines.filter((l) => l.user !== '')).toEqual([]);
    });
  }

  it('refuses a request that carries a Cookie or X-CSRFToken (did not come through the console proxy)', async () => {
    for (const extra of [{ cookie: 'a=b' }, { 'x-csrftoken': 'x' }]) {
      const res = await send(stack.base, {
        path: '/api/v1/whoami',
        headers: { ...viaProxy, authorization: `Bearer ${stack.tokenOf('developer')}`, ...extra },
      });
      expect(res.status).toBe(403);
    }
  });

  it('acts as the user for everything a user asks, never as its own identity', async () => {
    const since = (await stack.audit()).length;
    for (const user of ['developer', 'viewer'] as const) {
      const auth = { ...viaProxy, authorization: `Bearer ${stack.tokenOf(user)}` };
      const who = await send(stack.base, { path: '/api/v1/whoami', headers: auth });
      expect(who.status).toBe(200);
      expect(JSON.parse(who.body)).toMatchObject({ username: user });
      for (const p of BACKEND_PATHS.slice(1)) await send(stack.base, { path: p, headers: auth });
    }
    const lines = await newAudit(stack, since);
    expect(lines.length).toBeGreaterThan(0);
    const users = new Set(lines.map((l) => l.user));
    expect([...users].sort()).toEqual(['developer', 'viewer']);
  });
});

describe('standalone bridge stand-in', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.close();
  });

  it('proxies the kube API and the backend API as the logged-in user', async () => {
    const developer = await new BrowserSession(stack.base).loginAs('developer');
    const since = (await stack.audit()).length;
    expect((await developer.request('GET', `${BACKEND}/api/v1/whoami`)).status).toBe(200);
    const pvs = await developer.request('GET', `${KUBE}/api/v1/persistentvolumes`);
    expect(pvs.status).toBe(403);
    const dvs = await developer.request(
      'GET',
      `${KUBE}/apis/cdi.kubevirt.io/v1beta1/namespaces/vm-images/datavolumes`,
    );
    expect(dvs.status).toBe(200);
    const lines = await newAudit(stack, since);
    expect(lines).toContainEqual(
      expect.objectContaining({
        user: 'developer',
        verb: 'list',
        resource: 'persistentvolumes',
        code: 403,
      }),
    );
    expect(new Set(lines.map((l) => l.user))).toEqual(new Set(['developer']));
  });
});
