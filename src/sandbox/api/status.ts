import type { ApiErrorFactory, KindRef } from '../contract';

/** A Kubernetes `metav1.Status` failure body. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason: string; message: string; field?: string }[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** An error carrying the HTTP status code and the `Status` the API server answers with. */
export class ApiError extends Error {
  readonly code: number;
  readonly status: StatusBody;

  constructor(code: number, reason: string, message: string, details?: StatusBody['details']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    };
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** Lower-case plural used in messages (`persistentvolumeclaims`, `storageclasses.storage.k8s.io`). */
export type ResourceNamer = (ref: KindRef) => { plural: string; kind: string };

/** `Kind.group` as the API server prints it in "is invalid" messages (core kinds have no group). */
const qualifiedKind = (ref: KindRef): string =>
  ref.group === '' ? ref.kind : `${ref.kind}.${ref.group}`;

/** `plural.group` as printed in not-found / already-exists / conflict messages. */
const qualifiedResource = (plural: string, group: string): string =>
  group === '' ? plural : `${plural}.${group}`;

const causeReason = (message: string): string => {
  if (message.startsWith('Invalid value')) return 'FieldValueInvalid';
  if (message.startsWith('Required value')) return 'FieldValueRequired';
  if (message.startsWith('Forbidden')) return 'FieldValueForbidden';
  if (message.startsWith('Unsupported value')) return 'FieldValueNotSupported';
  if (message.startsWith('Duplicate value')) return 'FieldValueDuplicate';
  if (message.startsWith('Too long')) return 'FieldValueTooLong';
  if (message.startsWith('Too many')) return 'FieldValueTooMany';
  if (message.startsWith('Not found')) return 'FieldValueNotFound';
  return 'FieldValueInvalid';
};

export const notFoundError = (plural: string, group: string, name: string): ApiError =>
  new ApiError(404, 'NotFound', `${qualifiedResource(plural, group)} "${name}" not found`, {
    name,
    group,
    kind: plural,
  });

export const alreadyExistsError = (plural: string, group: string, name: string): ApiError =>
  new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(plural, group)} "${name}" already exists`,
    {
      name,
      group,
      kind: plural,
    },
  );

export const staleConflictError = (plural: string, group: string, name: string): ApiError =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(plural, group)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group, kind: plural },
  );

export const invalidError = (
  ref: KindRef,
  name: string,
  causes: { field: string; message: string }[],
): ApiError => {
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind(ref)} "${name}" is invalid: ${joined}`, {
    name,
    group: ref.group,
    kind: ref.kind,
    causes: causes.map((c) => ({
      reason: causeReason(c.message),
      message: c.message,
      field: c.field,
    })),
  });
};

/**
 * A read at a resourceVersion the server has not reached within its wait (3 s): 504 Timeout with
 * cause ResourceVersionTooLarge (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/storage/errors.go
 * `NewTooLargeResourceVersionError`, retry after 1 s as pkg/storage/cacher sets it).
 */
export const tooLargeResourceVersionError = (wanted: number, current: number): ApiError =>
  new ApiError(
    504,
    'Timeout',
    `Timeout: Too large resource version: ${String(wanted)}, current: ${String(current)}`,
    {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    },
  );

/** The factory handed to the world through the context. */
export const makeErrorFactory = (
  pluralOf: ResourceNamer,
): ApiErrorFactory & {
  webhookDenied: (webhook: string, message: string, code: number, opts?: WebhookDenial) => ApiError;
} => ({
  badRequest: (message) => new ApiError(400, 'BadRequest', message),
  forbidden: (message) => new ApiError(403, 'Forbidden', message),
  notFound: (ref, name) => notFoundError(pluralOf(ref).plural, ref.group, name),
  conflict: (message) => new ApiError(409, 'Conflict', message),
  invalid: (ref, name, causes) => invalidError(ref, name, causes),
  internal: (message) =>
    new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
      causes: [{ reason: '', message, field: '' }],
    }),
  tooManyRequests: (message) =>
    new ApiError(429, 'TooManyRequests', message, { retryAfterSeconds: 1 }),
  webhookDenied: (webhook, message, code, opts) => webhookDeniedError(webhook, message, code, opts),
});

/** What a validating webhook answers when it refuses: its Status' code, reason and causes. */
export interface WebhookDenial {
  reason?: string;
  causes?: { reason: string; message: string; field: string }[];
}

/**
 * A validating webhook's refusal as the API server relays it (kubernetes/kubernetes
 * staging/src/k8s.io/apiserver/pkg/admission/plugin/webhook/errors/statuserror.go `ToStatusErr`):
 * the webhook's own Status (code, reason, causes) with the message prefixed by
 * `admission webhook "<name>" denied the request: `; codes below 400 become 400.
 */
const webhookDeniedError = (
  webhook: string,
  message: string,
  code: number,
  opts: WebhookDenial = {},
): ApiError => {
  const prefix = `admission webhook "${webhook}" denied the request`;
  const text =
    message !== ''
      ? `${prefix}: ${message}`
      : opts.reason
        ? `${prefix}: ${opts.reason}`
        : `${prefix} without explanation`;
  return new ApiError(
    code < 400 ? 400 : code,
    opts.reason ?? '',
    text,
    opts.causes ? { causes: opts.causes } : undefined,
  );
};
