import { DataVolumeModel } from '../models';
import type { DataVolumeKind } from '../types';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

/** DataVolumes (cdi.kubevirt.io/v1beta1) of `namespace` (all namespaces for `#ALL_NS#` or none), live. */
export const useDataVolumes = (namespace?: string): WatchListResult<DataVolumeKind> =>
  useWatchList<DataVolumeKind>(DataVolumeModel, namespace);
