/**
 * The uploads API's JSON routes, validated and serialised with the shared contract
 * (src/lib/uploads-contract.ts; Fastify's Ajv checks params, querystring and body, fast-json-stringify writes
 * only the contract's fields, so the session's internal bookkeeping never leaves the backend):
 *
 * - `GET /api/v1/uploads`: the caller's uploads; `GET /api/v1/uploads/<id>`: one (404 for anyone else's).
 * - `GET /api/v1/uploads/quota?namespace=<ns>`: the caller's staging quota (held, limits, room).
 * - `PUT /api/v1/uploads/<id>/checksum` `{ sha256 }`: a client's SHA-256 of the whole file, needed only when not
 *   every chunk carried a SHA-256 (the page sends one per chunk and never calls it).
 * - `DELETE /api/v1/uploads/<id>`: cancel, drop the staged data.
 *
 * Every refusal is `{ error }` (ErrorBodySchema); a schema refusal names the field.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDNS1123Label } from '../../lib/k8s-names';
import {
  CancelReplySchema,
  ChecksumBodySchema,
  ErrorBodySchema,
  FIELD_PROBLEMS,
  QuotaQuerySchema,
  StagingQuotaViewSchema,
  UploadIdParamsSchema,
  UploadListSchema,
  UploadViewSchema,
  type ErrorBody,
} from '../../lib/uploads-contract';
import { KubeApiError, type KubeClient } from '../api/kube-client';
import type { Forwarder } from './forwarder';
import type { SessionCleanup } from './session-cleanup';
import type { SessionStore } from './session-store';
import { ACTIVE_STATES, type UploadSession } from './session-types';
import type { UploadAuth } from './upload-auth';

export interface SessionRoutesOptions {
  kube: KubeClient | null;
  auth: UploadAuth;
  store: SessionStore;
  forwarder: Forwarder | null;
  cleanup: SessionCleanup;
  reservationExpiryMs: number;
}

const refusals = { '4xx': ErrorBodySchema, '5xx': ErrorBodySchema };
const NOT_FOUND: ErrorBody = { error: 'upload not found' };

/** A schema refusal as `{ error }` naming the field (`body/sha256: …`), in the contract's words where it has them. */
export function validationProblem(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const field = `${error.validationContext ?? 'request'}${first.instancePath}`;
  const missing =
    first.keyword === 'required' && typeof first.params.missingProperty === 'string'
      ? `${field}/${first.params.missingProperty}`
      : undefined;
  const named = missing ?? field;
  return (
    FIELD_PROBLEMS[named] ?? `${named} ${missing ? 'is required' : (first.message ?? 'is invalid')}`
  );
}

export function registerSessionRoutes(parent: FastifyInstance, o: SessionRoutesOptions): void {
  const { kube, auth, store, forwarder, cleanup } = o;
  const app = parent.withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const problem = validationProblem(error);
    if (problem === undefined) throw error;
    return reply.code(400).send({ error: problem });
  });

  /** The caller (their CDI legs resume: a fresh token is at hand), or a refusal already sent. */
  async function caller(request: FastifyRequest, reply: FastifyReply): Promise<string | undefined> {
    if (!kube) {
      await reply.code(503).send({ error: 'no cluster is configured' });
      return undefined;
    }
    try {
      const user = await auth.userOf(request.userToken ?? '');
      for (const s of store.byOwner(user)) {
        if (ACTIVE_STATES.has(s.state)) forwarder?.ensure(s.id);
      }
      return user;
    } catch (err) {
      const status = err instanceof KubeApiError ? err.status : 502;
      await reply.code(status).send({ error: (err as Error).message });
      return undefined;
    }
  }

  function owned(id: string, user: string): UploadSession | undefined {
    const s = store.get(id);
    return s && s.owner === user ? s : undefined;
  }

  app.get(
    '/api/v1/uploads',
    { schema: { response: { 200: UploadListSchema, ...refusals } } },
    async (request, reply) => {
      const user = await caller(request, reply);
      if (!user) return reply;
      return { items: store.byOwner(user) };
    },
  );

  app.get(
    '/api/v1/uploads/quota',
    {
      schema: {
        querystring: QuotaQuerySchema,
        response: { 200: StagingQuotaViewSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const user = await caller(request, reply);
      if (!user) return reply;
      const namespace = request.query.namespace ?? '';
      if (namespace && !isDNS1123Label(namespace)) {
        return reply
          .code(400)
          .send({ error: `namespace ${JSON.stringify(namespace)} is not a valid namespace name` });
      }
      const q = await cleanup.quotaOf(user, namespace);
      return {
        user,
        ...(namespace ? { namespace } : {}),
        capacity: q.capacity,
        room: q.room,
        userHeld: q.userHeld,
        userLimit: q.userLimit,
        ...(namespace ? { namespaceHeld: q.namespaceHeld, namespaceLimit: q.namespaceLimit } : {}),
        available: namespace
          ? q.available
          : Math.max(0, Math.min(q.room, q.userLimit - q.userHeld)),
        reservationExpirySeconds: Math.round(o.reservationExpiryMs / 1000),
      };
    },
  );

  app.get(
    '/api/v1/uploads/:id',
    { schema: { params: UploadIdParamsSchema, response: { 200: UploadViewSchema, ...refusals } } },
    async (request, reply) => {
      const user = await caller(request, reply);
      if (!user) return reply;
      return owned(request.params.id, user) ?? reply.code(404).send(NOT_FOUND);
    },
  );

  app.put(
    '/api/v1/uploads/:id/checksum',
    {
      schema: {
        params: UploadIdParamsSchema,
        body: ChecksumBodySchema,
        response: { 200: UploadViewSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const user = await caller(request, reply);
      if (!user) return reply;
      const s = owned(request.params.id, user);
      if (!s) return reply.code(404).send(NOT_FOUND);
      const sha = request.body.sha256;
      if (s.sha256 && s.sha256 !== sha) {
        return reply
          .code(409)
          .send({ error: 'a different checksum was already recorded for this upload' });
      }
      if (s.verifiedSha256 && s.verifiedSha256 !== sha) {
        return reply.code(409).send({
          error: `the file's SHA-256 ${sha} differs from the ${s.verifiedSha256} of the bytes received (every chunk was verified): the file changed during the upload`,
        });
      }
      const next = await store.update(s.id, { sha256: sha });
      forwarder?.checksumArrived(s.id);
      return next ?? reply.code(404).send(NOT_FOUND);
    },
  );

  app.delete(
    '/api/v1/uploads/:id',
    { schema: { params: UploadIdParamsSchema, response: { 200: CancelReplySchema, ...refusals } } },
    async (request, reply) => {
      const user = await caller(request, reply);
      if (!user) return reply;
      const s = owned(request.params.id, user);
      if (!s) return reply.code(404).send(NOT_FOUND);
      return (await cleanup.cancel(s.id)) ?? { id: s.id };
    },
  );
}
