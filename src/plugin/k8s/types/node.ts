import type { Condition, K8sResourceCommon } from './common';

export interface NodeKind extends K8sResourceCommon {
  spec?: {
    unschedulable?: boolean;
    taints?: { key: string; value?: string; effect: string }[];
  };
  status?: {
    conditions?: Condition[];
    nodeInfo?: {
      osImage?: string;
      kernelVersion?: string;
      kubeletVersion?: string;
      architecture?: string;
      operatingSystem?: string;
    };
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
  };
}
