// The clone under way (move-disk step "Clone" once started): its DataVolume, phase, node, claim and progress, and
// why CDI waits, if it does (clone-blockers.ts).
import type { FC } from 'react';
import {
  Alert,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Progress,
} from '@patternfly/react-core';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { StatusLabel } from '../../components/StatusLabel';
import { DataVolumeModel, PersistentVolumeClaimModel, gvkOf } from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import type { StepProps } from './SourceSteps';
import { cloneBlockers } from './clone-blockers';

const DASH = '—';

export const CloneProgress: FC<{ model: StepProps['model']; params: StepProps['params'] }> = ({
  model,
  params,
}) => {
  const { t } = usePluginTranslation();
  const dv = model.clone;
  const phase = dv?.status?.phase ?? 'Pending';
  const progress = Number.parseFloat(dv?.status?.progress ?? '');
  const blockers = cloneBlockers(phase, dv?.status?.conditions);
  return (
    <div data-test="md-clone-progress" data-phase={phase}>
      <DescriptionList isHorizontal isCompact>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('DataVolume')}</DescriptionListTerm>
          <DescriptionListDescription>
            <ResourceLink
              groupVersionKind={gvkOf(DataVolumeModel)}
              name={params.dv}
              namespace={model.targetNamespace}
            />
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Phase')}</DescriptionListTerm>
          <DescriptionListDescription>
            <StatusLabel phase={phase} />
          </DescriptionListDescription>
        </DescriptionListGroup>
        <DescriptionListGroup>
          <DescriptionListTerm>{t('Node')}</DescriptionListTerm>
          <DescriptionListDescription data-test="md-clone-node">
            {model.cloneNode ?? DASH}
          </DescriptionListDescription>
        </DescriptionListGroup>
        {model.clonePVC ? (
          <DescriptionListGroup>
            <DescriptionListTerm>{t('Claim')}</DescriptionListTerm>
            <DescriptionListDescription>
              <ResourceLink
                groupVersionKind={gvkOf(PersistentVolumeClaimModel)}
                name={model.clonePVC.metadata?.name}
                namespace={model.targetNamespace}
              />
            </DescriptionListDescription>
          </DescriptionListGroup>
        ) : null}
      </DescriptionList>
      <Progress
        value={Number.isFinite(progress) ? progress : 0}
        title={t('Clone progress')}
        measureLocation="outside"
        variant={phase === 'Failed' ? 'danger' : phase === 'Succeeded' ? 'success' : undefined}
      />
      {blockers.map((b) => (
        <Alert
          key={b.type}
          isInline
          variant="info"
          title={b.reason || b.type}
          data-test="md-clone-waiting"
          data-condition={b.type}
        >
          {b.message}
        </Alert>
      ))}
    </div>
  );
};
