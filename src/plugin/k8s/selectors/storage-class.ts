// Pure getters for StorageClass objects.
import type { StorageClassKind } from '../types';
import { bindingModeOf, reclaimPolicyOf } from './api-enums';
import type { BindingMode, ReclaimPolicy } from './api-enums';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
export const DEFAULT_VIRT_CLASS_ANNOTATION = 'storageclass.kubevirt.io/is-default-virt-class';

/** The cluster default (the GA annotation, or the beta one older clusters still carry). */
export const isDefaultStorageClass = (sc: StorageClassKind): boolean => {
  const annotations = sc.metadata?.annotations ?? {};
  return (
    annotations[DEFAULT_CLASS_ANNOTATION] === 'true' ||
    annotations[BETA_DEFAULT_CLASS_ANNOTATION] === 'true'
  );
};

/** The class CDI prefers for virtual machine disks over the cluster default. */
export const isDefaultVirtStorageClass = (sc: StorageClassKind): boolean =>
  sc.metadata?.annotations?.[DEFAULT_VIRT_CLASS_ANNOTATION] === 'true';

/** Defaults from the API: `Immediate` binding, `Delete` reclaim. */
export const getBindingMode = (sc: StorageClassKind): BindingMode =>
  bindingModeOf(sc.volumeBindingMode) ?? 'Immediate';

export const getReclaimPolicy = (sc: StorageClassKind): ReclaimPolicy =>
  reclaimPolicyOf(sc.reclaimPolicy) ?? 'Delete';
