/** Raw HTTP requests for tests: no path normalisation (so `..` reaches the server) and full control of headers. */
import http from 'node:http';
import https from 'node:https';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function rawRequest(
  base: string,
  options: {
    method?: string;
    path: string;
    headers?: http.OutgoingHttpHeaders;
    body?: string;
    ca?: string;
  },
): Promise<RawResponse> {
  const url = new URL(base);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      {
        hostname: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
export function cookiesFrom(
  headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders,
): Map<string, { value: string; raw: string }> {
  const out = new Map<string, { value: string; raw: string }>();
  const header = headers['set-cookie'];
  const values = Array.isArray(header) ? header : typeof header === 'string' ? [header] : [];
  for (const raw of values) {
    const [pair = ''] = raw.split(';');
    const eq = pair.indexOf('=');
    out.set(pair.slice(0, eq), { value: pair.slice(eq + 1), raw });
  }
  return out;
}

/**
 * What a browser gets by loading the host page on an allowed Host: the `openshift-session-token=…` cookie of a
 * session with the default identity (the only way to that identity; see src/server/session.ts).
 */
export async function pageSessionCookie(base: string): Promise<string> {
  const res = await rawRequest(base, { path: '/', headers: { accept: 'text/html' } });
  const session = cookiesFrom(res.headers).get('openshift-session-token');
  if (!session) throw new Error(`GET / (${res.status}) issued no session cookie`);
  return `openshift-session-token=${session.value}`;
}
