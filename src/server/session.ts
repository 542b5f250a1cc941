/**
 * Server-side sessions of the standalone bridge stand-in. The browser holds only an opaque id in the
 * HttpOnly `openshift-session-token` cookie; the user's token stays here.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseCookies, serializeCookie } from './cookies';
import type { UserInfo } from './api/kube-client';
import { DEFAULT_IDENTITY, type Identity } from './kube-target';

export const SESSION_COOKIE = 'openshift-session-token';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

interface Session {
  token: string;
  user: UserInfo;
  expiresAt: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number = Date.now) {}

  create(token: string, user: UserInfo): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { token, user, expiresAt: this.now() + SESSION_TTL_MS });
    return id;
  }

  private live(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** The session id from the request's cookie, when it names a live session. */
  sessionId(headers: IncomingHttpHeaders): string | undefined {
    const id = parseCookies(headers.cookie).get(SESSION_COOKIE);
    return this.live(id) ? id : undefined;
  }

  /** The identity a request acts as: its session's token, else the default (kubeconfig or sandbox admin). */
  identityOf(headers: IncomingHttpHeaders): Identity {
    const session = this.live(parseCookies(headers.cookie).get(SESSION_COOKIE));
    return session ? { kind: 'bearer', token: session.token } : DEFAULT_IDENTITY;
  }

  get size(): number {
    return this.sessions.size;
  }
}

export function sessionCookie(id: string, secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure,
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure,
    maxAge: 0,
  });
}
