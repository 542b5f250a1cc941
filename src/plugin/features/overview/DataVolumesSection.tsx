import { useMemo } from 'react';
import type { FC } from 'react';
import {
  Flex,
  FlexItem,
  Progress,
  ProgressMeasureLocation,
  ProgressSize,
} from '@patternfly/react-core';
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
import { SectionCard } from './SectionCard';
import { SectionTable } from './SectionTable';
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
      <SectionTable
        label={title}
        kind={KIND}
        focus={focus}
        rows={rows}
        rowAttributes={(dv) => ({
          'data-test-namespace': dv.metadata?.namespace,
          'data-phase': getDVPhase(dv),
        })}
        columns={[
          {
            title: t('Name'),
            modifier: 'nowrap',
            cell: (dv) => (
              <ResourceLink
                groupVersionKind={gvkOf(DataVolumeModel)}
                name={dv.metadata?.name}
                namespace={dv.metadata?.namespace}
              />
            ),
          },
          !ns && { title: t('Namespace'), cell: (dv) => dv.metadata?.namespace },
          { title: t('Phase'), cell: (dv) => <PhaseCell dv={dv} /> },
          { title: t('Source'), cell: (dv) => getDVSourceType(dv) },
          { title: t('Size'), cell: (dv) => humanizeQuantity(getDVSize(dv)) || NO_VALUE },
          {
            title: t('Storage class'),
            cell: (dv) => {
              const storageClass = getDVStorageClass(dv);
              return storageClass ? (
                <ResourceLink groupVersionKind={gvkOf(StorageClassModel)} name={storageClass} />
              ) : (
                NO_VALUE
              );
            },
          },
        ]}
      />
    </SectionCard>
  );
};
