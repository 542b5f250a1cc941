// Exposed module `LocalVolumesPage` (console.page/route under /vm-disks/local-volumes).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { LocalVolumesPage as Page } from '../features/local-volumes/LocalVolumesPage';

const LocalVolumesPage: FC = () => (
  <QueryProvider>
    <Page />
  </QueryProvider>
);

export default LocalVolumesPage;
