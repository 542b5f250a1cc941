// The scratch space page (seed 6.12.7): the effective scratch storage class (CDIConfig status), where the setting
// really lives (HyperConverged, else the CDI resource, else CDIConfig), a class picker with Filesystem warnings and
// the fallback explained with this cluster's classes, save to the owner, then the status converging. The model is
// `useScratchSpace`; the two cards are presentational.
import type { FC } from 'react';
import { PageSection, Skeleton } from '@patternfly/react-core';
import { DocumentTitle, ListPageHeader } from '@openshift-console/dynamic-plugin-sdk';
import { LoadError } from '../../components/LoadError';
import { AccessNotice } from '../../components/access/AccessNotice';
import { CDIConfigModel, StorageClassModel } from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ChangeClassCard } from './ChangeClassCard';
import { CurrentSettingCard } from './CurrentSettingCard';
import { useScratchSpace } from './useScratchSpace';
import './scratch-space.css';

export const ScratchSpacePage: FC = () => {
  const { t } = usePluginTranslation();
  const scratch = useScratchSpace();
  const { configError, classesError, denied } = scratch;
  const title = t('Scratch space');
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'CDI writes images to a temporary scratch PVC (Filesystem, ReadWriteOnce, about the size of the disk) for uploads, registry imports and compressed qcow2 imports. Choose the storage class it comes from.',
        )}
      />
      <PageSection data-test="scratch-space-page">
        <AccessNotice subject={t('the scratch space setting')} denied={denied} />
        {configError ? <LoadError error={configError} model={CDIConfigModel} verb="get" /> : null}
        {classesError ? (
          <LoadError error={classesError} model={StorageClassModel} verb="list" />
        ) : null}
        {!scratch.loaded ? (
          <Skeleton screenreaderText={t('Loading scratch space settings')} />
        ) : (
          <>
            <CurrentSettingCard scratch={scratch} />
            <ChangeClassCard scratch={scratch} />
          </>
        )}
      </PageSection>
    </>
  );
};
