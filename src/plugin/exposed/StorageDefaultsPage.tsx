// Exposed module `StorageDefaultsPage` (console.page/route /vm-disks/storage-defaults).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { StorageDefaultsPage as Page } from '../features/storage-defaults/StorageDefaultsPage';

const StorageDefaultsPage: FC = () => (
  <QueryProvider>
    <Page />
  </QueryProvider>
);

export default StorageDefaultsPage;
