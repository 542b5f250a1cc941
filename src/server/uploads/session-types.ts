/** One upload as the backend tracks it (persisted as JSON next to the staged bytes; never a token). */

export type UploadTargetKind = 'new-dv' | 'new-pvc' | 'existing-dv';

export type UploadState =
  | 'receiving' // bytes arriving from the browser (tus); the CDI leg may already stream them on
  | 'waiting-for-volume' // the DataVolume / PVC is not UploadReady yet
  | 'forwarding' // streaming to the CDI upload proxy
  | 'waiting-for-user' // the CDI leg needs the owner's credentials again (e.g. after a backend restart)
  | 'verifying' // all bytes sent but the last piece, checksum being compared
  | 'importing' // CDI has the bytes and converts them
  | 'done'
  | 'failed'
  | 'cancelled';

export interface UploadSession {
  id: string;
  owner: string;
  namespace: string;
  targetKind: UploadTargetKind;
  /** DataVolume (new-dv, existing-dv) or PVC (new-pvc) name; the claim has the same name. */
  targetName: string;
  fileName: string;
  size: number;
  /** Fingerprint the browser derives from the file (name, size, SHA-256 of the first MiB; not mtime): same file = same value. */
  fingerprint: string;
  /** Hex SHA-256 of the whole file as a client handed it in (`PUT …/checksum`); the page sends none. */
  sha256?: string;
  /** Hex SHA-256 the backend computed of what it sent to CDI. */
  verifiedSha256?: string;
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
  state: UploadState;
  /** Bytes staged (the tus offset). */
  received: number;
  /**
   * Bytes the browser declared as zeros (tus extension `vm-disks-zero-ranges`) instead of sending them: staged
   * as holes, regenerated on the CDI leg.
   */
  zeroBytes?: number;
  /** Bytes of the current CDI attempt already sent. */
  forwarded: number;
  cdiAttempts: number;
  /**
   * Times the CDI leg's request ended while it had no byte to send (the browser paused or was slow): closed by
   * the upload proxy's idle timeout or by the backend before it. These do not count as attempts.
   */
  cdiIdleEnds?: number;
  /** DataVolume phase last seen (importing). */
  cdiPhase?: string;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

export const ACTIVE_STATES: ReadonlySet<UploadState> = new Set([
  'receiving',
  'waiting-for-volume',
  'forwarding',
  'waiting-for-user',
  'verifying',
  'importing',
]);
