// Exposed module `CdiMatrixPage` (console.page/route /vm-disks/cdi-operations).
import type { FC } from 'react';
import { CdiMatrixPage as Page } from '../features/cdi-matrix/CdiMatrixPage';

const CdiMatrixPage: FC = () => <Page />;

export default CdiMatrixPage;
