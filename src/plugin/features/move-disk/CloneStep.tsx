// Move-disk step "Clone": the clone DataVolume's name and manifest, then Start clone (useStartClone, its error in
// an Alert); once started, the clone's progress.
import { useState } from 'react';
import type { FC } from 'react';
import { Alert, Button, Content } from '@patternfly/react-core';
import {
  CLONE_TARGET_LABEL,
  buildCloneDataVolume,
  cloneNameError,
  cloneTargetLabelValue,
  freeCloneName,
  suggestCloneName,
} from '../../../lib/clone-datavolume';
import { getPVVolumeMode } from '../../k8s/selectors/persistent-volume';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ManifestPreview } from '../../components/ManifestPreview';
import { CloneNameField } from './CloneNameField';
import { CloneProgress } from './CloneProgress';
import type { StepProps } from './SourceSteps';
import { useStartClone } from './useStartClone';

export const CloneStep: FC<StepProps & { ready: boolean }> = ({ model, params, update, ready }) => {
  const { t } = usePluginTranslation();
  const [name, setName] = useState<string | undefined>(undefined);
  const claim = model.claim ?? '';
  const [start, { pending, error }] = useStartClone((dv) => {
    update({ dv, claim });
  });
  const target = model.target;
  const effectiveName =
    name ?? freeCloneName(suggestCloneName(claim, model.targetNode ?? ''), model.takenNames);
  const taken = model.takenNames.includes(effectiveName);
  const freeName = taken ? freeCloneName(effectiveName, model.takenNames) : undefined;
  const nameError =
    cloneNameError(effectiveName) ??
    (taken
      ? t('A DataVolume or claim {{name}} already exists in {{namespace}}.', {
          name: effectiveName,
          namespace: model.targetNamespace,
        })
      : undefined);
  const move =
    model.vm && model.volumeName
      ? {
          namespace: model.namespace,
          vm: model.vm.metadata?.name ?? '',
          volume: model.volumeName,
          restart: Boolean(params.restart),
        }
      : undefined;

  if (params.dv) return <CloneProgress model={model} params={params} />;
  if (!target) {
    return <Content component="p">{t('Choose a target PersistentVolume first.')}</Content>;
  }
  const manifest = buildCloneDataVolume({
    name: effectiveName,
    namespace: model.targetNamespace,
    source: { namespace: model.namespace, name: claim },
    target: {
      name: target.facts.name,
      capacity: target.pv.spec?.capacity?.storage ?? '',
      volumeMode: getPVVolumeMode(target.pv),
      accessModes: target.pv.spec?.accessModes ?? [],
      storageClassName: target.pv.spec?.storageClassName ?? '',
    },
    label: {
      key: CLONE_TARGET_LABEL,
      value:
        target.pv.metadata?.labels?.[CLONE_TARGET_LABEL] ??
        cloneTargetLabelValue(effectiveName, 'xxxxx'),
    },
    sourceNode: model.source?.node,
    ...(move ? { move } : {}),
  });
  return (
    <>
      <CloneNameField
        value={effectiveName}
        error={nameError}
        freeName={freeName}
        onChange={setName}
      />
      <Content component="p">
        {t(
          'The PersistentVolume {{pv}} gets a unique label {{label}}; the clone’s claim selects it, so the copy lands on {{node}}.',
          { pv: target.facts.name, label: CLONE_TARGET_LABEL, node: model.targetNode ?? '' },
        )}
      </Content>
      <ManifestPreview manifest={manifest} testId="md-dv-yaml" />
      {error ? (
        <Alert
          isInline
          variant="danger"
          title={t('Could not start the clone')}
          data-test="md-clone-error"
        >
          {error}
        </Alert>
      ) : null}
      <Button
        variant="primary"
        data-test="md-start-clone"
        isDisabled={!ready || pending || Boolean(nameError)}
        isLoading={pending}
        onClick={() => {
          void start({
            name: effectiveName,
            targetNamespace: model.targetNamespace,
            pv: target.pv,
            manifest,
            ...(move ? { move } : {}),
          });
        }}
      >
        {t('Start clone')}
      </Button>
    </>
  );
};
