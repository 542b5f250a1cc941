// CDI's filesystem overhead for a storage class, from CDIConfig status (what CDI itself uses).
import type { CDIConfigKind } from '../types/cdi-settings';

/** CDI's built-in global overhead. */
export const DEFAULT_FILESYSTEM_OVERHEAD = 0.055;

export const filesystemOverheadFor = (
  config: CDIConfigKind | undefined,
  storageClassName: string | undefined,
): number => {
  const overhead = config?.status?.filesystemOverhead;
  const text =
    (storageClassName ? overhead?.storageClass?.[storageClassName] : undefined) ?? overhead?.global;
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(value) && value >= 0 && value < 1 ? value : DEFAULT_FILESYSTEM_OVERHEAD;
};
