// The kinds the HostPathProvisioner setup reads. Pod and Event from kubernetes-types; HostPathProvisioner and the
// machine-config kinds are in no package, so they are written here after their upstream Go types.
import type { Affinity, Event, ObjectReference, Pod, Toleration } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Condition, K8sResourceCommon } from './common';

export type PodKind = Pod;
export type EventKind = Event;
export type { LabelSelector };

/** `workload` of both versions (`NodePlacement`). */
interface HppNodePlacement {
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  [key: string]: unknown;
}

/**
 * kubevirt/hostpath-provisioner-operator pkg/apis/hostpathprovisioner/v1beta1/types.go (today's operator, CSI
 * driver with storage pools) and, for the seed's era, pkg/apis/hostpathprovisioner/v1alpha1/
 * hostpathprovisioner_types.go (legacy provisioner: `pathConfig` only, `useNamingPrefix` a string "true"/"false";
 * it became a bool in v1beta1).
 */
export interface HostPathProvisionerKind extends K8sResourceCommon {
  spec?: {
    imagePullPolicy?: string;
    pathConfig?: { path?: string; useNamingPrefix?: boolean | string };
    /** v1beta1 only. */
    storagePools?: {
      name: string;
      path: string;
      pvcTemplate?: Record<string, unknown>;
      snapshotProvider?: string;
      overlayClassName?: string;
    }[];
    workload?: HppNodePlacement;
    /** v1beta1 only. */
    featureGates?: string[];
    /** Fields of newer operators, kept when the wizard merges its spec into an existing CR. */
    [key: string]: unknown;
  };
  status?: {
    conditions?: Condition[];
    operatorVersion?: string;
    targetVersion?: string;
    observedVersion?: string;
    /** v1beta1 only. */
    storagePoolStatuses?: {
      name: string;
      phase: string;
      desiredReady?: number;
      currentReady?: number;
    }[];
  };
}

/** openshift/api machineconfiguration/v1/types.go `MachineConfigPoolStatusConfiguration`. */
interface PoolConfiguration {
  name?: string;
  source?: ObjectReference[];
}

/** openshift/api machineconfiguration/v1/types.go `MachineConfigPool`, the fields the plugin reads. */
export interface MachineConfigPoolKind extends K8sResourceCommon {
  spec?: {
    machineConfigSelector?: LabelSelector;
    nodeSelector?: LabelSelector;
    paused?: boolean;
    configuration?: PoolConfiguration;
  };
  status?: {
    conditions?: Condition[];
    machineCount?: number;
    updatedMachineCount?: number;
    readyMachineCount?: number;
    unavailableMachineCount?: number;
    degradedMachineCount?: number;
    configuration?: PoolConfiguration;
  };
}

/**
 * openshift/api machineconfiguration/v1/types.go `MachineConfig`. `spec.config` is an Ignition config (a
 * `runtime.RawExtension` there); typed here are the parts the plugin reads and writes.
 */
export interface MachineConfigKind extends K8sResourceCommon {
  spec?: {
    config?: {
      ignition?: { version?: string };
      systemd?: { units?: { name?: string; enabled?: boolean; contents?: string }[] };
    };
  };
}
