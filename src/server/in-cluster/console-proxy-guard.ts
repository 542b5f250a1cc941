/**
 * In-cluster: the backend API answers only requests that came through the console bridge's plugin proxy
 * (ConsolePlugin `proxy` alias `backend`, `authorization: UserToken`). What the bridge always does to such a
 * request (openshift/console `pkg/proxy/proxy.go`, `pkg/middleware` AuthMiddleware):
 *   - removes `Cookie` and `X-CSRFToken` (its HeaderBlacklist): a request that still carries either one came
 *     straight from a browser or another client, not through the bridge;
 *   - forwards with Go's `httputil.ReverseProxy`, which adds `X-Forwarded-For` (the browser's address);
 *   - sets `Authorization: Bearer <the user's token>` (checked by the API itself: 401 without it).
 * The NetworkPolicy of the chart is the network-level half of the same rule (only the console's pods and the
 * CDI upload proxy may connect at all). The health probes are outside the API and not guarded.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestTargetOf } from '../request-target';

export interface ConsoleProxyGuardOptions {
  /** Path prefix of the backend API (in-cluster `/api/`). */
  apiPrefix: string;
  /**
   * Require `X-Forwarded-For` (default true). Only for a bridge that forwards without it: the chart exposes
   * it as `backend.requireForwardedFor`.
   */
  requireForwardedFor?: boolean;
}

/** Why a request did not come through the console proxy, or undefined when it may have. */
function notFromConsoleProxy(
  headers: FastifyRequest['headers'],
  requireForwardedFor = true,
): string | undefined {
  if (headers.cookie !== undefined) {
    return 'the request carries a Cookie header, which the console proxy never forwards';
  }
  if (headers['x-csrftoken'] !== undefined) {
    return 'the request carries an X-CSRFToken header, which the console proxy never forwards';
  }
  if (requireForwardedFor && !headers['x-forwarded-for']) {
    return 'the request has no X-Forwarded-For header, which the console proxy always adds';
  }
  return undefined;
}

export function consoleProxyGuard({
  apiPrefix,
  requireForwardedFor = true,
}: ConsoleProxyGuardOptions) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    // Decided on the normalised path (request-target.ts): `/%61pi/v1/whoami` is `/api/v1/whoami`.
    const target = requestTargetOf(request.raw);
    const path = target.ok ? target.target.path : (request.raw.url ?? '');
    if (!path.startsWith(apiPrefix)) return undefined;
    const reason = notFromConsoleProxy(request.headers, requireForwardedFor);
    if (!reason) return undefined;
    await reply.code(403).send({
      error: `Forbidden: the backend API is reached only through the console's plugin proxy (${reason})`,
    });
    return reply;
  };
}
