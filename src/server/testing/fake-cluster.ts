/**
 * A tiny Kubernetes-API-shaped upstream for the proxy tests: SelfSubjectReview by token, an echo endpoint, a
 * chunked watch that sends its second event only when the test says so, and a WebSocket echo.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const TOKENS: ReadonlyMap<string, { username: string; groups: string[] }> = new Map([
  ['default-token', { username: 'kube:admin', groups: ['system:masters', 'system:authenticated'] }],
  ['user-token', { username: 'alice', groups: ['system:authenticated'] }],
  ['exec-token', { username: 'exec-user', groups: ['system:authenticated'] }],
]);

export interface WatchControl {
  /** Resolves when the watch request has arrived upstream. */
  started: Promise<void>;
  /** Lets the upstream write its second event. */
  releaseSecond(): void;
  /** Resolves when the upstream side of the watch has closed. */
  closed: Promise<void>;
}

export interface FakeCluster {
  url: string;
  /** Requests seen, newest last (method, url, headers). */
  seen: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  nextWatch(): WatchControl;
  close(): Promise<void>;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function tokenOf(headers: http.IncomingHttpHeaders): string | undefined {
  return /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
}

function status(res: http.ServerResponse, code: number, reason: string, message: string): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code }),
  );
}

export async function startFakeCluster(): Promise<FakeCluster> {
  const seen: FakeCluster['seen'] = [];
  const watches: WatchControl[] = [];
  const pending: {
    release: ReturnType<typeof deferred>;
    started: ReturnType<typeof deferred>;
    closed: ReturnType<typeof deferred>;
  }[] = [];

  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const url = new URL(req.url ?? '/', 'http://x');
      const token = tokenOf(req.headers);
      const user = token ? TOKENS.get(token) : undefined;
      if (!user) {
        status(res, 401, 'Unauthorized', 'Unauthorized');
        return;
      }
      if (
        url.pathname === '/apis/authentication.k8s.io/v1/selfsubjectreviews' &&
        req.method === 'POST'
      ) {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            apiVersion: 'authentication.k8s.io/v1',
            kind: 'SelfSubjectReview',
            status: { userInfo: user },
          }),
        );
        return;
      }
      if (url.pathname === '/api/v1/persistentvolumes' && user.username === 'alice') {
        status(
          res,
          403,
          'Forbidden',
          'persistentvolumes is forbidden: User "alice" cannot list resource "persistentvolumes"',
        );
        return;
      }
      if (url.pathname === '/api/v1/pods' && url.searchParams.get('watch') === 'true') {
        const control = pending.shift();
        if (!control) {
          status(res, 500, 'InternalError', 'unexpected watch');
          return;
        }
        res.on('close', control.closed.resolve);
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        res.write(
          `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'first' } } })}\n`,
        );
        control.started.resolve();
        void control.release.promise.then(() => {
          res.write(
            `${JSON.stringify({ type: 'MODIFIED', object: { metadata: { name: 'second' } } })}\n`,
          );
        });
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      res.end(
        JSON.stringify({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body,
          user: user.username,
        }),
      );
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const token = tokenOf(req.headers);
    const user = token ? TOKENS.get(token) : undefined;
    if (!user || req.url?.startsWith('/api/v1/secrets')) {
      socket.end(
        'HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: 19\r\n\r\n{"message":"no ws"}',
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.send(
        JSON.stringify({
          hello: user.username,
          url: req.url,
          cookie: req.headers.cookie ?? null,
        }),
      );
      ws.on('message', (data, isBinary) => {
        ws.send(data, { binary: isBinary });
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    nextWatch() {
      const control = { release: deferred(), started: deferred(), closed: deferred() };
      pending.push(control);
      const watch: WatchControl = {
        started: control.started.promise,
        releaseSecond: control.release.resolve,
        closed: control.closed.promise,
      };
      watches.push(watch);
      return watch;
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

/** A kubeconfig YAML (JSON is YAML) for `server` with the given user entry. */
export function kubeconfigFor(
  server: string,
  user: Record<string, unknown>,
  cluster: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'fake', cluster: { server, ...cluster } }],
    users: [{ name: 'fake-user', user }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake-user' } }],
    'current-context': 'fake',
  });
}
