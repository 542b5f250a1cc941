// Pure getters for DataVolume objects.
import type { DataVolumeKind } from '../types';

/** The phase; a DataVolume CDI has not reconciled yet has none, which the console shows as Pending. */
export const getDVPhase = (dv: DataVolumeKind): string => dv.status?.phase || 'Pending';

/** Progress in percent (0-100) from `"45.12%"`; `undefined` for `"N/A"`, absent or malformed values. */
export const getDVProgress = (dv: DataVolumeKind): number | undefined => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(dv.status?.progress ?? '');
  if (!match) return undefined;
  const value = Number(match[1]);
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : undefined;
};

export type DataVolumeSourceType =
  'blank' | 'upload' | 'http' | 'registry' | 'pvc' | 'snapshot' | 'other';

/** Which source the DataVolume imports from. */
export const getDVSourceType = (dv: DataVolumeKind): DataVolumeSourceType => {
  const source = dv.spec?.source ?? {};
  for (const type of ['blank', 'upload', 'http', 'registry', 'pvc', 'snapshot'] as const) {
    if (source[type] !== undefined) return type;
  }
  return 'other';
};

/** Requested size from `spec.storage` or `spec.pvc`. */
export const getDVSize = (dv: DataVolumeKind): string | undefined =>
  dv.spec?.storage?.resources?.requests?.storage ?? dv.spec?.pvc?.resources?.requests?.storage;

export const getDVStorageClass = (dv: DataVolumeKind): string | undefined =>
  dv.spec?.storage?.storageClassName ?? dv.spec?.pvc?.storageClassName;
