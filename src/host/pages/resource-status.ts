// A one-word status for list rows: phase, VM printable status, or Ready condition.
import type { K8sResourceCommon } from '../sdk/k8s-types';

interface WithStatus extends K8sResourceCommon {
  status?: {
    phase?: string;
    printableStatus?: string;
    conditions?: { type: string; status: string }[];
  };
}

export const resourceStatus = (obj: K8sResourceCommon): string => {
  const status = (obj as WithStatus).status;
  if (!status) return '-';
  if (status.printableStatus) return status.printableStatus;
  if (status.phase) return status.phase;
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  if (ready) return ready.status === 'True' ? 'Ready' : 'Not ready';
  return '-';
};
