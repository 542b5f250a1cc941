import { useMemo } from 'react';
import type { FC } from 'react';
import {
  Flex,
  FlexItem,
  Progress,
  ProgressMeasureLocation,
  ProgressSize,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { humanizeQuantity } from '../../../lib/quantity';
import { StatusLabel } from '../../components/StatusLabel';
import { useDataVolumes } from '../../k8s/hooks/useDataVolumes';
import { listNamespace } from '../../k8s/hooks/watch-list';
import { DataVolumeModel, StorageClassModel, gvkOf } from '../../k8s/models';
import {
  getDVPhase,
  getDVProgress,
  getDVSize,
  getDVSourceType,
  getDVStorageClass,
} from '../../k8s/selectors/data-volume';
import type { DataVolumeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { NO_VALUE, sortedByName } from './cells';
import type { Focus } from './focus';
import { isFocused } from './focus';
import { rowProps } from './row-props';
import { SectionCard } from './SectionCard';
import { TablePagination } from './TablePagination';
import { usePagedRows } from './usePagedRows';
import { useScopeText } from './useScopeText';

const KIND = 'DataVolume';

const PhaseCell: FC<{ dv: DataVolumeKind }> = ({ dv }) => {
  const { t } = usePluginTranslation();
  const phase = getDVPhase(dv);
  const progress = getDVProgress(dv);
  const showBar = progress !== undefined && phase !== 'Succeeded' && phase !== 'Failed';
  return (
    <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsXs' }}>
      <FlexItem>
        <StatusLabel phase={phase} />
      </FlexItem>
      {showBar ? (
        <FlexItem className="vm-disks-plugin__progress">
          <Progress
            value={progress}
            size={ProgressSize.sm}
            measureLocation={ProgressMeasureLocation.outside}
            aria-label={t('Progress of {{name}}', { name: dv.metadata?.name ?? '' })}
            data-test="dv-progress"
          />
        </FlexItem>
      ) : null}
    </Flex>
  );
};

export const DataVolumesSection: FC<{ focus: Focus | undefined; namespace: string }> = ({
  focus,
  namespace,
}) => {
  const { t } = usePluginTranslation();
  const ns = listNamespace(namespace);
  const [dataVolumes, loaded, error] = useDataVolumes(ns);
  const rows = useMemo(() => sortedByName(dataVolumes), [dataVolumes]);
  const paged = usePagedRows(rows, (dv) =>
    isFocused(focus, KIND, dv.metadata?.namespace, dv.metadata?.name),
  );
  const title = t('DataVolumes');
  const scope = useScopeText(ns);
  return (
    <SectionCard
      testId="overview-datavolumes"
      title={title}
      subtitle={scope}
      loaded={loaded}
      error={error}
      errorContext={{ model: DataVolumeModel, verb: 'list', namespace: ns }}
      count={rows.length}
      emptyTitle={t('No DataVolumes')}
      emptyBody={t('DataVolumes import, upload, clone or create blank disks; none exist here yet.')}
    >
      <Table aria-label={title} variant="compact">
        <Thead>
          <Tr>
            <Th>{t('Name')}</Th>
            {ns ? null : <Th>{t('Namespace')}</Th>}
            <Th>{t('Phase')}</Th>
            <Th>{t('Source')}</Th>
            <Th>{t('Size')}</Th>
            <Th>{t('Storage class')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {paged.visible.map((dv) => {
            const name = dv.metadata?.name;
            const dvNamespace = dv.metadata?.namespace;
            const storageClass = getDVStorageClass(dv);
            return (
              <Tr
                key={dv.metadata?.uid ?? `${dvNamespace ?? ''}/${name ?? ''}`}
                data-test-namespace={dvNamespace}
                data-phase={getDVPhase(dv)}
                {...rowProps(name, isFocused(focus, KIND, dvNamespace, name))}
              >
                <Td dataLabel={t('Name')} modifier="nowrap">
                  <ResourceLink
                    groupVersionKind={gvkOf(DataVolumeModel)}
                    name={name}
                    namespace={dvNamespace}
                  />
                </Td>
                {ns ? null : <Td dataLabel={t('Namespace')}>{dvNamespace}</Td>}
                <Td dataLabel={t('Phase')}>
                  <PhaseCell dv={dv} />
                </Td>
                <Td dataLabel={t('Source')}>{getDVSourceType(dv)}</Td>
                <Td dataLabel={t('Size')}>{humanizeQuantity(getDVSize(dv)) || NO_VALUE}</Td>
                <Td dataLabel={t('Storage class')}>
                  {storageClass ? (
                    <ResourceLink groupVersionKind={gvkOf(StorageClassModel)} name={storageClass} />
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
