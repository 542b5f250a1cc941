// The empty state of a list section: "No <things>" with a hint of what would make some appear.
import type { FC, ReactNode } from 'react';
import { EmptyState, EmptyStateBody, EmptyStateVariant } from '@patternfly/react-core';
import CubesIcon from '@patternfly/react-icons/dist/esm/icons/cubes-icon';

export interface EmptyStateForProps {
  /** Title, already translated: "No PersistentVolumes". */
  title: string;
  /** What the user could do or expect, already translated. */
  children?: ReactNode;
  headingLevel?: 'h2' | 'h3' | 'h4';
}

export const EmptyStateFor: FC<EmptyStateForProps> = ({ title, children, headingLevel = 'h3' }) => (
  <EmptyState
    variant={EmptyStateVariant.xs}
    titleText={title}
    headingLevel={headingLevel}
    icon={CubesIcon}
    data-test="empty-state"
  >
    {children ? <EmptyStateBody>{children}</EmptyStateBody> : null}
  </EmptyState>
);
