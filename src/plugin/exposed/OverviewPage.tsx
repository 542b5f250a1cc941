// Exposed module `OverviewPage` (console.page/route /vm-disks/overview).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { OverviewPage as Overview } from '../features/overview/OverviewPage';

const OverviewPage: FC = () => (
  <QueryProvider>
    <Overview />
  </QueryProvider>
);

export default OverviewPage;
