import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiClient, startBareSandbox } from '../test-support/bare-sandbox';

type Sandbox = Awaited<ReturnType<typeof startBareSandbox>>;
interface Ev {
  type: string;
  object: {
    kind?: string;
    code?: number;
    message?: string;
    metadata: { name?: string; resourceVersion?: string };
  };
}

let sb: Sandbox;
let admin: ReturnType<typeof apiClient>;

beforeAll(async () => {
  sb = await startBareSandbox({ bookmarkIntervalMs: 200 });
  admin = apiClient(sb.url, sb.adminToken);
});
afterAll(async () => {
  await sb.dispose();
});

const cm = (name: string, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data: {},
});

/** Reads watch events from a chunked HTTP response until `until` says stop. */
const streamEvents = async (
  path: string,
  until: (events: Ev[]) => boolean,
  onOpen?: () => Promise<void>,
): Promise<Ev[]> => {
  const controller = new AbortController();
  const res = await fetch(`${sb.url}${path}`, {
    headers: { Authorization: `Bearer ${sb.adminToken}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const body = res.body;
  if (!body) throw new Error('no body');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const events: Ev[] = [];
  let buf = '';
  if (onOpen) await onOpen();
  const timer = setTimeout(() => {
    controller.abort();
  }, 20000);
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim()) events.push(JSON.parse(line) as Ev);
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
};

describe('watch', () => {
  it('streams initial state then live changes, honouring selectors', async () => {
    await admin.post('/api/v1/namespaces/default/configmaps', cm('w-1', { w: 'yes' }));
    await admin.post('/api/v1/namespaces/default/configmaps', cm('w-other'));
    const events = await streamEvents(
      '/api/v1/namespaces/default/configmaps?watch=1&labelSelector=w%3Dyes',
      (evs) => evs.filter((e) => e.type !== 'BOOKMARK').length >= 4,
      async () => {
        await admin.post('/api/v1/namespaces/default/configmaps', cm('w-2', { w: 'yes' }));
        await admin.patch(
          '/api/v1/namespaces/default/configmaps/w-1',
          { data: { a: 'b' } },
          'application/merge-patch+json',
        );
        await admin.patch(
          '/api/v1/namespaces/default/configmaps/w-other',
          { data: { a: 'b' } },
          'application/merge-patch+json',
        );
        await admin.patch(
          '/api/v1/namespaces/default/configmaps/w-2',
          { metadata: { labels: { w: 'no' } } },
          'application/merge-patch+json',
        );
      },
    );
    expect(events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)).toEqual([
      'ADDED w-1',
      'ADDED w-2',
      'MODIFIED w-1',
      'DELETED w-2',
    ]);
  });

  it('resumes from a resourceVersion and sends bookmarks', async () => {
    const a = await admin.post<{ metadata: { resourceVersion: string } }>(
      '/api/v1/namespaces/default/configmaps',
      cm('r-1'),
    );
    const rv = a.body.metadata.resourceVersion;
    await admin.post('/api/v1/namespaces/default/configmaps', cm('r-2'));
    await admin.del('/api/v1/namespaces/default/configmaps/r-1');
    const events = await streamEvents(
      `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`,
      (evs) => evs.some((e) => e.type === 'BOOKMARK'),
    );
    const named = events
      .filter((e) => e.type !== 'BOOKMARK')
      .map((e) => `${e.type} ${e.object.metadata.name ?? ''}`);
    expect(named).toEqual(['ADDED r-2', 'DELETED r-1']);
    const bookmark = events.find((e) => e.type === 'BOOKMARK');
    expect(bookmark?.object.kind).toBe('ConfigMap');
    expect(Number(bookmark?.object.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
  });

  it('sends initial events and the initial-events-end bookmark when asked', async () => {
    await admin.post('/api/v1/namespaces/default/configmaps', cm('init-1', { init: 'yes' }));
    const events = await streamEvents(
      '/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&labelSelector=init%3Dyes',
      (evs) => evs.some((e) => e.type === 'BOOKMARK'),
    );
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'init-1' } } });
    expect(events[1]).toMatchObject({
      type: 'BOOKMARK',
      object: { metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } },
    });
  });

  it('answers a too-old resourceVersion with a 410 Expired ERROR event', async () => {
    const small = await startBareSandbox({ watchHistorySize: 20 });
    try {
      const client = apiClient(small.url, small.adminToken);
      const first = await client.post<{ metadata: { resourceVersion: string } }>(
        '/api/v1/namespaces/default/configmaps',
        cm('old-0'),
      );
      for (let i = 0; i < 30; i++) {
        await client.patch(
          '/api/v1/namespaces/default/configmaps/old-0',
          { data: { i: String(i) } },
          'application/merge-patch+json',
        );
      }
      const res = await fetch(
        `${small.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${first.body.metadata.resourceVersion}`,
        { headers: { Authorization: `Bearer ${small.adminToken}` } },
      );
      const text = await res.text();
      const event = JSON.parse(text.split('\n')[0]) as Ev;
      expect(event.type).toBe('ERROR');
      expect(event.object.code).toBe(410);
      expect(event.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
    } finally {
      await small.dispose();
    }
  });

  it('delivers an event to 100 concurrent watchers', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const ws = new WebSocket(
          `${sb.url.replace(/^http/, 'ws')}/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dfan-out`,
          { headers: { Authorization: `Bearer ${sb.adminToken}` } },
        );
        const got = new Promise<Ev>((resolve) => {
          ws.once('message', (d) => {
            resolve(JSON.parse(Buffer.from(d as Buffer).toString('utf8')) as Ev);
          });
        });
        await new Promise<void>((resolve, reject) => {
          ws.once('open', () => {
            resolve();
          });
          ws.once('error', reject);
        });
        return { ws, got };
      }),
    );
    await admin.post('/api/v1/namespaces/default/configmaps', cm('fan-out'));
    const events = await Promise.all(sockets.map((s) => s.got));
    for (const s of sockets) s.ws.close();
    expect(events).toHaveLength(100);
    expect(events.every((e) => e.type === 'ADDED' && e.object.metadata.name === 'fan-out')).toBe(
      true,
    );
  });

  it('serves watches over WebSocket as JSON text frames', async () => {
    const wsUrl = `${sb.url.replace(/^http/, 'ws')}/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dws-1`;
    const ws = new WebSocket(wsUrl, ['base64.binary.k8s.io'], {
      headers: { Authorization: `Bearer ${sb.adminToken}` },
    });
    const frames: { text: string; binary: boolean }[] = [];
    ws.on('message', (data, isBinary) => {
      frames.push({ text: Buffer.from(data as Buffer).toString('utf8'), binary: isBinary });
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        resolve();
      });
      ws.once('error', reject);
    });
    expect(ws.protocol).toBe('base64.binary.k8s.io');
    await admin.post('/api/v1/namespaces/default/configmaps', cm('ws-1'));
    await admin.post('/api/v1/namespaces/default/configmaps', cm('ws-2'));
    await admin.del('/api/v1/namespaces/default/configmaps/ws-1');
    // Bounded by the test's timeout, not by a deadline that assumes an idle machine.
    while (frames.length < 2) await new Promise((r) => setTimeout(r, 50));
    ws.close();
    const events = frames.map((f) => JSON.parse(f.text) as Ev);
    expect(events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)).toEqual([
      'ADDED ws-1',
      'DELETED ws-1',
    ]);
    expect(frames.every((f) => !f.binary)).toBe(true);
  });

  it('authenticates WebSocket watches with the bearer subprotocol and refuses without a token', async () => {
    const base = `${sb.url.replace(/^http/, 'ws')}/api/v1/namespaces?watch=true`;
    const bearer = `base64url.bearer.authorization.k8s.io.${Buffer.from(sb.adminToken).toString('base64url')}`;
    const ok = new WebSocket(base, [bearer, 'base64.binary.k8s.io']);
    const first = await new Promise<Ev>((resolve, reject) => {
      ok.once('message', (d) => {
        resolve(JSON.parse(Buffer.from(d as Buffer).toString('utf8')) as Ev);
      });
      ok.once('error', reject);
    });
    ok.close();
    expect(first.type).toBe('ADDED');
    const denied = new WebSocket(base);
    const status = await new Promise<number>((resolve) => {
      denied.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
      });
      denied.once('error', () => {
        resolve(-1);
      });
    });
    expect(status).toBe(401);
  });
});
