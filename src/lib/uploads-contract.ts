/**
 * The uploads API's JSON contract (`/api/v1/uploads…`), defined once with TypeBox: the backend validates
 * params, querystrings and bodies and serialises its replies with these schemas (Fastify compiles them with
 * its own Ajv and fast-json-stringify; a reply field not in a schema is never sent), and the page imports the
 * `Static` types only (`import type`), so its bundle carries no schema code.
 *
 * The tus endpoints (`/api/v1/uploads/tus/…`) are not here: tus 1.0 defines them by headers.
 */
import { Type, type Static } from 'typebox';
import { UPLOAD_STATES, UPLOAD_TARGET_KINDS } from './upload-states';

const Bytes = Type.Integer({ minimum: 0 });
const Sha256Hex = Type.String({ pattern: '^[a-f0-9]{64}$' });

/**
 * One upload as the page sees it. The backend's session (`src/server/uploads/session-types.ts`) has more:
 * the target's usable space and its description (for refusal messages), the per-chunk checksum flag; the
 * serialiser drops them.
 */
export const UploadViewSchema = Type.Object({
  id: Type.String(),
  /** The user (as the API server names them) whose token created the upload: always the caller. */
  owner: Type.String(),
  namespace: Type.String(),
  targetKind: Type.Enum(UPLOAD_TARGET_KINDS),
  /** DataVolume (new-dv, existing-dv) or PVC (new-pvc) name; the claim has the same name. */
  targetName: Type.String(),
  fileName: Type.String(),
  size: Bytes,
  /** Fingerprint the browser derives from the file (name, size, SHA-256 of the first MiB). */
  fingerprint: Type.String(),
  /** Hex SHA-256 of the whole file as a client handed it in (`PUT …/checksum`); the page sends none. */
  sha256: Type.Optional(Type.String()),
  /** Hex SHA-256 the backend computed of what it sent to CDI. */
  verifiedSha256: Type.Optional(Type.String()),
  state: Type.Enum(UPLOAD_STATES),
  /** Bytes staged on the backend (the tus offset), zero ranges included. */
  received: Bytes,
  /** Bytes the browser declared as zeros (tus extension `vm-disks-zero-ranges`) instead of sending them. */
  zeroBytes: Type.Optional(Bytes),
  /** Bytes of the current CDI attempt already sent to the upload proxy. */
  forwarded: Bytes,
  cdiAttempts: Type.Integer({ minimum: 0 }),
  /** CDI requests that ended while there was no byte to send (not attempts). */
  cdiIdleEnds: Type.Optional(Type.Integer({ minimum: 0 })),
  /** DataVolume phase last seen (importing). */
  cdiPhase: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type UploadView = Static<typeof UploadViewSchema>;

export const UploadListSchema = Type.Object({ items: Type.Array(UploadViewSchema) });
export type UploadList = Static<typeof UploadListSchema>;

/** The caller's staging quota (`GET /api/v1/uploads/quota`). */
export const StagingQuotaViewSchema = Type.Object({
  user: Type.String(),
  namespace: Type.Optional(Type.String()),
  /** Free staging space plus what unfinished uploads staged, less the backend's reserve. */
  capacity: Bytes,
  /** Room for new uploads on the staging volume. */
  room: Bytes,
  userHeld: Bytes,
  /** Half the capacity. */
  userLimit: Bytes,
  namespaceHeld: Type.Optional(Bytes),
  namespaceLimit: Type.Optional(Bytes),
  /** The largest file the caller may start now. */
  available: Bytes,
  reservationExpirySeconds: Type.Integer({ minimum: 0 }),
});
export type StagingQuotaView = Static<typeof StagingQuotaViewSchema>;

export const QuotaQuerySchema = Type.Object({ namespace: Type.Optional(Type.String()) });

export const UploadIdParamsSchema = Type.Object({ id: Type.String() });

/** `PUT /api/v1/uploads/<id>/checksum`: the browser's SHA-256 of the whole file. */
export const ChecksumBodySchema = Type.Object({ sha256: Sha256Hex });
export type ChecksumBody = Static<typeof ChecksumBodySchema>;

/** `DELETE /api/v1/uploads/<id>`: the cancelled upload, or only its id when it had finished and is gone. */
export const CancelReplySchema = Type.Union([UploadViewSchema, Type.Object({ id: Type.String() })]);
export type CancelReply = Static<typeof CancelReplySchema>;

/** Every refusal of the JSON routes: one sentence naming what is wrong and, where there is one, the fix. */
export const ErrorBodySchema = Type.Object({ error: Type.String() });
export type ErrorBody = Static<typeof ErrorBodySchema>;

/** Per field, the sentence a refusal by the schema gives (Ajv's own message otherwise, with the field). */
export const FIELD_PROBLEMS: Readonly<Record<string, string>> = {
  'body/sha256': 'sha256 must be 64 lower-case hex digits',
};
