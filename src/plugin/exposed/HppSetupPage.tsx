// Exposed module `HppSetupPage` (console.page/route /vm-disks/hpp-setup).
import type { FC } from 'react';
import { QueryProvider } from '../components/QueryProvider';
import { HppSetupPage as Setup } from '../features/hpp-setup/HppSetupPage';

const HppSetupPage: FC = () => (
  <QueryProvider>
    <Setup />
  </QueryProvider>
);

export default HppSetupPage;
