import { VirtualMachineInstanceModel } from '../models';
import type { VirtualMachineInstanceKind } from '../types';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

/** VirtualMachineInstances of `namespace` (all namespaces for `#ALL_NS#` or none), live. */
export const useVirtualMachineInstances = (
  namespace?: string,
): WatchListResult<VirtualMachineInstanceKind> =>
  useWatchList<VirtualMachineInstanceKind>(VirtualMachineInstanceModel, namespace);
