// Shapes shared by several kinds, from the generated packages (kubernetes-types, build-time only).
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import type { Condition as MetaCondition } from 'kubernetes-types/meta/v1';
import type {
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PersistentVolumeClaim,
} from 'kubernetes-types/core/v1';

export type { K8sResourceCommon, NodeSelectorRequirement, NodeSelectorTerm };

/**
 * What every kind's conditions have in common: `type` and `status` ("True", "False" or "Unknown"), the rest
 * optional. Each kind's own condition type (NodeCondition, the DataVolume's, the HostPathProvisioner's) fits it;
 * `metav1.Condition` makes reason and message required, which the older condition types do not fill.
 */
export type Condition = Pick<MetaCondition, 'type' | 'status'> &
  Partial<Pick<MetaCondition, 'reason' | 'message' | 'lastTransitionTime'>>;

/**
 * Access and volume modes of core/v1 (kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go
 * `PersistentVolumeAccessMode`, `PersistentVolumeMode`). The generated types carry them as `string`; these are
 * the values the API accepts.
 */
export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';
export type VolumeMode = 'Filesystem' | 'Block';

/** The claim part PVCs and DataVolumes share (`spec.storage` / `spec.pvc` of a DataVolume are of this shape). */
export type ClaimSpec = NonNullable<PersistentVolumeClaim['spec']>;

/**
 * A generated kind as the plugin reads it: `spec` optional. The generated types mark `spec` required (the API
 * server stores none without it), but the console SDK's watch of one object answers `{}` until it has loaded,
 * so readers must cope with its absence; everything below `spec` keeps the generated strictness.
 */
export type Watched<T extends { spec?: unknown }> = Omit<T, 'spec'> & { spec?: T['spec'] };
