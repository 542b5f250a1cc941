/**
 * The stand-in's tiny login (standalone mode only). The host page gives its browser a session with the
 * kubeconfig's (or sandbox admin's) identity (see session.ts); `POST /auth/login {token}` switches this browser
 * to another identity after the cluster confirms the token (SelfSubjectReview). The cookie holds an opaque session id, never the token.
 * In sandbox mode `GET /auth/sandbox-users` and `POST /auth/login-as {username}` offer the sandbox's users.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { sendKubeError } from './api/index';
import type { KubeClient, UserInfo } from './api/kube-client';
import { appendSetCookie } from './cookies';
import type { Identity } from './kube-target';
import { clearedSessionCookie, sessionCookie, sessionRefusal, type SessionStore } from './session';

export interface SandboxUser {
  name: string;
  token: string;
  groups: string[];
}

export interface AuthRoutesOptions {
  kube: KubeClient | null;
  sessions: SessionStore;
  /** Present only when the cluster is the embedded sandbox. */
  sandboxUsers?: readonly SandboxUser[];
  secureCookies: boolean;
}

function field(body: unknown, name: string): string | undefined {
  if (body && typeof body === 'object' && name in body) {
    const value = (body as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

export const authRoutes: FastifyPluginCallback<AuthRoutesOptions> = (
  app,
  { kube, sessions, sandboxUsers, secureCookies },
  done,
) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const noCluster = (reply: FastifyReply): FastifyReply =>
    reply.code(503).send({ error: 'no cluster is configured' });

  async function startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
  ): Promise<FastifyReply> {
    if (!kube) return noCluster(reply);
    let user: UserInfo;
    try {
      user = await kube.whoami({ kind: 'bearer', token });
    } catch (err) {
      return sendKubeError(reply, err);
    }
    sessions.replace(sessions.sessionId(request.headers));
    const id = sessions.create({ kind: 'bearer', token });
    reply.header(
      'set-cookie',
      appendSetCookie(reply.getHeader('set-cookie'), sessionCookie(id, secureCookies)),
    );
    return reply.send(user);
  }

  app.post('/auth/login', (request, reply) => {
    const token = field(request.body, 'token');
    if (!token)
      return reply.code(400).send({ error: 'send {"token": "<bearer token>"} (JSON or form)' });
    return startSession(request, reply, token);
  });

  app.post('/auth/logout', (request, reply) => {
    sessions.delete(sessions.sessionId(request.headers));
    reply.header(
      'set-cookie',
      appendSetCookie(reply.getHeader('set-cookie'), clearedSessionCookie(secureCookies)),
    );
    return reply.send({ loggedOut: true });
  });

  app.get('/auth/user', async (request, reply) => {
    if (!kube) return noCluster(reply);
    // The app's session hook has already refused requests without a live session.
    const found = sessions.lookup(request.headers);
    if (found.state !== 'live') {
      return reply.code(401).send({ error: sessionRefusal(found) });
    }
    const identity: Identity = found.identity;
    try {
      return await kube.whoami(identity);
    } catch (err) {
      return sendKubeError(reply, err);
    }
  });

  const notSandbox = (reply: FastifyReply): FastifyReply =>
    reply.code(404).send({
      error:
        'user switching exists only with the embedded sandbox; use POST /auth/login {token} instead',
    });

  app.get('/auth/sandbox-users', (_request, reply) => {
    if (!sandboxUsers) return notSandbox(reply);
    return reply.send({ users: sandboxUsers.map((user) => user.name) });
  });

  app.post('/auth/login-as', (request, reply) => {
    if (!sandboxUsers) return notSandbox(reply);
    const username = field(request.body, 'username');
    const user = sandboxUsers.find((candidate) => candidate.name === username);
    if (!user) {
      return reply.code(400).send({
        error: `unknown sandbox user ${JSON.stringify(username ?? '')}; one of: ${sandboxUsers.map((u) => u.name).join(', ')}`,
      });
    }
    return startSession(request, reply, user.token);
  });
  done();
};
