// StorageClass from kubernetes-types (storage.k8s.io/v1).
import type { StorageClass } from 'kubernetes-types/storage/v1';

export type StorageClassKind = StorageClass;
