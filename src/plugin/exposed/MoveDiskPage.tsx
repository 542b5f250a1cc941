// Exposed module `MoveDiskPage` (console.page/route /vm-disks/move-disk).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { MoveDiskPage as Page } from '../features/move-disk/MoveDiskPage';

const MoveDiskPage: FC = () => (
  <QueryProvider>
    <Page />
  </QueryProvider>
);

export default MoveDiskPage;
