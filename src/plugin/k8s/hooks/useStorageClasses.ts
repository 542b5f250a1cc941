import { StorageClassModel } from '../models';
import type { StorageClassKind } from '../types';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

/** All storage classes, live. */
export const useStorageClasses = (): WatchListResult<StorageClassKind> =>
  useWatchList<StorageClassKind>(StorageClassModel);
