import type { AccessMode, Condition, K8sResourceCommon, VolumeMode } from './common';

export type PersistentVolumeClaimPhase = 'Pending' | 'Bound' | 'Lost';

export interface PersistentVolumeClaimKind extends K8sResourceCommon {
  spec?: {
    accessModes?: AccessMode[];
    volumeMode?: VolumeMode;
    storageClassName?: string;
    volumeName?: string;
    resources?: { requests?: { storage?: string } };
    selector?: { matchLabels?: Record<string, string> };
  };
  status?: {
    phase?: PersistentVolumeClaimPhase;
    capacity?: { storage?: string };
    accessModes?: AccessMode[];
    conditions?: Condition[];
  };
}
