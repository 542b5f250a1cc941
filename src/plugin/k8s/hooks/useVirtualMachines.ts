import { VirtualMachineModel } from '../models';
import type { VirtualMachineKind } from '../types';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

/** VirtualMachines of `namespace` (all namespaces for `#ALL_NS#` or none), live. */
export const useVirtualMachines = (namespace?: string): WatchListResult<VirtualMachineKind> =>
  useWatchList<VirtualMachineKind>(VirtualMachineModel, namespace);
