// Pure getters for PersistentVolumeClaim objects.
import type { PersistentVolumeClaimKind } from '../types';
import { volumeModeOf } from './api-enums';

/** `Pending` until the claim reports a phase. */
export const getPVCPhase = (pvc: PersistentVolumeClaimKind): string =>
  pvc.status?.phase ?? 'Pending';

/** `Filesystem` unless the claim asks for `Block` (the API default). */
export const getPVCVolumeMode = (pvc: PersistentVolumeClaimKind): 'Filesystem' | 'Block' =>
  volumeModeOf(pvc.spec?.volumeMode) ?? 'Filesystem';

/** The bound size when bound, else the requested size. */
export const getPVCSize = (pvc: PersistentVolumeClaimKind): string | undefined =>
  pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage;
