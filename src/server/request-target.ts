/**
 * One normalised request target, computed once before routing (Fastify `rewriteUrl`, and the raw `upgrade`
 * handler), so that routing, the CSRF check, the in-cluster guard and the Host check all decide on the same
 * path. Attacks this closes (issue 13, break 3): `POST /%61uth/login` (the router decodes `%61`, a raw-prefix
 * check did not), and absolute-form request lines (`POST http://any/auth/login HTTP/1.1`, RFC 9112 §3.2.2),
 * whose authority replaces the Host header.
 *
 * Normal form (RFC 3986 §6.2.2): escapes of unreserved characters are decoded, the others kept (upper case);
 * malformed escapes, NUL, backslashes and `.`/`..` segments (raw or encoded) are refused with 400.
 */
import type { IncomingMessage } from 'node:http';

export interface RequestTarget {
  /** The origin-form target routing sees: normalised path plus the query as sent. */
  url: string;
  /** The fully decoded path: what every security decision looks at. */
  path: string;
  /** The authority of an absolute-form request line (it replaces Host), else the Host header. */
  host: string | undefined;
}

export type TargetResult = { ok: true; target: RequestTarget } | { ok: false; error: string };

const UNRESERVED = /[A-Za-z0-9\-._~]/;

function normalisePath(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c !== '%') {
      out += c;
      continue;
    }
    const hex = raw.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
    const decoded = String.fromCharCode(parseInt(hex, 16));
    out += UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
    i += 2;
  }
  return out;
}

function fullyDecoded(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

function parseRequestTarget(rawUrl: string, hostHeader: string | undefined): TargetResult {
  let originForm = rawUrl;
  let host = hostHeader;
  if (!rawUrl.startsWith('/')) {
    if (!/^https?:\/\//i.test(rawUrl)) {
      return { ok: false, error: `request target ${JSON.stringify(rawUrl)} is not a path` };
    }
    let parsed: URL;
    try {
      parsed = new URL(rawUrl);
    } catch {
      return { ok: false, error: `cannot parse the request target ${JSON.stringify(rawUrl)}` };
    }
    host = parsed.host;
    originForm = `${parsed.pathname}${parsed.search}`;
  }
  const q = originForm.indexOf('?');
  const rawPath = q === -1 ? originForm : originForm.slice(0, q);
  const query = q === -1 ? '' : originForm.slice(q);
  const path = normalisePath(rawPath);
  const decoded = path === undefined ? undefined : fullyDecoded(path);
  if (path === undefined || decoded === undefined) {
    return { ok: false, error: 'the request path has a malformed percent-escape' };
  }
  if (/[\0\\]/.test(decoded)) {
    return { ok: false, error: 'the request path contains a NUL or a backslash' };
  }
  if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, error: 'the request path contains a "." or ".." segment' };
  }
  return { ok: true, target: { url: `${path}${query}`, path: decoded, host } };
}

/** Per raw request: the parsed target (set by `rewriteUrl`, read by hooks). */
const targets = new WeakMap<IncomingMessage, TargetResult>();

/** Fastify `rewriteUrl`: normalises once; a refused target routes to a path no route serves. */
export function rewriteRequestUrl(req: IncomingMessage): string {
  const result = parseRequestTarget(req.url ?? '/', req.headers.host);
  targets.set(req, result);
  return result.ok ? result.target.url : '/';
}

export function requestTargetOf(req: IncomingMessage): TargetResult {
  return targets.get(req) ?? parseRequestTarget(req.url ?? '/', req.headers.host);
}
