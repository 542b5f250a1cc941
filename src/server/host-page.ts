/**
 * The standalone console host (`dist-host/`): its files, and `index.html` for every other non-API path so the
 * single-page app can route. The page is where the browser gets its `csrf-token` cookie, as from the console,
 * and its session (the default identity) when it has none.
 */
import path from 'node:path';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { appendSetCookie } from './cookies';
import { hasCsrfCookie, newCsrfCookie } from './csrf';
import { sessionCookie, type SessionStore } from './session';
import { resolveFile, safeSegments, sendFile } from './static-assets';

export interface HostPageOptions {
  hostDistDir: string;
  secureCookies: boolean;
  /** Issues the page's default-identity session (the Host check has already passed). */
  sessions: SessionStore;
}

/** Paths that never fall back to the page: APIs answer JSON 404s instead. */
const NON_PAGE_PREFIXES = ['/api/', '/auth/', '/locales/'];

export const hostPage: FastifyPluginCallback<HostPageOptions> = (
  app,
  { hostDistDir, secureCookies, sessions },
  done,
) => {
  async function sendIndex(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const index = await resolveFile(hostDistDir, ['index.html']);
    if (!index) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          `The console host is not built: ${path.join(hostDistDir, 'index.html')} is missing.\n` +
            'Run `npm run build:host` (or `npm start`, which builds what is missing).\n',
        );
    }
    if (!hasCsrfCookie(request.headers)) {
      reply.header(
        'set-cookie',
        appendSetCookie(reply.getHeader('set-cookie'), newCsrfCookie(secureCookies)),
      );
    }
    // The page is where the default identity is handed out: to a session issued here, on an allowed Host,
    // in an HttpOnly cookie the page cannot read. A cookie naming no live session is replaced.
    if (sessions.lookup(request.headers).state !== 'live') {
      reply.header(
        'set-cookie',
        appendSetCookie(
          reply.getHeader('set-cookie'),
          sessionCookie(sessions.createDefault(), secureCookies),
        ),
      );
    }
    return sendFile(reply, index, { cacheControl: 'no-cache' });
  }

  app.get('/*', async (request, reply) => {
    const rawUrl = request.raw.url ?? '/';
    const q = rawUrl.indexOf('?');
    const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
    if (NON_PAGE_PREFIXES.some((prefix) => pathname.startsWith(prefix)) || pathname === '/api') {
      return reply.code(404).send({ error: `not found: ${pathname}` });
    }
    const rest = pathname.slice(1);
    if (rest !== '' && rest !== 'index.html') {
      const segments = safeSegments(rest);
      const file = segments ? await resolveFile(hostDistDir, segments) : undefined;
      if (file) {
        // Vite's hashed assets never change under the same name.
        const immutable = pathname.startsWith('/assets/');
        return sendFile(reply, file, {
          cacheControl: immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        });
      }
      // A missing build asset is a 404, not the page (a script answered with HTML breaks loudly).
      // Other paths with an extension get the page only when a browser navigates (resource names may
      // contain dots: /k8s/ns/x/persistentvolumeclaims/disk.v2).
      const wantsPage = (request.headers.accept ?? '').includes('text/html');
      if (pathname.startsWith('/assets/') || (!wantsPage && /\.[a-zA-Z0-9]+$/.test(pathname))) {
        return reply.code(404).send({ error: `not found: ${pathname}` });
      }
    }
    return sendIndex(request, reply);
  });
  done();
};
