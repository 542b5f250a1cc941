// The Save / Reload buttons of a long form, kept in view at the bottom of the page while the form scrolls
// (the console's sticky form footer). Drop-in for PatternFly's ActionGroup.
import type { FC, ReactNode } from 'react';
import { ActionGroup } from '@patternfly/react-core';
import './components.css';

export interface StickyActionBarProps {
  children: ReactNode;
}

export const StickyActionBar: FC<StickyActionBarProps> = ({ children }) => (
  <ActionGroup className="vm-disks-plugin__sticky-actions" data-test="sticky-actions">
    {children}
  </ActionGroup>
);
