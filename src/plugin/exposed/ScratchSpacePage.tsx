// Exposed module `ScratchSpacePage` (console.page/route /vm-disks/scratch-space).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { ScratchSpacePage as Page } from '../features/scratch-space/ScratchSpacePage';

const ScratchSpacePage: FC = () => (
  <QueryProvider>
    <Page />
  </QueryProvider>
);

export default ScratchSpacePage;
