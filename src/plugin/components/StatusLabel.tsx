// A phase or state as a PatternFly Label coloured by what it means (Bound, Succeeded, ImportInProgress...).
import type { ComponentType, FC } from 'react';
import { Label } from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon';
import ExclamationTriangleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon';
import HourglassHalfIcon from '@patternfly/react-icons/dist/esm/icons/hourglass-half-icon';
import InProgressIcon from '@patternfly/react-icons/dist/esm/icons/in-progress-icon';
import { statusKindOf } from '../k8s/selectors/phase';
import type { StatusKind } from '../k8s/selectors/phase';

const PRESENTATION: Record<
  StatusKind,
  {
    status?: 'success' | 'warning' | 'danger' | 'info';
    color?: 'grey' | 'blue';
    icon?: ComponentType;
  }
> = {
  success: { status: 'success', icon: CheckCircleIcon },
  danger: { status: 'danger', icon: ExclamationCircleIcon },
  warning: { status: 'warning', icon: ExclamationTriangleIcon },
  progress: { color: 'blue', icon: InProgressIcon },
  pending: { color: 'grey', icon: HourglassHalfIcon },
  neutral: { color: 'grey' },
};

export interface StatusLabelProps {
  /** The phase as the API reports it; shown verbatim (phases are API values, not translated). */
  phase: string;
  /** Text after the phase, e.g. a progress percentage. */
  suffix?: string;
}

export const StatusLabel: FC<StatusLabelProps> = ({ phase, suffix }) => {
  const kind = statusKindOf(phase);
  const { status, color, icon: Icon } = PRESENTATION[kind];
  return (
    <Label
      isCompact
      status={status}
      color={status ? undefined : color}
      icon={Icon ? <Icon /> : undefined}
      data-status={kind}
      data-test="status-label"
    >
      {suffix ? `${phase} ${suffix}` : phase}
    </Label>
  );
};
