// The objects that hold CDI and storage-default settings: the storage defaults ConfigMap, StorageProfile,
// CDIConfig, the CDI resource and HyperConverged. Only the fields the plugin reads.
import type { K8sResourceCommon } from './common';

export interface ConfigMapKind extends K8sResourceCommon {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface ClaimPropertySet {
  accessModes?: string[];
  volumeMode?: string;
}

export interface StorageProfileKind extends K8sResourceCommon {
  spec?: {
    claimPropertySets?: ClaimPropertySet[];
    cloneStrategy?: string;
  };
  status?: {
    storageClass?: string;
    provisioner?: string;
    claimPropertySets?: ClaimPropertySet[];
    cloneStrategy?: string;
  };
}

export interface CDIConfigKind extends K8sResourceCommon {
  spec?: { scratchSpaceStorageClass?: string; [key: string]: unknown };
  status?: {
    scratchSpaceStorageClass?: string;
    uploadProxyURL?: string;
    filesystemOverhead?: { global?: string; storageClass?: Record<string, string> };
  };
}

export interface CDIKind extends K8sResourceCommon {
  spec?: { config?: { scratchSpaceStorageClass?: string; [key: string]: unknown } };
  status?: { phase?: string; observedVersion?: string; operatorVersion?: string };
}

export interface HyperConvergedKind extends K8sResourceCommon {
  spec?: {
    scratchSpaceStorageClass?: string;
    localStorageClassName?: string;
    storage?: { scratchSpaceStorageClass?: string };
  };
  status?: { versions?: { name: string; version: string }[] };
}
