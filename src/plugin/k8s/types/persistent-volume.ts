import type { AccessMode, K8sResourceCommon, NodeSelectorTerm, VolumeMode } from './common';

export type PersistentVolumePhase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';

export interface PersistentVolumeKind extends K8sResourceCommon {
  spec?: {
    capacity?: { storage?: string };
    accessModes?: AccessMode[];
    volumeMode?: VolumeMode;
    storageClassName?: string;
    persistentVolumeReclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
    claimRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
    local?: { path: string; fsType?: string };
    hostPath?: { path: string; type?: string };
    csi?: { driver: string; volumeHandle: string; volumeAttributes?: Record<string, string> };
    nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } };
  };
  status?: {
    phase?: PersistentVolumePhase;
    reason?: string;
    message?: string;
  };
}
