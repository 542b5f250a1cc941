/**
 * Builds the Fastify app (no listen). Standalone: the console bridge stand-in (host page, plugin assets at
 * the bridge's paths, locales, kube proxy with WebSockets, CSRF, login, plugin proxy to the backend API).
 * In-cluster: HTTPS, plugin assets at `/`, the backend API at `/api/v1/*`, health probes; nothing else.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { backendApi } from './api/index';
import { createKubeClient } from './api/kube-client';
import { authRoutes } from './auth-routes';
import { PLUGIN_ASSETS_PREFIX } from './bridge-paths';
import { csrfFailure } from './csrf';
import { hostPage } from './host-page';
import type { CdiUploadProxyLocator } from './in-cluster/cdi-upload-proxy';
import { consoleProxyGuard } from './in-cluster/console-proxy-guard';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, ShutdownHooks } from './in-cluster/shutdown-hooks';
import {
  ConnectionTracker,
  handleKubeUpgrade,
  kubeProxy,
  type KubeProxyOptions,
} from './kube-proxy';
import { localesEndpoint } from './locales';
import { pluginAssets } from './plugin-assets';
import { pluginProxy } from './plugin-proxy';
import { BASE_SECURITY_HEADERS, contentSecurityPolicy } from './security-headers';
import type { Identity } from './kube-target';
import type { ServerConfig } from './server-config';
import { hostRefusal } from './allowed-hosts';
import { requestTargetOf, rewriteRequestUrl } from './request-target';
import { clearedSessionCookie, SessionStore, sessionRefusal } from './session';

/** Never logged: credentials in either direction. */
const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrftoken"]',
  'res.headers["set-cookie"]',
];

/** Paths that act as someone: they need a live session (standalone). Plugin assets and locales do not. */
/** `/uploads/<32 hex>` and `/uploads/tus/<32 hex>` with the id hidden. */
function withoutUploadIds(url: string): string {
  return url.replace(/(\/uploads\/(?:tus\/)?)[a-f0-9]{32}/gi, '$1[upload]');
}

const SESSION_PATHS = ['/api/kubernetes/', '/api/proxy/', '/auth/user'];

declare module 'fastify' {
  interface FastifyInstance {
    /** In-cluster only: where CDI's upload proxy Service is and which CA to trust for it. */
    cdiUploadProxy: CdiUploadProxyLocator | undefined;
  }
}

export async function buildApp(config: ServerConfig): Promise<FastifyInstance> {
  const logger =
    config.logLevel && config.logLevel !== 'silent'
      ? {
          level: config.logLevel,
          redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          // Upload ids are their owner's capability: request lines show them redacted.
          serializers: {
            req: (req: { method?: string; url?: string }) => ({
              method: req.method,
              url: withoutUploadIds(req.url ?? ''),
            }),
          },
          ...(config.logStream ? { stream: config.logStream } : {}),
        }
      : false;
  const app = Fastify({
    logger,
    ...(config.tls ? { https: { cert: config.tls.cert, key: config.tls.key } } : {}),
    // Watches and uploads are long: no request or connection cut-offs (upload routes set their own limits).
    requestTimeout: 0,
    connectionTimeout: 0,
    // Shutdown must not wait for open watches.
    forceCloseConnections: true,
    return503OnClosing: true,
    // One normalised target before routing: every decision below looks at the same path (request-target.ts).
    rewriteUrl: rewriteRequestUrl,
  }) as unknown as FastifyInstance;

  const kube = config.cluster ? createKubeClient(config.cluster) : null;
  const tracker = new ConnectionTracker();

  // Graceful shutdown: hooks (in-flight uploads) run first, before any connection is cut.
  const shutdown = new ShutdownHooks();
  app.decorate('onShutdown', (name: string, hook: Parameters<ShutdownHooks['register']>[1]) =>
    shutdown.register(name, hook),
  );
  app.decorate('shuttingDown', {
    getter: () => shutdown.started,
  });
  app.decorate('cdiUploadProxy', config.cdiUploadProxy);
  app.addHook('preClose', async () => {
    const report = await shutdown.run(config.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
    if (report.failed.length > 0 || report.timedOut.length > 0) {
      app.log.warn({ shutdown: report }, 'shutdown hooks did not all finish');
    } else if (report.finished.length > 0) {
      app.log.info({ shutdown: report }, 'shutdown hooks finished');
    }
  });

  const securityHeaders: Record<string, string> = {
    ...BASE_SECURITY_HEADERS,
    // In-cluster the backend is only ever reached over TLS.
    ...(config.tls ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
  // Also on the raw response up front: routes that hijack the reply (tus uploads) and raw streams never
  // reach onSend, and every answer must carry these.
  app.addHook('onRequest', (request, reply, done) => {
    for (const [name, value] of Object.entries(securityHeaders)) reply.raw.setHeader(name, value);
    if (config.mode === 'standalone') {
      reply.raw.setHeader('content-security-policy', contentSecurityPolicy(request.headers));
    }
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    for (const [name, value] of Object.entries(securityHeaders)) reply.header(name, value);
    if (config.mode === 'standalone') {
      reply.header('content-security-policy', contentSecurityPolicy(request.headers));
    }
    done(null, payload);
  });
  // A request target that cannot be normalised is refused before anything looks at it.
  app.addHook('onRequest', async (request, reply) => {
    const target = requestTargetOf(request.raw);
    if (target.ok) return undefined;
    await reply.code(400).send({ error: `bad request target: ${target.error}` });
    return reply;
  });
  if (config.mode === 'standalone') {
    // DNS rebinding: answer only for loopback names and the --public-url host (allowed-hosts.ts).
    app.addHook('onRequest', async (request, reply) => {
      const target = requestTargetOf(request.raw);
      const refusal = hostRefusal(target.ok ? target.target.host : undefined, {
        ...(config.publicHost ? { publicHost: config.publicHost } : {}),
      });
      if (!refusal) return undefined;
      await reply.code(421).send({ error: refusal });
      return reply;
    });
  }
  app.addHook('preClose', (done) => {
    tracker.destroyAll();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    config.cluster?.close();
    done();
  });

  if (config.mode === 'in-cluster') {
    app.get('/healthz', (_request, reply) => reply.send({ status: 'ok' }));
    // Not ready once shutdown has begun, so the Service stops routing here while uploads wind down.
    app.get('/readyz', (_request, reply) =>
      shutdown.started
        ? reply.code(503).send({ status: 'shutting down' })
        : reply.send({ status: 'ready' }),
    );
    app.addHook(
      'onRequest',
      consoleProxyGuard({
        apiPrefix: '/api/',
        requireForwardedFor: config.requireForwardedFor ?? false,
      }),
    );
    await app.register(backendApi, {
      kube,
      ...(config.stagingDir ? { stagingDir: config.stagingDir } : {}),
      ...(config.uploadPatchIdleTimeoutMs !== undefined
        ? { patchIdleTimeoutMs: config.uploadPatchIdleTimeoutMs }
        : {}),
      ...(config.uploadReservationExpiryMs !== undefined
        ? { reservationExpiryMs: config.uploadReservationExpiryMs }
        : {}),
    });
    await app.register(pluginAssets, {
      distDir: config.distDir,
      mountPath: '/',
      sourceMaps: false,
    });
    return app;
  }

  // ---- standalone: the bridge stand-in ----
  const secureCookies = Boolean(config.tls);
  const sessions = new SessionStore(config.sessionLimits);
  const identityOf = (headers: IncomingHttpHeaders): Identity | undefined => {
    const found = sessions.lookup(headers);
    return found.state === 'live' ? found.identity : undefined;
  };

  // CSRF on every unsafe method, whatever the path (no path spelling can step around it).
  app.addHook('onRequest', async (request, reply) => {
    const failure = csrfFailure(request.method, request.headers);
    if (failure) {
      await reply.code(403).send({ error: failure });
      return reply;
    }
    return undefined;
  });
  // Acting as someone needs a live session this process issued; anything else is 401 with the cookie cleared.
  app.addHook('onRequest', async (request, reply) => {
    const target = requestTargetOf(request.raw);
    const path = target.ok ? target.target.path : '';
    if (!SESSION_PATHS.some((prefix) => path.startsWith(prefix))) return undefined;
    const lookup = sessions.lookup(request.headers);
    const refusal = sessionRefusal(lookup);
    if (!refusal) return undefined;
    if (lookup.state !== 'replaced')
      reply.header('set-cookie', clearedSessionCookie(secureCookies));
    await reply.code(401).send({ error: refusal });
    return reply;
  });

  const proxyOptions: KubeProxyOptions = { target: config.cluster, identityOf, tracker };
  await app.register(kubeProxy, proxyOptions);
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = rewriteRequestUrl(request);
    const parsed = requestTargetOf(request);
    const refusal = parsed.ok
      ? hostRefusal(parsed.target.host, {
          ...(config.publicHost ? { publicHost: config.publicHost } : {}),
        })
      : parsed.error;
    if (refusal) {
      const body = JSON.stringify({ error: refusal });
      socket.end(
        `HTTP/1.1 ${parsed.ok ? '421 Misdirected Request' : '400 Bad Request'}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Connection: close\r\n\r\n${body}`,
      );
      return;
    }
    request.url = target;
    if (!handleKubeUpgrade(proxyOptions, request, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  await app.register(pluginAssets, { distDir: config.distDir, mountPath: PLUGIN_ASSETS_PREFIX });
  await app.register(localesEndpoint, { distDir: config.distDir });
  await app.register(authRoutes, {
    kube,
    sessions,
    secureCookies,
    ...(config.sandboxUsers ? { sandboxUsers: config.sandboxUsers } : {}),
  });
  await app.register(pluginProxy, {
    kube,
    target: config.cluster,
    identityOf,
    ...(config.stagingDir ? { stagingDir: config.stagingDir } : {}),
    ...(config.uploadPatchIdleTimeoutMs !== undefined
      ? { patchIdleTimeoutMs: config.uploadPatchIdleTimeoutMs }
      : {}),
    ...(config.uploadReservationExpiryMs !== undefined
      ? { reservationExpiryMs: config.uploadReservationExpiryMs }
      : {}),
  });
  await app.register(hostPage, {
    hostDistDir: config.hostDistDir ?? 'dist-host',
    secureCookies,
    sessions,
  });
  return app;
}
