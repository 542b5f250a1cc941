import { useMemo } from 'react';
import type { FC } from 'react';
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
import { SectionCard } from './SectionCard';
import { SectionTable } from './SectionTable';
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
      <SectionTable
        label={title}
        kind={KIND}
        focus={focus}
        rows={rows}
        rowAttributes={(pvc) => ({ 'data-test-namespace': pvc.metadata?.namespace })}
        columns={[
          {
            title: t('Name'),
            modifier: 'nowrap',
            cell: (pvc) => (
              <ResourceLink
                groupVersionKind={gvkOf(PersistentVolumeClaimModel)}
                name={pvc.metadata?.name}
                namespace={pvc.metadata?.namespace}
              />
            ),
          },
          !ns && { title: t('Namespace'), cell: (pvc) => pvc.metadata?.namespace },
          { title: t('Status'), cell: (pvc) => <StatusLabel phase={getPVCPhase(pvc)} /> },
          { title: t('Capacity'), cell: (pvc) => humanizeQuantity(getPVCSize(pvc)) || NO_VALUE },
          { title: t('Volume mode'), cell: (pvc) => getPVCVolumeMode(pvc) },
          {
            title: t('Storage class'),
            cell: (pvc) =>
              pvc.spec?.storageClassName ? (
                <ResourceLink
                  groupVersionKind={gvkOf(StorageClassModel)}
                  name={pvc.spec.storageClassName}
                />
              ) : (
                NO_VALUE
              ),
          },
          {
            title: t('PersistentVolume'),
            cell: (pvc) =>
              pvc.spec?.volumeName ? (
                <ResourceLink
                  groupVersionKind={gvkOf(PersistentVolumeModel)}
                  name={pvc.spec.volumeName}
                />
              ) : (
                NO_VALUE
              ),
          },
        ]}
      />
    </SectionCard>
  );
};
