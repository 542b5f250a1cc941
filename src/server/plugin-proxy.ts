/**
 * `/api/proxy/plugin/vm-disks-plugin/backend/<path>` → the backend API in this same process, the way the
 * bridge proxies a ConsolePlugin `proxy` entry with `authorization: UserToken`: the CSRF check has already run
 * (global hook); here the user's bearer token replaces whatever the browser sent, and Cookie, X-CSRFToken and
 * Origin are removed, so the API sees exactly what it sees in the cluster.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import { backendApi } from './api/index';
import type { KubeClient } from './api/kube-client';
import { PLUGIN_BACKEND_PROXY_PREFIX } from './bridge-paths';
import type { Identity, KubeTarget } from './kube-target';

export interface PluginProxyOptions {
  kube: KubeClient | null;
  target: KubeTarget | null;
  identityOf: (headers: IncomingHttpHeaders) => Identity | undefined;
  stagingDir?: string;
  patchIdleTimeoutMs?: number;
  reservationExpiryMs?: number;
}

export const pluginProxy: FastifyPluginAsync<PluginProxyOptions> = async (
  app,
  { kube, target, identityOf, stagingDir, patchIdleTimeoutMs, reservationExpiryMs },
) => {
  app.addHook('onRequest', async (request, reply) => {
    const identity = identityOf(request.headers);
    if (!identity) {
      await reply.code(401).send({ error: 'no session: log in first' });
      return reply;
    }
    let token: string | undefined;
    if (identity.kind === 'bearer') {
      token = identity.token;
    } else if (target) {
      try {
        token = await target.defaultBearerToken();
      } catch (err) {
        await reply
          .code(500)
          .send({ error: `cannot get a token from the kubeconfig: ${(err as Error).message}` });
        return reply;
      }
    }
    delete request.headers.cookie;
    delete request.headers['x-csrftoken'];
    delete request.headers.origin;
    delete request.headers.authorization;
    if (!token) {
      await reply.code(401).send({
        error: target
          ? `the ${target.description} user has no bearer token (client certificate?); the backend API acts ` +
            'with a user token: log in with POST /auth/login {"token": "..."}'
          : 'no cluster is configured',
      });
      return reply;
    }
    request.headers.authorization = `Bearer ${token}`;
    return undefined;
  });

  await app.register(backendApi, {
    prefix: PLUGIN_BACKEND_PROXY_PREFIX,
    kube,
    ...(stagingDir ? { stagingDir } : {}),
    ...(patchIdleTimeoutMs !== undefined ? { patchIdleTimeoutMs } : {}),
    ...(reservationExpiryMs !== undefined ? { reservationExpiryMs } : {}),
  });
};
