// The watch manager against a real HTTP + WebSocket server (ws), playing the API server's part.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { WebSocket as ServerSocket } from 'ws';
import { PersistentVolumeClaimModel } from '../models/core-models';
import type { WatchQuery } from './watch-manager';
import { WatchManager, notifyDelayFor } from './watch-manager';

/** Waits for `check` to pass; bounded by the test's timeout, not by an idle machine's speed. */
const until = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 60_000 });

let server: Server;
let sockets: ServerSocket[] = [];
const listRequests: string[] = [];
const watchRequests: string[] = [];
let listVersion = 100;
let items: { metadata: { name: string; namespace: string; resourceVersion: string } }[] = [];
const realFetch = globalThis.fetch;

const pvc = (name: string, rv: string) => ({
  metadata: { name, namespace: 'ns1', resourceVersion: rv },
});

beforeAll(async () => {
  server = createServer((req, res) => {
    listRequests.push(req.url ?? '');
    res.setHeader('Content-Type', 'application/json');
    res.end(
      JSON.stringify({
        apiVersion: 'v1',
        metadata: { resourceVersion: String(listVersion) },
        items,
      }),
    );
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => {
    watchRequests.push(req.url ?? '');
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  globalThis.fetch = (input, init) => realFetch(`http://${host}${input as string}`, init);
  Object.assign(globalThis, { window: { location: { protocol: 'http:', host } }, WebSocket });
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  Reflect.deleteProperty(globalThis, 'window');
  Reflect.deleteProperty(globalThis, 'WebSocket');
  sockets.forEach((s) => {
    s.terminate();
  });
  await new Promise((resolve) => server.close(resolve));
});

const query: WatchQuery = { model: PersistentVolumeClaimModel, isList: true, ns: 'ns1' };
const names = (manager: WatchManager) =>
  ((manager.getSnapshot(query)?.data ?? []) as { metadata: { name: string } }[]).map(
    (o) => o.metadata.name,
  );
const send = (socket: ServerSocket | undefined, event: object) => {
  if (!socket) throw new Error('no watch socket');
  socket.send(JSON.stringify(event));
};

describe('WatchManager', () => {
  it('lists, watches from the list resourceVersion, applies events, re-lists on 410 and on close', async () => {
    items = [pvc('a', '90')];
    listVersion = 100;
    const manager = new WatchManager();
    let notified = 0;
    const stopA = manager.subscribe(query, () => (notified += 1));
    const stopB = manager.subscribe(query, () => undefined);

    await until(() => {
      expect(manager.getSnapshot(query)?.loaded).toBe(true);
    });
    expect(names(manager)).toEqual(['a']);
    expect(listRequests.at(-1)).toBe(
      '/api/kubernetes/api/v1/namespaces/ns1/persistentvolumeclaims',
    );
    await until(() => {
      expect(sockets).toHaveLength(1);
    });
    // One socket for both subscribers, starting at the list's resourceVersion.
    expect(watchRequests[0]).toBe(
      '/api/kubernetes/api/v1/namespaces/ns1/persistentvolumeclaims?watch=true&resourceVersion=100&allowWatchBookmarks=true',
    );

    send(sockets[0], { type: 'ADDED', object: pvc('b', '101') });
    send(sockets[0], { type: 'DELETED', object: pvc('a', '102') });
    await until(() => {
      expect(names(manager)).toEqual(['b']);
    });
    expect(notified).toBeGreaterThan(0);

    // 410 Gone: list again and watch from the new version.
    items = [pvc('b', '101'), pvc('c', '150')];
    listVersion = 200;
    send(sockets[0], { type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old' } });
    await until(() => {
      expect(names(manager)).toEqual(['b', 'c']);
    });
    await until(() => {
      expect(watchRequests.at(-1)).toContain('resourceVersion=200');
    });

    // The server closes the watch: the manager lists again (after its backoff) and resumes.
    items = [pvc('d', '250')];
    listVersion = 300;
    sockets.at(-1)?.close();
    await until(() => {
      expect(names(manager)).toEqual(['d']);
    });
    await until(() => {
      expect(watchRequests.at(-1)).toContain('resourceVersion=300');
    });

    stopA();
    stopB();
    expect(manager.size).toBe(1);
    await until(() => {
      expect(manager.size).toBe(0);
    });
    // The last user gone, the watch socket is closed.
    await until(() => {
      expect(sockets.at(-1)?.readyState).toBe(WebSocket.CLOSED);
    });
    sockets = [];
  });

  it('applies a burst of watch events together: all of them, in a few notifications', async () => {
    sockets = [];
    items = Array.from({ length: 2000 }, (_, i) => pvc(`p${i}`, '1'));
    listVersion = 300;
    const manager = new WatchManager();
    let notified = 0;
    const stop = manager.subscribe(query, () => (notified += 1));
    await until(() => {
      expect(manager.getSnapshot(query)?.loaded).toBe(true);
    });
    await until(() => {
      expect(sockets).toHaveLength(1);
    });
    notified = 0;
    const burst = 400;
    // One frame carries many events (newline-separated), as the API server may send them.
    sockets[0]?.send(
      Array.from({ length: burst }, (_, i) =>
        JSON.stringify({ type: 'MODIFIED', object: pvc(`p${i}`, String(301 + i)) }),
      ).join('\n'),
    );
    await until(() => {
      const data = manager.getSnapshot(query)?.data as { metadata: { resourceVersion: string } }[];
      expect(data.filter((o) => o.metadata.resourceVersion !== '1')).toHaveLength(burst);
    });
    expect(notified).toBeGreaterThan(0);
    expect(notified).toBeLessThan(burst / 10);
    stop();
  });
});

describe('notifyDelayFor', () => {
  it('notifies within a frame for small lists and waits longer, up to a bound, for big ones', () => {
    expect(notifyDelayFor(0)).toBe(16);
    expect(notifyDelayFor(100)).toBeLessThan(25);
    expect(notifyDelayFor(2000)).toBeGreaterThan(notifyDelayFor(100));
    expect(notifyDelayFor(1_000_000)).toBe(250);
  });
});
