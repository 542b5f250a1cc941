// Exposed module `BlankDiskPage` (console.page/route /vm-disks/blank-disk).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { BlankDiskPage as Page } from '../features/blank-disk/BlankDiskPage';

const BlankDiskPage: FC = () => (
  <QueryProvider>
    <Page />
  </QueryProvider>
);

export default BlankDiskPage;
