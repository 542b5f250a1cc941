// The generated types (kubernetes-types, @kubevirt-ui-ext/kubevirt-api) carry the API's enum fields as plain
// strings. These narrow them to the values kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go and
// storage/v1/types.go define, `undefined` for anything else, so the callers pick the API default themselves.
import type { VolumeMode } from '../types';

/**
 * `Filesystem` or `Block`; anything else (absent, or CDI's `FromStorageProfile` on a DataVolume, which CDI
 * replaces with the StorageProfile's mode: kubevirt/containerized-data-importer pkg/controller/datavolume/util.go
 * `RenderPvc`) is `undefined`.
 */
export const volumeModeOf = (value: string | undefined): VolumeMode | undefined =>
  value === 'Filesystem' || value === 'Block' ? value : undefined;

export type BindingMode = 'Immediate' | 'WaitForFirstConsumer';

export const bindingModeOf = (value: string | undefined): BindingMode | undefined =>
  value === 'Immediate' || value === 'WaitForFirstConsumer' ? value : undefined;

export type ReclaimPolicy = 'Delete' | 'Retain' | 'Recycle';

export const reclaimPolicyOf = (value: string | undefined): ReclaimPolicy | undefined =>
  value === 'Delete' || value === 'Retain' || value === 'Recycle' ? value : undefined;

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export const conditionStatusOf = (value: string | undefined): ConditionStatus | undefined =>
  value === 'True' || value === 'False' || value === 'Unknown' ? value : undefined;
