/**
 * Server-side sessions of the standalone bridge stand-in. The browser holds only an opaque id in the
 * HttpOnly `openshift-session-token` cookie; the identity stays here.
 *
 * Identity model (issue 13, breaks 1, 2 and 9): a request acts as someone only through a live session this
 * process issued. The default identity (the kubeconfig's user, or the sandbox admin) is given to a session the
 * host page issues when it is loaded on an allowed Host; a login issues a session for the token's user. A
 * request without a session, or with an id this process does not know (forged, expired, from before a
 * restart), is refused (401, cookie cleared), never mapped to anyone. Sessions end after an idle time and an
 * absolute lifetime, and there is a cap (the least recently used goes first).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseCookies, serializeCookie } from './cookies';
import { DEFAULT_IDENTITY, type Identity } from './kube-target';

const SESSION_COOKIE = 'openshift-session-token';

export interface SessionLimits {
  /** A session unused this long ends (default 2 hours). */
  idleMs: number;
  /** A session ends this long after it began, used or not (default 12 hours, the console's token lifetime). */
  absoluteMs: number;
  /** At most this many sessions; a new one evicts the least recently used (default 1,000). */
  max: number;
}

const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  max: 1000,
};

interface Session {
  identity: Identity;
  createdAt: number;
  lastUsed: number;
}

export type SessionLookup =
  | { state: 'live'; id: string; identity: Identity }
  /** No session cookie at all. */
  | { state: 'none' }
  /** A cookie naming no live session: forged, expired, evicted or from before a restart. */
  | { state: 'unknown' }
  /**
   * A session a login replaced moments ago: requests the page sent before the login finished still carry
   * it. They are refused, but the cookie is left alone, since the browser already holds the new one.
   */
  | { state: 'replaced' };

/** How long a replaced session id is remembered as such (then it is simply unknown). */
const REPLACED_MEMORY_MS = 60_000;

export class SessionStore {
  // A Map iterates in insertion order; `touch` re-inserts, so the first entry is the least recently used.
  private readonly sessions = new Map<string, Session>();
  /** Session ids a login replaced, with when (bounded like the sessions). */
  private readonly replaced = new Map<string, number>();
  private readonly limits: SessionLimits;

  constructor(
    limits: Partial<SessionLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_SESSION_LIMITS, ...limits };
  }

  create(identity: Identity): string {
    this.sweep();
    while (this.sessions.size >= this.limits.max) {
      const oldest = this.sessions.keys().next();
      if (oldest.done) break;
      this.sessions.delete(oldest.value);
    }
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    this.sessions.set(id, { identity, createdAt: now, lastUsed: now });
    return id;
  }

  /** A session for the backend's own (default) identity: only the host page issues these. */
  createDefault(): string {
    return this.create(DEFAULT_IDENTITY);
  }

  private expired(session: Session, now: number): boolean {
    return (
      now - session.lastUsed >= this.limits.idleMs ||
      now - session.createdAt >= this.limits.absoluteMs
    );
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) {
      if (this.expired(session, now)) this.sessions.delete(id);
    }
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Ends `id` because a login gave the same browser a new session (see the `replaced` state). */
  replace(id: string | undefined): void {
    if (!id || !this.sessions.delete(id)) return;
    const now = this.now();
    for (const [old, at] of this.replaced)
      if (now - at >= REPLACED_MEMORY_MS) this.replaced.delete(old);
    if (this.replaced.size < this.limits.max) this.replaced.set(id, now);
  }

  /** What the request's cookie names; a live session counts as used now. */
  lookup(headers: IncomingHttpHeaders): SessionLookup {
    const id = parseCookies(headers.cookie).get(SESSION_COOKIE);
    if (!id) return { state: 'none' };
    const session = this.sessions.get(id);
    const now = this.now();
    if (!session) {
      const replacedAt = this.replaced.get(id);
      return replacedAt !== undefined && now - replacedAt < REPLACED_MEMORY_MS
        ? { state: 'replaced' }
        : { state: 'unknown' };
    }
    if (this.expired(session, now)) {
      this.sessions.delete(id);
      return { state: 'unknown' };
    }
    session.lastUsed = now;
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return { state: 'live', id, identity: session.identity };
  }

  /** The session id from the request's cookie, when it names a live session. */
  sessionId(headers: IncomingHttpHeaders): string | undefined {
    const found = this.lookup(headers);
    return found.state === 'live' ? found.id : undefined;
  }

  get size(): number {
    this.sweep();
    return this.sessions.size;
  }
}

/** Why a request without a live session is refused (the answer is 401 with the cookie cleared). */
export function sessionRefusal(lookup: SessionLookup): string | undefined {
  if (lookup.state === 'live') return undefined;
  if (lookup.state === 'replaced')
    return 'this session was replaced by a login moments ago: send the new session cookie';
  return lookup.state === 'none'
    ? 'no session: load the console page (/) or log in (POST /auth/login) first'
    : 'your session is not known here (expired, ended, or from before a restart): reload the page or log in again';
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
