// Live lists for the HostPathProvisioner setup and status: the CRs (in a served version), machine config pools
// and configs, and the provisioner pods. Each keeps the SDK's `[data, loaded, error]`.
import {
  hostPathProvisionerModelFor,
  HPP_NAMESPACE,
  MachineConfigPoolModel,
  PodModel,
} from '../hpp-models';
import { MachineConfigModel } from '../models';
import type {
  HostPathProvisionerKind,
  MachineConfigKind,
  MachineConfigPoolKind,
  PodKind,
} from '../types/hpp-setup';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

export const useHostPathProvisioners = (
  version: string,
): WatchListResult<HostPathProvisionerKind> =>
  useWatchList<HostPathProvisionerKind>(hostPathProvisionerModelFor(version));

export const useMachineConfigPools = (): WatchListResult<MachineConfigPoolKind> =>
  useWatchList<MachineConfigPoolKind>(MachineConfigPoolModel);

export const useMachineConfigs = (): WatchListResult<MachineConfigKind> =>
  useWatchList<MachineConfigKind>(MachineConfigModel);

/** Pods of the namespace the provisioner DaemonSets run in. */
export const useProvisionerPods = (): WatchListResult<PodKind> =>
  useWatchList<PodKind>(PodModel, HPP_NAMESPACE);
