import { PersistentVolumeModel } from '../models';
import type { PersistentVolumeKind } from '../types';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

/** All PersistentVolumes, live. */
export const usePersistentVolumes = (): WatchListResult<PersistentVolumeKind> =>
  useWatchList<PersistentVolumeKind>(PersistentVolumeModel);
