// The backend's view of uploads lives in the query cache only: one key factory, the hooks that read it
// (`[data, loaded, error]` as the SDK's hooks) and the mutations that change it. The module store
// (upload-store.ts) keeps what only this page knows: the file, its phase and the progress of sending.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FINISHED_STATES } from '../../../lib/upload-states';
import { followIntervalMs } from './follow-interval';
import {
  cancelUpload,
  getStagingQuota,
  getUpload,
  listUploads,
  type StagingQuotaView,
  type UploadView,
} from './backend-api';

export const uploadKeys = {
  all: ['vm-disks', 'uploads'] as const,
  list: () => [...uploadKeys.all, 'list'] as const,
  detail: (id: string) => [...uploadKeys.all, 'detail', id] as const,
  quota: (namespace = '') => [...uploadKeys.all, 'quota', namespace] as const,
};

const LIST_REFETCH_MS = 3000;
const QUOTA_REFETCH_MS = 5000;

type Loaded<T> = [data: T | undefined, loaded: boolean, error: Error | null];

/** The caller's uploads, read every 3 s (another tab, a reload, the backend finishing one). */
export const useUploadList = (): Loaded<UploadView[]> => {
  const q = useQuery({
    queryKey: uploadKeys.list(),
    queryFn: listUploads,
    refetchInterval: LIST_REFETCH_MS,
  });
  return [q.data, !q.isPending, q.error];
};

/** One upload, read while the backend is still at it (soon after the last byte, then backing off); none without an id. */
export const useUploadDetail = (id: string | undefined): Loaded<UploadView> => {
  const q = useQuery({
    queryKey: uploadKeys.detail(id ?? ''),
    queryFn: () => getUpload(id ?? ''),
    enabled: id !== undefined,
    refetchInterval: (query) =>
      query.state.data && FINISHED_STATES.has(query.state.data.state)
        ? false
        : followIntervalMs(query.state.dataUpdateCount),
  });
  return [q.data, !q.isPending, q.error];
};

export const useStagingQuota = (namespace?: string): Loaded<StagingQuotaView> => {
  const q = useQuery({
    queryKey: uploadKeys.quota(namespace),
    queryFn: () => getStagingQuota(namespace),
    refetchInterval: QUOTA_REFETCH_MS,
  });
  return [q.data, !q.isPending, q.error];
};

/** Cancel an upload (its staged bytes go); every uploads query is read again afterwards. */
export const useCancelUpload = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upload: Pick<UploadView, 'id' | 'fileName'>) => cancelUpload(upload.id),
    onSettled: () => client.invalidateQueries({ queryKey: uploadKeys.all }),
  });
};
