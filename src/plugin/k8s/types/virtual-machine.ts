import type { Condition, K8sResourceCommon } from './common';

export interface VirtualMachineVolume {
  name: string;
  dataVolume?: { name: string };
  persistentVolumeClaim?: { claimName: string };
}

export interface VirtualMachineKind extends K8sResourceCommon {
  spec?: {
    running?: boolean;
    runStrategy?: 'Always' | 'RerunOnFailure' | 'Manual' | 'Halted' | 'Once';
    template?: { spec?: { volumes?: VirtualMachineVolume[] } };
    dataVolumeTemplates?: { metadata?: { name?: string } }[];
  };
  status?: {
    printableStatus?: string;
    ready?: boolean;
    created?: boolean;
    conditions?: Condition[];
  };
}

export interface VirtualMachineInstanceKind extends K8sResourceCommon {
  status?: {
    phase?: string;
    nodeName?: string;
  };
}
