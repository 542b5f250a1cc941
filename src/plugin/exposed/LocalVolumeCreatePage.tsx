// Exposed module `LocalVolumeCreatePage` (console.page/route under /vm-disks/local-volumes).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { LocalVolumeCreatePage as Page } from '../features/local-volumes/LocalVolumeCreatePage';

const LocalVolumeCreatePage: FC = () => (
  <QueryProvider>
    <Page />
  </QueryProvider>
);

export default LocalVolumeCreatePage;
