import { useMemo } from 'react';
import type { FC } from 'react';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { humanizeQuantity } from '../../../lib/quantity';
import { StatusLabel } from '../../components/StatusLabel';
import { usePersistentVolumeClaims } from '../../k8s/hooks/usePersistentVolumeClaims';
import { listNamespace } from '../../k8s/hooks/watch-list';
import {
  PersistentVolumeClaimModel,
  PersistentVolumeModel,
  StorageClassModel,
  gvkOf,
} from '../../k8s/models';
import {
  getPVCPhase,
  getPVCSize,
  getPVCVolumeMode,
} from '../../k8s/selectors/persistent-volume-claim';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { NO_VALUE, sortedByName } from './cells';
import type { Focus } from './focus';
import { isFocused } from './focus';
import { rowProps } from './row-props';
import { SectionCard } from './SectionCard';
import { TablePagination } from './TablePagination';
import { usePagedRows } from './usePagedRows';
import { useScopeText } from './useScopeText';

const KIND = 'PersistentVolumeClaim';

export const ClaimsSection: FC<{ focus: Focus | undefined; namespace: string }> = ({
  focus,
  namespace,
}) => {
  const { t } = usePluginTranslation();
  const ns = listNamespace(namespace);
  const [claims, loaded, error] = usePersistentVolumeClaims(ns);
  const rows = useMemo(() => sortedByName(claims), [claims]);
  const paged = usePagedRows(rows, (pvc) =>
    isFocused(focus, KIND, pvc.metadata?.namespace, pvc.metadata?.name),
  );
  const title = t('PersistentVolumeClaims');
  const scope = useScopeText(ns);
  return (
    <SectionCard
      testId="overview-pvcs"
      title={title}
      subtitle={scope}
      loaded={loaded}
      error={error}
      errorContext={{ model: PersistentVolumeClaimModel, verb: 'list', namespace: ns }}
      count={rows.length}
      emptyTitle={t('No PersistentVolumeClaims')}
      emptyBody={t('Disks of virtual machines are PersistentVolumeClaims; none exist here yet.')}
    >
      <Table aria-label={title} variant="compact">
        <Thead>
          <Tr>
            <Th>{t('Name')}</Th>
            {ns ? null : <Th>{t('Namespace')}</Th>}
            <Th>{t('Status')}</Th>
            <Th>{t('Capacity')}</Th>
            <Th>{t('Volume mode')}</Th>
            <Th>{t('Storage class')}</Th>
            <Th>{t('PersistentVolume')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {paged.visible.map((pvc) => {
            const name = pvc.metadata?.name;
            const pvcNamespace = pvc.metadata?.namespace;
            const size = getPVCSize(pvc);
            const storageClass = pvc.spec?.storageClassName;
            const volume = pvc.spec?.volumeName;
            return (
              <Tr
                key={pvc.metadata?.uid ?? `${pvcNamespace ?? ''}/${name ?? ''}`}
                data-test-namespace={pvcNamespace}
                {...rowProps(name, isFocused(focus, KIND, pvcNamespace, name))}
              >
                <Td dataLabel={t('Name')} modifier="nowrap">
                  <ResourceLink
                    groupVersionKind={gvkOf(PersistentVolumeClaimModel)}
                    name={name}
                    namespace={pvcNamespace}
                  />
                </Td>
                {ns ? null : <Td dataLabel={t('Namespace')}>{pvcNamespace}</Td>}
                <Td dataLabel={t('Status')}>
                  <StatusLabel phase={getPVCPhase(pvc)} />
                </Td>
                <Td dataLabel={t('Capacity')}>{humanizeQuantity(size) || NO_VALUE}</Td>
                <Td dataLabel={t('Volume mode')}>{getPVCVolumeMode(pvc)}</Td>
                <Td dataLabel={t('Storage class')}>
                  {storageClass ? (
                    <ResourceLink groupVersionKind={gvkOf(StorageClassModel)} name={storageClass} />
                  ) : (
                    NO_VALUE
                  )}
                </Td>
                <Td dataLabel={t('PersistentVolume')}>
                  {volume ? (
                    <ResourceLink groupVersionKind={gvkOf(PersistentVolumeModel)} name={volume} />
                  ) : (
                    NO_VALUE
                  )}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      <TablePagination paged={paged} label={title} />
    </SectionCard>
  );
};
