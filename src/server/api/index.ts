/**
 * The backend's own API, identical in both modes. The caller's identity comes ONLY from
 * `Authorization: Bearer <token>`: in the cluster the console bridge's proxy (`authorization: UserToken`)
 * sets it; standalone, the bridge stand-in's plugin-proxy route sets it the same way.
 */
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import { bearerToken } from './bearer';
import { KubeApiError, type KubeClient } from './kube-client';
import { uploadsApi } from '../uploads/upload-routes';
import { withoutAddresses } from '../public-errors';

export interface BackendApiOptions {
  /** null when no cluster is configured: endpoints that need one answer 503. */
  kube: KubeClient | null;
  /** Where resumable uploads are staged (default `./.staging`). */
  stagingDir?: string;
  /** A tus PATCH that sends no byte for this long is ended (default in tus-patch.ts). */
  patchIdleTimeoutMs?: number;
  /** An upload no byte arrives for is released after this long (default in upload-routes.ts). */
  reservationExpiryMs?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's bearer token; set for every request the API handles. */
    userToken?: string;
  }
}

export function sendKubeError(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof KubeApiError) {
    return reply.code(err.status).send({ error: err.message, status: err.status });
  }
  return reply
    .code(502)
    .send({ error: `cannot reach the cluster: ${withoutAddresses((err as Error).message)}` });
}

export const backendApi: FastifyPluginCallback<BackendApiOptions> = (
  app,
  { kube, stagingDir, patchIdleTimeoutMs, reservationExpiryMs },
  done,
) => {
  app.addHook('onRequest', async (request, reply) => {
    const token = bearerToken(request.headers);
    if (!token) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'Unauthorized: the backend API needs Authorization: Bearer <user token>' });
      return reply;
    }
    request.userToken = token;
    return undefined;
  });

  app.get('/api/v1/healthz', (_request, reply) => reply.send({ status: 'ok' }));

  app.get('/api/v1/whoami', async (request, reply) => {
    if (!kube) return reply.code(503).send({ error: 'no cluster is configured' });
    try {
      return await kube.whoami({ kind: 'bearer', token: request.userToken ?? '' });
    } catch (err) {
      return sendKubeError(reply, err);
    }
  });

  void app.register(uploadsApi, {
    kube,
    ...(stagingDir ? { stagingDir } : {}),
    ...(patchIdleTimeoutMs !== undefined ? { patchIdleTimeoutMs } : {}),
    ...(reservationExpiryMs !== undefined ? { reservationExpiryMs } : {}),
  });

  // Everything else under the API is unknown; answer JSON rather than falling through to the host page.
  app.all('/api/*', (request, reply) =>
    reply.code(404).send({ error: `no such backend endpoint: ${request.method} ${request.url}` }),
  );
  done();
};
