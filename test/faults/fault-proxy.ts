/**
 * A fault-injecting HTTP proxy between the backend and the cluster: passes everything through (WebSocket
 * upgrades included) until told to answer with an error status for a number of requests, or to cut every
 * open connection. Loopback only.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  url: string;
  /**
   * Answer the next `count` requests with `status` (and Retry-After for 429) instead of forwarding;
   * with `match`, only requests it accepts (the others pass).
   */
  failNext(status: number, count: number, match?: RequestMatch): void;
  /** Destroy every open connection (both directions) now. */
  cutAll(): number;
  /** Connections to the cluster currently open. */
  openUpstream(): number;
  /** Requests forwarded and requests failed so far. */
  stats: { forwarded: number; failed: number };
  close(): Promise<void>;
}

/** Which requests a fault applies to (WebSocket upgrades are never failed, only cut). */
export type RequestMatch = (req: { method: string; url: string }) => boolean;

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstreamUrl = new URL(target);
  let failing: { status: number; remaining: number; match?: RequestMatch } | undefined;
  const sockets = new Set<net.Socket>();
  const upstreams = new Set<net.Socket>();
  const stats = { forwarded: 0, failed: 0 };

  const server = http.createServer((req, res) => {
    if (
      failing &&
      failing.remaining > 0 &&
      (!failing.match || failing.match({ method: req.method ?? 'GET', url: req.url ?? '/' }))
    ) {
      failing.remaining--;
      stats.failed++;
      const body = JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          failing.status === 429
            ? 'Too many requests, please try again later.'
            : 'Internal error occurred: injected fault',
        reason: failing.status === 429 ? 'TooManyRequests' : 'InternalError',
        code: failing.status,
      });
      res.writeHead(failing.status, {
        'content-type': 'application/json',
        ...(failing.status === 429 ? { 'retry-after': '1' } : {}),
      });
      res.end(body);
      return;
    }
    stats.forwarded++;
    const upstream = http.request(
      {
        hostname: upstreamUrl.hostname,
        port: upstreamUrl.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    upstream.on('socket', (s) => {
      // Keep-alive sockets serve many requests: track each once.
      if (upstreams.has(s)) return;
      upstreams.add(s);
      s.once('close', () => upstreams.delete(s));
    });
    upstream.on('error', () => {
      res.destroy();
    });
    req.pipe(upstream);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const up = net.connect(Number(upstreamUrl.port), upstreamUrl.hostname, () => {
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    upstreams.add(up);
    up.once('close', () => {
      upstreams.delete(up);
      socket.destroy();
    });
    socket.once('close', () => up.destroy());
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    failNext(status, count, match) {
      failing = { status, remaining: count, ...(match ? { match } : {}) };
    },
    cutAll() {
      const n = sockets.size + upstreams.size;
      for (const s of [...sockets, ...upstreams]) s.destroy();
      return n;
    },
    openUpstream: () => upstreams.size,
    async close() {
      for (const s of [...sockets, ...upstreams]) s.destroy();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
