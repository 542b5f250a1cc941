/**
 * The cluster misbehaves under the backend: it answers 500s and 429s for a while, and connections between the
 * backend and the cluster, and between the browser and the backend, are cut. The backend passes the errors
 * on as they are (status, Retry-After, the Status message), keeps serving, frees what a cut leaves behind, and
 * a client that retries (as the UI does) ends with every object exactly once and every watch event once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { markdownTable } from '../../bench/support/backend-process';
import { browserSession, type BrowserSession } from '../../bench/support/browser-session';
import { buildApp } from '../../src/server/app';
import { loadKubeconfigTarget } from '../../src/server/kube-target';
import type { RunningSandbox } from '../../src/server/sandbox-launcher';
import { makeFakeBuilds, type FakeBuilds } from '../../src/server/testing/fake-builds';
import type { FaultProxy } from './fault-proxy';
import { startProxiedSandbox } from './proxied-sandbox';

let dir: string;
let sandbox: RunningSandbox;
let proxy: FaultProxy;
let builds: FakeBuilds;
let app: FastifyInstance;
let base: string;
const rows: (string | number)[][] = [];
/** The page's session (cookies and X-CSRFToken), loaded in beforeAll as a browser does. */
let browser: BrowserSession['headers'];
const CMS = '/api/kubernetes/api/v1/namespaces/default/configmaps';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-faults-flaky-'));
  let kubeconfig: string;
  ({ sandbox, proxy, kubeconfig } = await startProxiedSandbox(dir));
  builds = await makeFakeBuilds();
  app = await buildApp({
    mode: 'standalone',
    distDir: builds.distDir,
    hostDistDir: builds.hostDistDir,
    cluster: loadKubeconfigTarget([kubeconfig]),
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = (await browserSession(base)).headers;
});

afterAll(async () => {
  process.stdout.write(
    `\nFaults between backend and cluster\n\n${markdownTable(['fault', 'what the client saw', 'after the fault', 'objects / events'], rows)}\n`,
  );
  await app.close();
  await proxy.close();
  await sandbox.close();
  await rm(builds.root, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

async function createWithRetry(name: string): Promise<{ statuses: number[] }> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const res = await fetch(`${base}${CMS}`, {
      method: 'POST',
      headers: { ...browser, 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name },
        data: { a: '1' },
      }),
    });
    statuses.push(res.status);
    const retryAfter = Number(res.headers.get('retry-after') ?? 0);
    await res.arrayBuffer();
    if (res.status === 201 || res.status === 409) return { statuses };
    // As the UI's retry: honour Retry-After, else back off a little.
    await new Promise((r) => setTimeout(r, retryAfter ? retryAfter * 1000 : 100));
  }
  return { statuses };
}

async function countNamed(prefix: string): Promise<number> {
  const res = await fetch(`${sandbox.url}/api/v1/namespaces/default/configmaps`, {
    headers: { authorization: `Bearer ${sandbox.adminToken}` },
  });
  const body = (await res.json()) as { items: { metadata: { name: string } }[] };
  return body.items.filter((i) => i.metadata.name.startsWith(prefix)).length;
}

it('500s for a while: passed on as 500 with the Status message; retried creates land once', async () => {
  proxy.failNext(500, 6);
  const get = await fetch(`${base}${CMS}`, { headers: browser });
  expect(get.status).toBe(500);
  expect(((await get.json()) as { message: string }).message).toContain('injected fault');
  const results = await Promise.all(
    Array.from({ length: 5 }, (_, i) => createWithRetry(`flaky-500-${i}`)),
  );
  for (const r of results) expect(r.statuses.at(-1)).toBe(201);
  expect(await countNamed('flaky-500-')).toBe(5);
  expect((await fetch(`${base}${CMS}`, { headers: browser })).status).toBe(200);
  rows.push([
    '6 × 500 from the cluster',
    '500 + the Status message',
    '200',
    `5 creates retried → ${await countNamed('flaky-500-')} objects`,
  ]);
});

it('429s with Retry-After: passed on with the header; retried creates land once', async () => {
  proxy.failNext(429, 6);
  const get = await fetch(`${base}${CMS}`, { headers: browser });
  expect(get.status).toBe(429);
  expect(get.headers.get('retry-after')).toBe('1');
  await get.arrayBuffer();
  const results = await Promise.all(
    Array.from({ length: 5 }, (_, i) => createWithRetry(`flaky-429-${i}`)),
  );
  for (const r of results) expect(r.statuses.at(-1)).toBe(201);
  expect(await countNamed('flaky-429-')).toBe(5);
  rows.push([
    '6 × 429 (Retry-After: 1)',
    '429 + Retry-After: 1',
    '200',
    `5 creates retried → ${await countNamed('flaky-429-')} objects`,
  ]);
});

function openWatch(resourceVersion: string, events: string[]): Promise<WebSocket> {
  const ws = new WebSocket(
    `${base.replace('http', 'ws')}${CMS}?watch=true&resourceVersion=${resourceVersion}`,
    { headers: { cookie: browser.cookie } },
  );
  ws.on('message', (data: Buffer) => {
    const e = JSON.parse(data.toString()) as {
      type: string;
      object: { metadata: { name: string; resourceVersion: string } };
    };
    if (e.type === 'ADDED' && e.object.metadata.name.startsWith('cut-'))
      events.push(e.object.metadata.name);
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      resolve(ws);
    });
    ws.once('error', reject);
  });
}

async function listRv(): Promise<string> {
  const res = await fetch(`${base}${CMS}`, { headers: browser });
  return ((await res.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
}

it('backend↔cluster cut during a watch: the client sees the close, re-watches from its last version, misses nothing', async () => {
  const events: string[] = [];
  const rv = await listRv();
  const ws = await openWatch(rv, events);
  await createWithRetry('cut-0');
  await expect.poll(() => events.length, { timeout: 10_000 }).toBe(1);
  const closed = new Promise<void>((resolve) =>
    ws.once('close', () => {
      resolve();
    }),
  );
  const cut = proxy.cutAll();
  await closed;
  // Created while the watch is down.
  for (let i = 1; i <= 3; i++) await createWithRetry(`cut-${i}`);
  const rv0 = await listRv();
  expect(rv0).not.toBe(rv);
  // The UI re-watches from the last version it saw (here: the one before the outage).
  const ws2 = await openWatch(rv, events);
  await createWithRetry('cut-4');
  await expect.poll(() => events.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
  ws2.close();
  const unique = new Set(events);
  expect([...unique].sort()).toEqual(['cut-0', 'cut-1', 'cut-2', 'cut-3', 'cut-4']);
  // cut-0 arrives twice: once before the cut, once on the re-watch from the older version (as with a real
  // API server); nothing else is duplicated.
  expect(events.filter((e) => e !== 'cut-0').length).toBe(4);
  rows.push([
    `cut ${cut} backend↔cluster connections during a watch`,
    'WebSocket closed',
    're-watch from last version',
    `5 objects, ${unique.size} distinct events, 0 missing`,
  ]);
});

it('browser↔backend cut: the backend frees the cluster connection and keeps serving', async () => {
  const before = proxy.openUpstream();
  const events: string[] = [];
  const sockets = await Promise.all(
    Array.from({ length: 10 }, async () => openWatch(await listRv(), events)),
  );
  await expect
    .poll(() => proxy.openUpstream(), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(before + 10);
  for (const s of sockets) s.terminate(); // abrupt: no close frame, as a dropped network
  await expect.poll(() => proxy.openUpstream(), { timeout: 15_000 }).toBeLessThanOrEqual(before);
  expect((await fetch(`${base}${CMS}`, { headers: browser })).status).toBe(200);
  rows.push([
    '10 browser watches dropped without a close frame',
    '-',
    `cluster connections back to ${proxy.openUpstream()}`,
    'backend serves 200',
  ]);
});
