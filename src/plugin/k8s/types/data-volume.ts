import type { AccessMode, Condition, K8sResourceCommon, VolumeMode } from './common';

/** DataVolume phases of CDI (cdi.kubevirt.io/v1beta1). */
export type DataVolumePhase =
  | ''
  | 'Pending'
  | 'PVCBound'
  | 'ImportScheduled'
  | 'ImportInProgress'
  | 'CloneScheduled'
  | 'CloneInProgress'
  | 'SnapshotForSmartCloneInProgress'
  | 'CloneFromSnapshotSourceInProgress'
  | 'SmartClonePVCInProgress'
  | 'CSICloneInProgress'
  | 'ExpansionInProgress'
  | 'NamespaceTransferInProgress'
  | 'UploadScheduled'
  | 'UploadReady'
  | 'WaitForFirstConsumer'
  | 'PendingPopulation'
  | 'PrepClaimInProgress'
  | 'RebindInProgress'
  | 'Succeeded'
  | 'Failed'
  | 'Unknown'
  | 'Paused';

interface DataVolumeClaimSpec {
  accessModes?: AccessMode[];
  volumeMode?: VolumeMode;
  storageClassName?: string;
  resources?: { requests?: { storage?: string } };
  selector?: { matchLabels?: Record<string, string> };
}

export interface DataVolumeSource {
  blank?: Record<string, never>;
  upload?: Record<string, never>;
  http?: { url: string };
  registry?: { url?: string };
  pvc?: { namespace: string; name: string };
  snapshot?: { namespace: string; name: string };
}

export interface DataVolumeKind extends K8sResourceCommon {
  spec?: {
    source?: DataVolumeSource;
    pvc?: DataVolumeClaimSpec;
    storage?: DataVolumeClaimSpec;
    contentType?: 'kubevirt' | 'archive';
  };
  status?: {
    phase?: DataVolumePhase;
    /** `"45.12%"` or `"N/A"`. */
    progress?: string;
    claimName?: string;
    restartCount?: number;
    conditions?: Condition[];
  };
}
