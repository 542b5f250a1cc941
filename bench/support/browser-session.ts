/**
 * A session of the standalone backend got the way a browser gets it: load the host page (`GET /` with
 * `accept: text/html`), keep the `csrf-token` and HttpOnly `openshift-session-token` cookies it sets, and
 * send them back (plus `X-CSRFToken` = the csrf cookie, which the backend requires on unsafe methods). The
 * page's session has the default identity (the sandbox admin); a request without one is refused with 401 (see
 * src/server/session.ts). Sessions live in the backend's memory: after a restart, load the page again.
 */
import { cookiesFrom, rawRequest } from '../../src/server/testing/http-client';

export interface BrowserSession {
  /** `csrf-token=…; openshift-session-token=…` */
  cookie: string;
  csrf: string;
  /** The headers a browser's fetch sends: the cookies and `x-csrftoken`. */
  headers: { cookie: string; 'x-csrftoken': string };
}

function sessionOf(csrf: string, session: string): BrowserSession {
  const cookie = `csrf-token=${csrf}; openshift-session-token=${session}`;
  return { cookie, csrf, headers: { cookie, 'x-csrftoken': csrf } };
}

/** Loads the host page of the backend at `base` and returns the session it issued. */
export async function browserSession(base: string): Promise<BrowserSession> {
  const res = await rawRequest(base, { path: '/', headers: { accept: 'text/html' } });
  const cookies = cookiesFrom(res.headers);
  const csrf = cookies.get('csrf-token')?.value;
  const session = cookies.get('openshift-session-token')?.value;
  if (res.status !== 200 || !csrf || !session) {
    throw new Error(
      `GET ${base}/ answered ${String(res.status)} without ${!csrf ? 'a csrf-token' : 'an openshift-session-token'} cookie: ` +
        `is the console host built (npm run build:host)? ${res.body.slice(0, 200)}`,
    );
  }
  return sessionOf(csrf, session);
}

/**
 * Switches a page session to a sandbox user (`POST /auth/login-as {username}`, as the host's user menu does)
 * and returns the session with the new cookie.
 */
export async function loginAs(base: string, page: BrowserSession, username: string): Promise<BrowserSession> {
  const res = await fetch(`${base}/auth/login-as`, {
    method: 'POST',
    headers: { ...page.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const body = await res.text();
  const session = /openshift-session-token=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (res.status !== 200 || !session) {
    throw new Error(`login-as ${username} answered ${String(res.status)}: ${body.slice(0, 200)}`);
  }
  return sessionOf(page.csrf, session);
}
