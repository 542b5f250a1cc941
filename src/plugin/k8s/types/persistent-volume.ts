// PersistentVolume from kubernetes-types (core/v1).
import type { PersistentVolume } from 'kubernetes-types/core/v1';

export type PersistentVolumeKind = PersistentVolume;
