/**
 * 100 watchers on the sandbox through the backend's kube proxy (WebSocket, as the console's hooks watch), while
 * ConfigMaps are created: delivery latency (create sent → event received), throughput, and data errors
 * (an event missing, duplicated or out of order at any watcher).
 */
import WebSocket from 'ws';
import { percentile, pool, type BackendProcess } from '../support/backend-process';
import { browserSession } from '../support/browser-session';

export interface WatchersResult {
  watchers: number;
  objects: number;
  deliveries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  eventsPerSecond: number;
  missing: number;
  duplicates: number;
  outOfOrder: number;
}

export async function runWatchers(
  b: BackendProcess,
  watchers = 100,
  objects = 200,
): Promise<WatchersResult> {
  const ns = 'bench-load';
  const admin = b.access.tokens.admin;
  await fetch(`${b.access.server}/api/v1/namespaces`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }),
  });
  const list = (await (
    await fetch(`${b.access.server}/api/v1/namespaces/${ns}/configmaps`, {
      headers: { authorization: `Bearer ${admin}` },
    })
  ).json()) as { metadata: { resourceVersion: string } };
  const rv = list.metadata.resourceVersion;
  const sentAt = new Map<string, number>();
  const received: { name: string; at: number }[][] = Array.from({ length: watchers }, () => []);
  const sockets: WebSocket[] = [];
  // The watchers are one browser's: the session from its host page, sent as the cookie on each upgrade.
  const session = await browserSession(b.url);
  const wsUrl = `${b.url.replace('http', 'ws')}/api/kubernetes/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${rv}`;
  await pool(
    Array.from({ length: watchers }, (_, i) => i),
    20,
    async (i) => {
      const ws = new WebSocket(wsUrl, { headers: { cookie: session.cookie } });
      sockets.push(ws);
      ws.on('message', (data: Buffer) => {
        const event = JSON.parse(data.toString()) as {
          type: string;
          object: { metadata: { name: string } };
        };
        if (event.type === 'ADDED')
          received[i]?.push({ name: event.object.metadata.name, at: performance.now() });
      });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => {
          resolve();
        });
        ws.once('error', reject);
      });
    },
  );
  const names = Array.from({ length: objects }, (_, i) => `load-cm-${String(i).padStart(4, '0')}`);
  const t0 = performance.now();
  // Sequential creates so "in order" is well defined (the API server orders by resourceVersion).
  for (const name of names) {
    sentAt.set(name, performance.now());
    const res = await fetch(`${b.access.server}/api/v1/namespaces/${ns}/configmaps`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name },
        data: { i: name },
      }),
    });
    if (res.status !== 201) throw new Error(`create ${name}: ${res.status}`);
    await res.arrayBuffer();
  }
  // Wait until every watcher has everything (or 30 s).
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline && received.some((r) => r.length < objects)) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const elapsed = (performance.now() - t0) / 1000;
  for (const ws of sockets) ws.close();
  const latencies: number[] = [];
  let missing = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  for (const events of received) {
    const seen = new Set<string>();
    let last = -1;
    for (const e of events) {
      if (seen.has(e.name)) duplicates++;
      seen.add(e.name);
      const index = names.indexOf(e.name);
      if (index < last) outOfOrder++;
      last = Math.max(last, index);
      latencies.push(e.at - (sentAt.get(e.name) ?? e.at));
    }
    missing += names.filter((n) => !seen.has(n)).length;
  }
  return {
    watchers,
    objects,
    deliveries: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
    eventsPerSecond: latencies.length / elapsed,
    missing,
    duplicates,
    outOfOrder,
  };
}
