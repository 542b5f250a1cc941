/**
 * The console bridge's CSRF rule (`pkg/auth/csrfverifier`): on unsafe methods the `X-CSRFToken` header must
 * equal the `csrf-token` cookie. The cookie is readable by JavaScript (the console's fetch copies it into the
 * header), SameSite=Strict, and issued with the page.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseCookies, serializeCookie } from './cookies';

const CSRF_COOKIE = 'csrf-token';
const CSRF_HEADER = 'x-csrftoken';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

export function newCsrfCookie(secure: boolean): string {
  return serializeCookie(CSRF_COOKIE, randomBytes(32).toString('base64url'), {
    httpOnly: false,
    sameSite: 'Strict',
    path: '/',
    secure,
  });
}

export function hasCsrfCookie(headers: IncomingHttpHeaders): boolean {
  return Boolean(parseCookies(headers.cookie).get(CSRF_COOKIE));
}

/** Returns the reason the request fails the check, or undefined when it passes. */
export function csrfFailure(method: string, headers: IncomingHttpHeaders): string | undefined {
  if (isSafeMethod(method)) return undefined;
  const cookie = parseCookies(headers.cookie).get(CSRF_COOKIE);
  const header = headers[CSRF_HEADER];
  const headerValue = Array.isArray(header) ? header[0] : header;
  if (!cookie) return 'invalid CSRFToken: no csrf-token cookie (load the page first)';
  if (!headerValue) return 'invalid CSRFToken: missing X-CSRFToken header';
  const a = Buffer.from(cookie);
  const b = Buffer.from(headerValue);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return 'invalid CSRFToken: X-CSRFToken header does not match the csrf-token cookie';
  }
  return undefined;
}

/**
 * WebSocket upgrades cannot carry the header; like the bridge, the browser's `Origin` (when sent) must be
 * this server. Non-browser clients send no Origin and cannot be driven cross-site.
 */
export function upgradeOriginFailure(headers: IncomingHttpHeaders): string | undefined {
  const origin = headers.origin;
  if (!origin) return undefined;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `invalid source origin: cannot parse Origin ${JSON.stringify(origin)}`;
  }
  if (originHost !== headers.host) {
    return `invalid source origin: ${origin} does not match host ${headers.host ?? '(none)'}`;
  }
  return undefined;
}
