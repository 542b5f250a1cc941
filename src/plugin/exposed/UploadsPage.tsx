// Exposed module `UploadsPage` (console.page/route /vm-disks/uploads).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { UploadsPage as Uploads } from '../features/uploads/UploadsPage';

const UploadsPage: FC = () => (
  <QueryProvider>
    <Uploads />
  </QueryProvider>
);

export default UploadsPage;
