// The objects that hold CDI and storage-default settings. ConfigMap from kubernetes-types. StorageProfile and
// HyperConverged are in no package, so they are written here after their upstream Go types, with the fields the
// plugin reads. CDI and CDIConfig are still hand-written: @kubevirt-ui-ext/kubevirt-api has them (V1beta1CDI,
// V1beta1CDIConfig), but src/lib/scratch-space.ts `CdiLike` and the direct-edit check take their `spec` as an
// open record, which the generated interfaces (no index signature) do not fit yet.
import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { Condition, K8sResourceCommon } from './common';

export type ConfigMapKind = ConfigMap;

/** kubevirt/containerized-data-importer .../core/v1beta1/types.go `CDIConfig`. */
export interface CDIConfigKind extends K8sResourceCommon {
  spec?: { scratchSpaceStorageClass?: string; [key: string]: unknown };
  status?: {
    scratchSpaceStorageClass?: string;
    uploadProxyURL?: string;
    filesystemOverhead?: { global?: string; storageClass?: Record<string, string> };
  };
}

/** Same file, `CDI` (`spec.config` is a `CDIConfigSpec`). */
export interface CDIKind extends K8sResourceCommon {
  spec?: { config?: { scratchSpaceStorageClass?: string; [key: string]: unknown } };
  status?: { phase?: string; observedVersion?: string; operatorVersion?: string };
}

/**
 * kubevirt/containerized-data-importer staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/
 * v1beta1/types.go `ClaimPropertySet`. Both fields are serialised without `omitempty`, so CDI sends `null` for
 * an unset one; typed optional here as src/lib's readers take it, which read both with `??`.
 */
export interface ClaimPropertySet {
  accessModes?: string[];
  volumeMode?: string;
}

/** Same file, `StorageProfile` (cluster-scoped, one per StorageClass, same name). */
export interface StorageProfileKind extends K8sResourceCommon {
  spec?: {
    cloneStrategy?: string;
    claimPropertySets?: ClaimPropertySet[];
    dataImportCronSourceFormat?: string;
    snapshotClass?: string;
  };
  status?: {
    storageClass?: string;
    provisioner?: string;
    cloneStrategy?: string;
    claimPropertySets?: ClaimPropertySet[];
    dataImportCronSourceFormat?: string;
    snapshotClass?: string;
    conditions?: Condition[];
  };
}

/**
 * kubevirt/hyperconverged-cluster-operator, both served versions in one shape (the plugin watches whichever the
 * cluster serves, `hyperConvergedModelFor`): api/v1beta1/hyperconverged_types.go has `spec.scratchSpaceStorageClass`
 * and the deprecated `spec.localStorageClassName`; api/v1/hyperconverged_types.go moved the scratch class to
 * `spec.storage.scratchSpaceStorageClass` (`StorageConfig`) and has no local storage class (its conversion drops
 * it). `status.versions` entries have `omitempty` name and version in both.
 */
export interface HyperConvergedKind extends K8sResourceCommon {
  spec?: {
    /** v1beta1 only. */
    scratchSpaceStorageClass?: string;
    /** v1beta1 only (deprecated there). */
    localStorageClassName?: string;
    /** v1 only. */
    storage?: { scratchSpaceStorageClass?: string; vmStateStorageClass?: string };
  };
  status?: {
    conditions?: Condition[];
    versions?: { name?: string; version?: string }[];
  };
}
