import { useMemo } from 'react';
import type { FC } from 'react';
import { Label } from '@patternfly/react-core';
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
import { SectionCard } from './SectionCard';
import { SectionTable } from './SectionTable';

const KIND = 'StorageClass';

export const StorageClassesSection: FC<{ focus: Focus | undefined }> = ({ focus }) => {
  const { t } = usePluginTranslation();
  const [classes, loaded, error] = useStorageClasses();
  const rows = useMemo(() => sortedByName(classes), [classes]);
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
      <SectionTable
        label={title}
        kind={KIND}
        focus={focus}
        rows={rows}
        columns={[
          {
            title: t('Name'),
            modifier: 'nowrap',
            cell: (sc) => (
              <>
                <ResourceLink
                  groupVersionKind={gvkOf(StorageClassModel)}
                  name={sc.metadata?.name}
                />
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
              </>
            ),
          },
          { title: t('Provisioner'), cell: (sc) => sc.provisioner },
          { title: t('Binding mode'), cell: (sc) => getBindingMode(sc) },
          { title: t('Reclaim policy'), cell: (sc) => getReclaimPolicy(sc) },
        ]}
      />
    </SectionCard>
  );
};
