// The backend's uploads API through the console's plugin proxy (`authorization: UserToken`).
import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';

export const UPLOADS_API = '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads';
/** The tus endpoint; the trailing slash makes the relative upload URLs the backend returns resolve. */
export const TUS_ENDPOINT = `${UPLOADS_API}/tus/`;

export type BackendState =
  | 'receiving'
  | 'waiting-for-volume'
  | 'forwarding'
  | 'waiting-for-user'
  | 'verifying'
  | 'importing'
  | 'done'
  | 'failed'
  | 'cancelled';

export interface BackendUpload {
  id: string;
  owner: string;
  namespace: string;
  targetKind: 'new-dv' | 'new-pvc' | 'existing-dv';
  targetName: string;
  fileName: string;
  size: number;
  fingerprint: string;
  sha256?: string;
  verifiedSha256?: string;
  state: BackendState;
  received: number;
  forwarded: number;
  cdiAttempts: number;
  cdiPhase?: string;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

export const FINISHED_STATES: ReadonlySet<BackendState> = new Set(['done', 'failed', 'cancelled']);

export const listUploads = async (): Promise<BackendUpload[]> =>
  ((await consoleFetchJSON(UPLOADS_API)) as { items: BackendUpload[] }).items;

export const getUpload = async (id: string): Promise<BackendUpload> =>
  (await consoleFetchJSON(`${UPLOADS_API}/${id}`)) as BackendUpload;

/** The caller's staging quota (`GET /api/v1/uploads/quota`): bytes held by unfinished uploads and limits. */
export interface StagingQuotaView {
  user: string;
  namespace?: string;
  /** Free staging space plus what unfinished uploads staged, less the backend's reserve. */
  capacity: number;
  /** Room for new uploads on the staging volume. */
  room: number;
  userHeld: number;
  /** Half the capacity. */
  userLimit: number;
  namespaceHeld?: number;
  namespaceLimit?: number;
  /** The largest file the caller may start now. */
  available: number;
  reservationExpirySeconds: number;
}

export const getStagingQuota = async (namespace?: string): Promise<StagingQuotaView> =>
  (await consoleFetchJSON(
    `${UPLOADS_API}/quota${namespace ? `?namespace=${encodeURIComponent(namespace)}` : ''}`,
  )) as StagingQuotaView;

export const cancelUpload = async (id: string): Promise<void> => {
  await consoleFetchJSON.delete(`${UPLOADS_API}/${id}`);
};

/** The console's CSRF cookie, sent as `X-CSRFToken` on tus requests as consoleFetch does. */
export const csrfToken = (): string | undefined =>
  document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('csrf-token='))
    ?.slice('csrf-token='.length);

export const uploadIdOf = (url: string | null | undefined): string | undefined =>
  url ? url.replace(/\/+$/, '').split('/').pop() : undefined;
