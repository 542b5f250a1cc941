// The page's uploads: one entry per selected file, kept outside React (a module store) so that transfers
// continue while components re-render; components read it with `useUploadItems`. It holds only what the page
// alone knows (the file, its phase, the progress of sending); the backend's view of an upload is in the query
// cache (upload-queries.ts).
import { useSyncExternalStore } from 'react';
import type { Inspected } from './image-worker-client';
import type { TargetValues } from './manifests';

export type ItemPhase =
  | 'inspecting'
  | 'ready' // inspected; the target form is open
  | 'creating' // creating the DataVolume / PVC
  | 'uploading'
  | 'paused'
  | 'processing' // all bytes staged; the backend forwards, verifies, CDI imports (upload-queries' detail)
  | 'done'
  | 'failed'
  | 'cancelled';

export interface UploadItem {
  key: string;
  file: File;
  phase: ItemPhase;
  inspected?: Inspected;
  /** The file's first bytes read as text (lib/text-content): a raw upload needs confirmation. */
  looksLikeText?: boolean;
  fingerprint?: string;
  values?: TargetValues;
  /** Resume of an upload the backend already has (same file selected again). */
  resumeId?: string;
  sessionId?: string;
  sent: number;
  rate: number;
  eta: number | null;
  /** Bytes this page declared as zeros instead of sending (tus extension vm-disks-zero-ranges). */
  zeroBytes?: number;
  error?: string;
}

let items: UploadItem[] = [];
const listeners = new Set<() => void>();

const emit = () => {
  for (const l of listeners) l();
};

export const uploadStore = {
  get: (): UploadItem[] => items,
  find: (key: string): UploadItem | undefined => items.find((i) => i.key === key),
  add(item: UploadItem): void {
    items = [...items, item];
    emit();
  },
  update(key: string, change: Partial<UploadItem>): void {
    items = items.map((i) => (i.key === key ? { ...i, ...change } : i));
    emit();
  },
  remove(key: string): void {
    items = items.filter((i) => i.key !== key);
    emit();
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

export const useUploadItems = (): UploadItem[] =>
  useSyncExternalStore(uploadStore.subscribe, uploadStore.get, uploadStore.get);
