// The backend's uploads API through the console's plugin proxy (`authorization: UserToken`). Its JSON shapes
// are the shared contract's types (src/lib/uploads-contract.ts, type-only: no schema code in the bundle).
import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import type {
  CancelReply,
  StagingQuotaView,
  UploadList,
  UploadView,
} from '../../../lib/uploads-contract';

export type { StagingQuotaView, UploadView } from '../../../lib/uploads-contract';

export const UPLOADS_API = '/api/proxy/plugin/vm-disks-plugin/backend/api/v1/uploads';
/** The tus endpoint; the trailing slash makes the relative upload URLs the backend returns resolve. */
export const TUS_ENDPOINT = `${UPLOADS_API}/tus/`;

export const listUploads = async (): Promise<UploadView[]> =>
  ((await consoleFetchJSON(UPLOADS_API)) as UploadList).items;

export const getUpload = async (id: string): Promise<UploadView> =>
  (await consoleFetchJSON(`${UPLOADS_API}/${id}`)) as UploadView;

/** The caller's staging quota (`GET /api/v1/uploads/quota`): bytes held by unfinished uploads and limits. */
export const getStagingQuota = async (namespace?: string): Promise<StagingQuotaView> =>
  (await consoleFetchJSON(
    `${UPLOADS_API}/quota${namespace ? `?namespace=${encodeURIComponent(namespace)}` : ''}`,
  )) as StagingQuotaView;

export const cancelUpload = async (id: string): Promise<CancelReply> =>
  (await consoleFetchJSON.delete(`${UPLOADS_API}/${id}`)) as CancelReply;

/** The console's CSRF cookie, sent as `X-CSRFToken` on tus requests as consoleFetch does. */
export const csrfToken = (): string | undefined =>
  document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('csrf-token='))
    ?.slice('csrf-token='.length);

export const uploadIdOf = (url: string | null | undefined): string | undefined =>
  url ? url.replace(/\/+$/, '').split('/').pop() : undefined;
