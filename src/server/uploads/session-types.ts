/**
 * One upload as the backend tracks it (persisted as JSON next to the staged bytes; never a token): what the
 * page sees (`UploadView`, src/lib/uploads-contract.ts) plus the backend's own bookkeeping, which the reply
 * serialiser drops.
 */
import type { UploadView } from '../../lib/uploads-contract';

export { ACTIVE_STATES, type UploadState, type UploadTargetKind } from '../../lib/upload-states';

export interface UploadSession extends UploadView {
  /**
   * Every byte so far arrived in a PATCH with a SHA-256 `Upload-Checksum` that matched: the bytes are verified
   * end to end already, and the last piece need not wait for the browser's whole-file SHA-256. Set at creation,
   * cleared by the first PATCH without one (sessions from older versions lack it and wait, as before).
   */
  everyChunkChecked?: boolean;
  /** Bytes the target lets the image have (CDI's usable space), when its size could be read at creation. */
  targetUsableBytes?: number;
  /** How that space was worked out, for the refusal message (e.g. `1Gi Filesystem DataVolume ns/name …`). */
  targetDescription?: string;
}
