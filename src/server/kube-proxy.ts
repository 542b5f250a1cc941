/**
 * `/api/kubernetes/<path>` → the cluster's `<path>`, as the bridge does: every method, bodies streamed both
 * ways, chunked watch responses passed on chunk by chunk, WebSocket upgrades piped through raw, and the user's
 * credentials added here. The browser never sees a token; its Cookie, X-CSRFToken and Authorization headers
 * never reach the cluster.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyPluginCallback } from 'fastify';
import { KUBE_PROXY_PREFIX } from './bridge-paths';
import { upgradeOriginFailure } from './csrf';
import { withoutAddresses } from './public-errors';
import type { Identity, KubeTarget } from './kube-target';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and what the proxy replaces or must not forward. */
const DROPPED_REQUEST_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'cookie',
  'x-csrftoken',
  'authorization',
  'origin',
]);

const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
]);

export interface KubeProxyOptions {
  /** null: no cluster configured; every request answers 503 with a Status saying so. */
  target: KubeTarget | null;
  /** The request's identity; undefined when it has no live session (answered 401). */
  identityOf: (headers: IncomingHttpHeaders) => Identity | undefined;
  /** Long-lived upstream connections, destroyed when the server closes. */
  tracker: ConnectionTracker;
}

/** Open watch streams and upgraded sockets, so shutdown does not wait for them to end on their own. */
export class ConnectionTracker {
  private readonly open = new Set<{ destroy(): void }>();

  track<T extends { destroy(): void; once(event: 'close', listener: () => void): unknown }>(
    item: T,
  ): T {
    this.open.add(item);
    item.once('close', () => this.open.delete(item));
    return item;
  }

  destroyAll(): void {
    for (const item of this.open) item.destroy();
    this.open.clear();
  }

  get size(): number {
    return this.open.size;
  }
}

function forwardedRequestHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_REQUEST_HEADERS.has(name)) continue;
    out[name] = value;
  }
  return out;
}

function forwardedResponseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROPPED_RESPONSE_HEADERS.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** A Kubernetes `Status` body, so SDK callers see the same error shape as from the API server. */
function statusBody(code: number, reason: string, message: string): object {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

export function noClusterMessage(): string {
  return (
    'No cluster is configured: start the backend with --kubeconfig FILE (or KUBECONFIG) to use a real ' +
    'cluster, or let it run the embedded sandbox (src/sandbox).'
  );
}

function upstreamPath(rawUrl: string): string | undefined {
  if (!rawUrl.startsWith(`${KUBE_PROXY_PREFIX}/`)) return undefined;
  return rawUrl.slice(KUBE_PROXY_PREFIX.length);
}

export const kubeProxy: FastifyPluginCallback<KubeProxyOptions> = (
  app,
  { target, identityOf, tracker },
  done,
) => {
  // Bodies pass through untouched: no parsing, no size limit, streamed to the cluster.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => {
    done(null);
  });

  app.all(`${KUBE_PROXY_PREFIX}/*`, async (request, reply) => {
    if (!target) {
      return reply.code(503).send(statusBody(503, 'ServiceUnavailable', noClusterMessage()));
    }
    const path = upstreamPath(request.raw.url ?? '') ?? '/';
    const identity = identityOf(request.headers);
    if (!identity) {
      return reply.code(401).send(statusBody(401, 'Unauthorized', 'no session: log in first'));
    }
    let options;
    try {
      options = await target.requestOptions(
        identity,
        request.method,
        path,
        forwardedRequestHeaders(request.headers),
      );
    } catch (err) {
      return reply
        .code(500)
        .send(
          statusBody(
            500,
            'InternalError',
            `cannot get credentials for the cluster: ${withoutAddresses((err as Error).message)}`,
          ),
        );
    }

    const upstreamResponse = await new Promise<IncomingMessage | Error>((resolve) => {
      const upstream = target.transport(options);
      tracker.track(upstream);
      upstream.on('response', resolve);
      upstream.on('error', resolve);
      // The browser went away (a watch closed, a tab reloaded): stop the cluster side too.
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) upstream.destroy();
      });
      request.raw.pipe(upstream);
    });
    if (upstreamResponse instanceof Error) {
      if (reply.raw.destroyed) return reply;
      return reply
        .code(502)
        .send(
          statusBody(
            502,
            'ServiceUnavailable',
            `cannot reach the cluster: ${withoutAddresses(upstreamResponse.message)}`,
          ),
        );
    }
    reply
      .code(upstreamResponse.statusCode ?? 502)
      .headers(forwardedResponseHeaders(upstreamResponse.headers));
    // Streams are written chunk by chunk as they arrive: a watch event reaches the browser immediately.
    return reply.send(upstreamResponse);
  });
  done();
};

function writeRawResponse(socket: Duplex, status: number, reason: string, body: object): void {
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      'Content-Type: application/json\r\n' +
      'X-Content-Type-Options: nosniff\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      'Connection: close\r\n\r\n' +
      text,
  );
}

function rawHeaderLines(rawHeaders: string[]): string {
  let lines = '';
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    lines += `${rawHeaders[i] ?? ''}: ${rawHeaders[i + 1] ?? ''}\r\n`;
  }
  return lines;
}

/**
 * The Node server's `upgrade` event for `/api/kubernetes/*`: checks the Origin, opens the upgrade to the
 * cluster with the user's credentials and pipes the two sockets together. Returns false for other paths.
 */
export function handleKubeUpgrade(
  options: KubeProxyOptions,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): boolean {
  const path = upstreamPath(request.url ?? '');
  if (path === undefined) return false;
  const { target, identityOf, tracker } = options;
  tracker.track(socket);
  socket.on('error', () => socket.destroy());
  const originProblem = upgradeOriginFailure(request.headers);
  if (originProblem) {
    writeRawResponse(socket, 403, 'Forbidden', statusBody(403, 'Forbidden', originProblem));
    return true;
  }
  if (!target) {
    writeRawResponse(
      socket,
      503,
      'Service Unavailable',
      statusBody(503, 'ServiceUnavailable', noClusterMessage()),
    );
    return true;
  }
  const identity = identityOf(request.headers);
  if (!identity) {
    writeRawResponse(
      socket,
      401,
      'Unauthorized',
      statusBody(401, 'Unauthorized', 'no session: load the console page (/) or log in first'),
    );
    return true;
  }
  const headers = forwardedRequestHeaders(request.headers);
  headers.connection = 'Upgrade';
  headers.upgrade = request.headers.upgrade ?? 'websocket';

  void target
    .requestOptions(identity, request.method ?? 'GET', path, headers)
    .then((upstreamOptions) => {
      const upstream = target.transport({ ...upstreamOptions, agent: false });
      upstream.on('upgrade', (response, upstreamSocket, upstreamHead) => {
        tracker.track(upstreamSocket);
        socket.write(
          `HTTP/1.1 ${response.statusCode ?? 101} ${response.statusMessage ?? 'Switching Protocols'}\r\n` +
            rawHeaderLines(response.rawHeaders) +
            '\r\n',
        );
        if (upstreamHead.length > 0) socket.write(upstreamHead);
        if (head.length > 0) upstreamSocket.write(head);
        upstreamSocket.on('error', () => socket.destroy());
        socket.on('error', () => upstreamSocket.destroy());
        upstreamSocket.on('close', () => socket.destroy());
        socket.on('close', () => upstreamSocket.destroy());
        upstreamSocket.pipe(socket);
        socket.pipe(upstreamSocket);
      });
      // The cluster refused the upgrade (401, 403, 404, …): pass its answer on and close.
      upstream.on('response', (response) => {
        const status = response.statusCode ?? 502;
        let head = `HTTP/1.1 ${status} ${response.statusMessage ?? ''}\r\n`;
        const forwarded = forwardedResponseHeaders(response.headers);
        delete forwarded['content-length'];
        for (const [name, value] of Object.entries(forwarded)) {
          for (const v of Array.isArray(value) ? value : [value]) head += `${name}: ${v}\r\n`;
        }
        socket.write(`${head}Connection: close\r\n\r\n`);
        response.pipe(socket);
      });
      upstream.on('error', (err) => {
        writeRawResponse(
          socket,
          502,
          'Bad Gateway',
          statusBody(
            502,
            'ServiceUnavailable',
            `cannot reach the cluster: ${withoutAddresses(err.message)}`,
          ),
        );
      });
      socket.on('close', () => upstream.destroy());
      upstream.end();
    })
    .catch((err: unknown) => {
      writeRawResponse(
        socket,
        500,
        'Internal Server Error',
        statusBody(
          500,
          'InternalError',
          `cannot get credentials for the cluster: ${withoutAddresses((err as Error).message)}`,
        ),
      );
    });
  return true;
}
