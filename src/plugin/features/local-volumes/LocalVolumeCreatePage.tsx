// /vm-disks/local-volumes/create: the local volume form as a page. `?node=&capacity=&mode=&class=` prefill it;
// `?returnTo=` (a plugin path, e.g. the move-disk wizard) is where it goes with the new PV's name afterwards.
import type { FC } from 'react';
import { PageSection } from '@patternfly/react-core';
import { DocumentTitle, ListPageHeader } from '@openshift-console/dynamic-plugin-sdk';
import { useLocation, useNavigate } from 'react-router';
import { PageBreadcrumb } from '../../components/PageBreadcrumb';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { createdVolumeState } from './created-volume';
import { LocalVolumeForm } from './LocalVolumeForm';
import { RETURN_TO_PARAM, returnWithPV, safeReturnTo } from './return-to';

export const LOCAL_VOLUMES_PATH = '/vm-disks/local-volumes';

export const LocalVolumeCreatePage: FC = () => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const params = new URLSearchParams(useLocation().search);
  const returnTo = safeReturnTo(params.get(RETURN_TO_PARAM));
  const mode = params.get('mode');
  const title = t('Create local volume');
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <PageBreadcrumb
        steps={[{ name: t('Local volumes'), path: LOCAL_VOLUMES_PATH }, { name: title }]}
      />
      <ListPageHeader
        title={title}
        helpText={t(
          'A local PersistentVolume on one node: a block device (such as a loop device) or a mounted directory.',
        )}
      />
      <PageSection data-test="local-volume-create">
        <LocalVolumeForm
          initialNode={params.get('node') ?? ''}
          initialCapacity={params.get('capacity') ?? undefined}
          initialVolumeMode={mode === 'Filesystem' || mode === 'Block' ? mode : undefined}
          initialStorageClass={params.get('class') ?? undefined}
          lockNode={Boolean(returnTo && params.get('node'))}
          onCreated={(pv) => {
            const name = pv.metadata?.name ?? '';
            if (returnTo) void navigate(returnWithPV(returnTo, name));
            else void navigate(LOCAL_VOLUMES_PATH, { state: createdVolumeState(name) });
          }}
          onCancel={() => {
            void navigate(returnTo ?? LOCAL_VOLUMES_PATH);
          }}
        />
      </PageSection>
    </>
  );
};
