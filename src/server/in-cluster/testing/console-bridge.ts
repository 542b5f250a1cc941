/**
 * A small stand-in for the OpenShift console bridge in front of the in-cluster backend, for tests. It does
 * what the bridge does for this plugin (openshift/console `pkg/plugins/handlers.go`, `pkg/proxy/proxy.go`,
 * `pkg/middleware` AuthMiddleware; reference/console-runtime.md §1.1, §5, §6):
 *   GET /api/plugins/vm-disks-plugin/<asset>      → backend GET /<asset>, a fresh request: query string dropped,
 *                                                  Cookie / X-CSRFToken / Origin removed; user must be logged in
 *   GET /locales/resource.json?lng=&ns=          → backend GET /locales/<lng>/<ns>.json
 *   * /api/proxy/plugin/vm-disks-plugin/backend/<path>?<query>
 *                                                → backend <method> /<path>?<query>, body streamed; CSRF check on
 *                                                  unsafe methods; Cookie and X-CSRFToken removed; X-Forwarded-For
 *                                                  added (Go's ReverseProxy); Authorization: Bearer <user token>
 * Sessions: `addSession(token)` returns the cookie header a logged-in browser would send (session id and the
 * csrf-token cookie). The backend is reached over HTTPS and verified against the CA given (the service CA).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

const PLUGIN = 'vm-disks-plugin';
const ASSETS = `/api/plugins/${PLUGIN}/`;
const PROXY = `/api/proxy/plugin/${PLUGIN}/backend/`;
const LOCALES = '/locales/resource.json';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export interface ConsoleBridge {
  url: string;
  /** Logs a user in; returns `{ cookie, csrf }`: the Cookie header and the X-CSRFToken value to send. */
  addSession(token: string): { cookie: string; csrf: string };
  close(): Promise<void>;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function startConsoleBridge(options: {
  backend: string;
  backendCa: string;
}): Promise<ConsoleBridge> {
  const backend = new URL(options.backend);
  const sessions = new Map<string, string>();
  const agent = new https.Agent({ ca: options.backendCa, keepAlive: true });

  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    target: { method: string; path: string; headers: http.OutgoingHttpHeaders; body: boolean },
  ): void {
    const upstream = https.request(
      {
        hostname: backend.hostname,
        port: backend.port,
        method: target.method,
        path: target.path,
        headers: target.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      if (!res.headersSent) sendJson(res, 502, { error: `bridge: ${err.message}` });
      else res.destroy(err);
    });
    if (target.body) req.pipe(upstream);
    else upstream.end();
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const token = sessions.get(cookieValue(req.headers.cookie, 'openshift-session-token') ?? '');
    const copied: http.OutgoingHttpHeaders = { ...req.headers };
    for (const name of ['cookie', 'x-csrftoken', 'host', 'authorization', 'connection']) {
      copied[name] = undefined;
      Reflect.deleteProperty(copied, name);
    }

    if (url.pathname.startsWith(ASSETS)) {
      if (!token) {
        sendJson(res, 401, { error: 'not logged in' });
        return;
      }
      // HandlePluginAssets: a fresh GET of <basePath><asset>; the query string is not forwarded.
      Reflect.deleteProperty(copied, 'origin');
      forward(req, res, {
        method: 'GET',
        path: `/${url.pathname.slice(ASSETS.length)}`,
        headers: { accept: req.headers.accept ?? '*/*' },
        body: false,
      });
      return;
    }
    if (url.pathname === LOCALES) {
      const lng = url.searchParams.get('lng');
      const ns = url.searchParams.get('ns');
      if (!lng || !ns) {
        sendJson(res, 400, { error: 'missing lng or ns' });
        return;
      }
      if (ns !== `plugin__${PLUGIN}`) {
        sendJson(res, 404, { error: 'locale resource not found' });
        return;
      }
      forward(req, res, {
        method: 'GET',
        path: `/locales/${encodeURIComponent(lng)}/${encodeURIComponent(ns)}.json`,
        headers: {},
        body: false,
      });
      return;
    }
    if (url.pathname.startsWith(PROXY)) {
      const method = req.method ?? 'GET';
      if (!SAFE_METHODS.has(method)) {
        const csrfCookie = cookieValue(req.headers.cookie, 'csrf-token');
        const csrfHeader = req.headers['x-csrftoken'];
        if (!csrfCookie || csrfCookie !== csrfHeader) {
          sendJson(res, 403, { error: 'invalid CSRFToken' });
          return;
        }
      }
      if (!token) {
        sendJson(res, 401, { error: 'not logged in' });
        return;
      }
      const forwardedFor = req.socket.remoteAddress ?? '127.0.0.1';
      const previous = req.headers['x-forwarded-for'];
      forward(req, res, {
        method,
        path: `/${url.pathname.slice(PROXY.length)}${url.search}`,
        headers: {
          ...copied,
          host: backend.host,
          authorization: `Bearer ${token}`,
          'x-forwarded-for': previous ? `${String(previous)}, ${forwardedFor}` : forwardedFor,
        },
        body: true,
      });
      return;
    }
    sendJson(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    addSession(token) {
      const id = randomBytes(16).toString('hex');
      const csrf = randomBytes(16).toString('hex');
      sessions.set(id, token);
      return { cookie: `openshift-session-token=${id}; csrf-token=${csrf}`, csrf };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      agent.destroy();
    },
  };
}
