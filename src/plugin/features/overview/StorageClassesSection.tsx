import { useMemo } from 'react';
import type { FC } from 'react';
import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { useStorageClasses } from '../../k8s/hooks/useStorageClasses';
import { StorageClassModel, gvkOf } from '../../k8s/models';
import {
  getBindingMode,
  getReclaimPolicy,
  isDefaultStorageClass,
  isDefaultVirtStorageClass,
} from '../../k8s/selectors/storage-class';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { sortedByName } from './cells';
import type { Focus } from './focus';
import { isFocused } from './focus';
import { rowProps } from './row-props';
import { SectionCard } from './SectionCard';
import { TablePagination } from './TablePagination';
import { usePagedRows } from './usePagedRows';

const KIND = 'StorageClass';

export const StorageClassesSection: FC<{ focus: Focus | undefined }> = ({ focus }) => {
  const { t } = usePluginTranslation();
  const [classes, loaded, error] = useStorageClasses();
  const rows = useMemo(() => sortedByName(classes), [classes]);
  const paged = usePagedRows(rows, (sc) => isFocused(focus, KIND, undefined, sc.metadata?.name));
  const title = t('Storage classes');
  return (
    <SectionCard
      testId="overview-storageclasses"
      title={title}
      loaded={loaded}
      error={error}
      errorContext={{ model: StorageClassModel, verb: 'list' }}
      count={rows.length}
      emptyTitle={t('No storage classes')}
      emptyBody={t('Without a storage class, only PersistentVolumes created by hand can be used.')}
    >
      <Table aria-label={title} variant="compact">
        <Thead>
          <Tr>
            <Th>{t('Name')}</Th>
            <Th>{t('Provisioner')}</Th>
            <Th>{t('Binding mode')}</Th>
            <Th>{t('Reclaim policy')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {paged.visible.map((sc) => {
            const name = sc.metadata?.name;
            return (
              <Tr
                key={sc.metadata?.uid ?? name}
                {...rowProps(name, isFocused(focus, KIND, undefined, name))}
              >
                <Td dataLabel={t('Name')} modifier="nowrap">
                  <ResourceLink groupVersionKind={gvkOf(StorageClassModel)} name={name} />
                  {isDefaultStorageClass(sc) ? (
                    <Label isCompact color="blue" data-test="sc-default">
                      {t('Default')}
                    </Label>
                  ) : null}{' '}
                  {isDefaultVirtStorageClass(sc) ? (
                    <Label isCompact color="purple" data-test="sc-default-virt">
                      {t('Default for virtual machines')}
                    </Label>
                  ) : null}
                </Td>
                <Td dataLabel={t('Provisioner')}>{sc.provisioner}</Td>
                <Td dataLabel={t('Binding mode')}>{getBindingMode(sc)}</Td>
                <Td dataLabel={t('Reclaim policy')}>{getReclaimPolicy(sc)}</Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      <TablePagination paged={paged} label={title} />
    </SectionCard>
  );
};
