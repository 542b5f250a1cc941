import { PersistentVolumeClaimModel } from '../models';
import type { PersistentVolumeClaimKind } from '../types';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

/** PersistentVolumeClaims of `namespace` (all namespaces for `#ALL_NS#` or none), live. */
export const usePersistentVolumeClaims = (
  namespace?: string,
): WatchListResult<PersistentVolumeClaimKind> =>
  useWatchList<PersistentVolumeClaimKind>(PersistentVolumeClaimModel, namespace);
