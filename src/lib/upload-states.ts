/**
 * The states of an upload session, shared by the backend and the page without any schema code (the page
 * imports these values; `uploads-contract.ts` builds its schema from them).
 */

export const UPLOAD_STATES = [
  'receiving', // bytes arriving from the browser (tus); the CDI leg may already stream them on
  'waiting-for-volume', // the DataVolume / PVC is not UploadReady yet
  'forwarding', // streaming to the CDI upload proxy
  'waiting-for-user', // the CDI leg needs the owner's credentials again (e.g. after a backend restart)
  'verifying', // all bytes sent but the last piece, checksum being compared
  'importing', // CDI has the bytes and converts them
  'done',
  'failed',
  'cancelled',
] as const;

export type UploadState = (typeof UPLOAD_STATES)[number];

export const UPLOAD_TARGET_KINDS = ['new-dv', 'new-pvc', 'existing-dv'] as const;

export type UploadTargetKind = (typeof UPLOAD_TARGET_KINDS)[number];

export const isUploadTargetKind = (value: string): value is UploadTargetKind =>
  (UPLOAD_TARGET_KINDS as readonly string[]).includes(value);

/** The upload is still under way somewhere (browser, backend, CDI). */
export const ACTIVE_STATES: ReadonlySet<UploadState> = new Set<UploadState>([
  'receiving',
  'waiting-for-volume',
  'forwarding',
  'waiting-for-user',
  'verifying',
  'importing',
]);

export const FINISHED_STATES: ReadonlySet<UploadState> = new Set<UploadState>([
  'done',
  'failed',
  'cancelled',
]);
