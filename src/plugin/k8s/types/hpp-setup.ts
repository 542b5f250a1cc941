// Shapes of the kinds the HostPathProvisioner setup reads. Only the fields the plugin uses.
import type { Condition, K8sResourceCommon } from './common';

export interface HostPathProvisionerKind extends K8sResourceCommon {
  spec?: {
    imagePullPolicy?: string;
    pathConfig?: { path?: string; useNamingPrefix?: boolean | string };
    storagePools?: { name?: string; path?: string }[];
    workload?: { nodeSelector?: Record<string, string> };
    [key: string]: unknown;
  };
  status?: {
    conditions?: Condition[];
    observedVersion?: string;
    storagePoolStatuses?: {
      name?: string;
      phase?: string;
      desiredReady?: number;
      currentReady?: number;
    }[];
  };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface MachineConfigPoolKind extends K8sResourceCommon {
  spec?: {
    machineConfigSelector?: LabelSelector;
    nodeSelector?: LabelSelector;
    paused?: boolean;
    configuration?: { name?: string; source?: { name?: string }[] };
  };
  status?: {
    conditions?: Condition[];
    machineCount?: number;
    updatedMachineCount?: number;
    readyMachineCount?: number;
    unavailableMachineCount?: number;
    degradedMachineCount?: number;
    configuration?: { name?: string; source?: { name?: string }[] };
  };
}

export interface MachineConfigKind extends K8sResourceCommon {
  spec?: {
    config?: {
      ignition?: { version?: string };
      systemd?: { units?: { name?: string; enabled?: boolean; contents?: string }[] };
    };
  };
}

export interface PodKind extends K8sResourceCommon {
  spec?: { nodeName?: string };
  status?: { phase?: string; conditions?: Condition[] };
}

export interface EventKind extends K8sResourceCommon {
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  lastTimestamp?: string;
}
