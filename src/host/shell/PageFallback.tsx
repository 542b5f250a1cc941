import type { FC } from 'react';
import { Bullseye, Spinner } from '@patternfly/react-core';

export const PageFallback: FC = () => (
  <Bullseye className="vm-disks-host__page-fallback">
    <Spinner aria-label="Loading page" />
  </Bullseye>
);
