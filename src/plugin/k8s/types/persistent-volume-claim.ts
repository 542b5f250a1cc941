// PersistentVolumeClaim from kubernetes-types (core/v1).
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';

export type PersistentVolumeClaimKind = PersistentVolumeClaim;
