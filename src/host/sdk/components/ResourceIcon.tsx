import type { FC } from 'react';
import type { K8sGroupVersionKind } from '../k8s-types';
import { useOptionalK8sModel } from '../use-k8s-model';

export interface ResourceIconProps {
  className?: string;
  kind?: string;
  groupVersionKind?: K8sGroupVersionKind;
}

/** The console's small kind badge (abbreviation of the kind). */
export const ResourceIcon: FC<ResourceIconProps> = ({ className, kind, groupVersionKind }) => {
  const [model] = useOptionalK8sModel(groupVersionKind ?? kind);
  const fallbackKind = groupVersionKind?.kind ?? kind?.split('~').pop() ?? '';
  const abbr = model?.abbr || fallbackKind.replace(/[^A-Z]/g, '').slice(0, 3);
  return (
    <span
      className={['vm-disks-host__resource-icon', className].filter(Boolean).join(' ')}
      title={model?.label || fallbackKind}
    >
      {abbr}
    </span>
  );
};
