/**
 * The upload endpoint is same-origin with the console: it sends no CORS headers, and a request whose `Origin`
 * names another site is refused. The check reads the headers as the client sent them (`rawHeaders`): the bridge
 * stand-in removes `Origin` from the parsed headers before the API sees them, as the console bridge does.
 */
import type { OutgoingHttpHeader, ServerResponse } from 'node:http';

function rawHeader(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === name) return rawHeaders[i + 1];
  }
  return undefined;
}

/** Why the request is cross-origin, or undefined when it is not (no `Origin`, or this server's own). */
export function crossOriginProblem(rawHeaders: readonly string[]): string | undefined {
  const origin = rawHeader(rawHeaders, 'origin');
  if (origin === undefined) return undefined;
  // Behind a proxy that rewrites Host, the host the browser used is in X-Forwarded-Host.
  const ownHost = (rawHeader(rawHeaders, 'x-forwarded-host') ?? rawHeader(rawHeaders, 'host') ?? '')
    .split(',')[0]
    ?.trim();
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `Cross-origin upload refused: cannot parse Origin ${JSON.stringify(origin)}`;
  }
  if (!ownHost || originHost !== ownHost) {
    return (
      `Cross-origin upload refused: Origin ${origin} is not this console (${ownHost || 'unknown host'}); ` +
      'uploads are accepted only from the console page itself'
    );
  }
  return undefined;
}

const isCorsHeader = (name: unknown) =>
  typeof name === 'string' && name.toLowerCase().startsWith('access-control-');

/** Drops every `Access-Control-*` header a library adds to this response. */
export function withoutCorsHeaders(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const filter = (headers: unknown): unknown => {
    if (Array.isArray(headers)) {
      // Raw [name, value, name, value …] pairs.
      const out: unknown[] = [];
      for (let i = 0; i + 1 < headers.length; i += 2) {
        if (!isCorsHeader(headers[i])) out.push(headers[i], headers[i + 1]);
      }
      return out;
    }
    if (headers && typeof headers === 'object') {
      return Object.fromEntries(
        Object.entries(headers as Record<string, OutgoingHttpHeader>).filter(
          ([name]) => !isCorsHeader(name),
        ),
      );
    }
    return headers;
  };
  res.writeHead = (...args: unknown[]) => {
    for (const name of res.getHeaderNames()) if (isCorsHeader(name)) res.removeHeader(name);
    return writeHead(...args.map((a, i) => (i === 0 ? a : filter(a))));
  };
}
