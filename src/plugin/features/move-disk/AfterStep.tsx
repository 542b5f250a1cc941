// Move-disk step "Re-wire and start": once the clone has succeeded, re-wire the VM to it, attach it to another VM,
// delete the source, start the VM again. Every write is confirmed first (ConfirmButton) or runs as a mutation
// (useClusterWrite) whose failure the step shows in an Alert.
import { useState } from 'react';
import type { FC } from 'react';
import {
  Alert,
  Button,
  Content,
  Flex,
  FormGroup,
  FormSelect,
  FormSelectOption,
} from '@patternfly/react-core';
import { k8sDelete, k8sPatch } from '@openshift-console/dynamic-plugin-sdk';
import {
  attachDataVolumePatch,
  freeDiskName,
  rewireVolumePatch,
  runPatch,
} from '../../../lib/vm-volume-patches';
import { DataVolumeModel, PersistentVolumeClaimModel, VirtualMachineModel } from '../../k8s/models';
import type { VirtualMachineKind } from '../../k8s/types';
import { isVMStopped, owningDataVolume, vmsUsingClaim } from '../../k8s/selectors/vm-disks';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ConfirmButton } from './ConfirmButton';
import type { StepProps } from './SourceSteps';
import { useClusterWrite } from '../../k8s/hooks/useClusterWrite';

const DASH = '—';

/** Start the stopped VM again (runStrategy/running as `runPatch` writes it); a refusal stays on screen. */
const RestartVm: FC<{ model: StepProps['model']; vm: VirtualMachineKind }> = ({ model, vm }) => {
  const { t } = usePluginTranslation();
  const [start, { pending, error }] = useClusterWrite(() =>
    k8sPatch({ model: VirtualMachineModel, resource: vm, data: runPatch(vm, true) }),
  );
  if (!model.vmStopped) {
    return (
      <Alert
        isInline
        variant="info"
        title={t('{{vm}} is {{status}}', {
          vm: vm.metadata?.name ?? '',
          status: model.vmi?.status?.phase ?? t('starting'),
        })}
        data-test="md-vm-started"
        data-node={model.vmi?.status?.nodeName ?? ''}
      >
        {model.vmi?.status?.nodeName
          ? t('Running on node {{node}}.', { node: model.vmi.status.nodeName })
          : null}
      </Alert>
    );
  }
  return (
    <div>
      <Button
        variant="primary"
        data-test="md-start-vm"
        isLoading={pending}
        isDisabled={pending}
        onClick={() => {
          void start();
        }}
      >
        {t('Start {{vm}} again', { vm: vm.metadata?.name ?? '' })}
      </Button>
      {error ? (
        <Alert
          isInline
          variant="danger"
          title={t('Could not start {{vm}}', { vm: vm.metadata?.name ?? '' })}
          data-test="md-start-vm-error"
        >
          {error}
        </Alert>
      ) : null}
    </div>
  );
};

export const AfterStep: FC<StepProps> = ({ model, params }) => {
  const { t } = usePluginTranslation();
  const [other, setOther] = useState('');
  const dvName = params.dv ?? '';
  const vm = model.vm;
  const sameNamespace = model.targetNamespace === model.namespace;
  const rewired =
    vm?.spec?.template.spec?.volumes?.some(
      (v) => v.name === model.volumeName && v.dataVolume?.name === dvName,
    ) ?? false;
  const sourceUsers = model.claim ? vmsUsingClaim(model.vms, model.namespace, model.claim) : [];
  const sourceDV = model.pvc ? owningDataVolume(model.pvc) : undefined;
  const otherVMs = model.vmsOfTargetNamespace.filter(
    (v) => v.metadata?.name !== vm?.metadata?.name || !sameNamespace,
  );
  const otherVM = otherVMs.find((v) => v.metadata?.name === other);
  const otherStopped = otherVM
    ? isVMStopped(
        otherVM,
        model.vmisOfTargetNamespace.find((i) => i.metadata?.name === other),
      )
    : false;
  const attachedTo = model.vmsOfTargetNamespace
    .filter((v) => v.spec?.template.spec?.volumes?.some((vol) => vol.dataVolume?.name === dvName))
    .map((v) => v.metadata?.name ?? '');
  const sourceGone = model.loaded && !model.pvc;
  if (model.clone?.status?.phase !== 'Succeeded') {
    return <Content component="p">{t('Available when the clone has succeeded.')}</Content>;
  }
  return (
    <Flex direction={{ default: 'column' }} data-test="md-after">
      <Alert
        isInline
        variant="success"
        title={t('The disk was cloned to {{node}}.', { node: model.cloneNode ?? DASH })}
        data-test="md-clone-done"
      />
      {vm && sameNamespace ? (
        rewired ? (
          <Alert
            isInline
            variant="success"
            title={t('{{vm}} now uses {{dv}}.', { vm: vm.metadata?.name ?? '', dv: dvName })}
            data-test="md-rewired"
          />
        ) : (
          <div>
            <ConfirmButton
              testId="md-rewire"
              variant="primary"
              label={t('Use the new disk in {{vm}}', { vm: vm.metadata?.name ?? '' })}
              title={t('Re-wire {{vm}}?', { vm: vm.metadata?.name ?? '' })}
              confirmLabel={t('Re-wire')}
              isDisabled={!model.vmStopped}
              onConfirm={() =>
                k8sPatch({
                  model: VirtualMachineModel,
                  resource: vm,
                  data: rewireVolumePatch(vm, model.volumeName ?? '', dvName),
                })
              }
            >
              {t(
                'The volume {{volume}} of {{vm}} will read the DataVolume {{dv}} instead of {{claim}}. The old disk is kept until you delete it.',
                {
                  volume: model.volumeName ?? '',
                  vm: vm.metadata?.name ?? '',
                  dv: dvName,
                  claim: model.claim ?? '',
                },
              )}
              {vm.spec?.dataVolumeTemplates?.some((d) => d.metadata?.name === model.claim) ? (
                <Content component="p" data-test="md-rewire-template">
                  {t(
                    'The entry {{claim}} of the virtual machine’s DataVolume templates is removed in the same change, because KubeVirt refuses a template entry that no volume uses. KubeVirt does not delete the DataVolume {{claim}} for that.',
                    { claim: model.claim ?? '' },
                  )}
                </Content>
              ) : null}
            </ConfirmButton>
          </div>
        )
      ) : null}
      <Flex alignItems={{ default: 'alignItemsFlexEnd' }}>
        <FormGroup
          label={t('Attach the new disk to another virtual machine')}
          fieldId="md-other-vm"
        >
          <FormSelect
            id="md-other-vm"
            data-test="md-other-vm"
            value={other}
            onChange={(_event, value) => {
              setOther(value);
            }}
          >
            <FormSelectOption value="" label={t('Select a virtual machine')} isPlaceholder />
            {otherVMs.map((v) => (
              <FormSelectOption
                key={v.metadata?.name}
                value={v.metadata?.name ?? ''}
                label={v.metadata?.name ?? ''}
              />
            ))}
          </FormSelect>
        </FormGroup>
        <ConfirmButton
          testId="md-attach"
          label={t('Attach')}
          title={t('Attach {{dv}} to {{vm}}?', { dv: dvName, vm: other })}
          confirmLabel={t('Attach')}
          isDisabled={!otherVM || !otherStopped || attachedTo.includes(other)}
          onConfirm={async () => {
            if (!otherVM) return;
            await k8sPatch({
              model: VirtualMachineModel,
              resource: otherVM,
              data: attachDataVolumePatch(otherVM, freeDiskName(otherVM, dvName), dvName),
            });
          }}
        >
          {t('{{vm}} gets {{dv}} as an additional disk.', { vm: other, dv: dvName })}
        </ConfirmButton>
      </Flex>
      {otherVM && !otherStopped ? (
        <Content component="small">
          {t('Stop {{vm}} before attaching a disk to it.', { vm: other })}
        </Content>
      ) : null}
      {attachedTo.length > 0 ? (
        <Content component="p" data-test="md-attached">
          {t('Used by: {{vms}}', { vms: attachedTo.join(', ') })}
        </Content>
      ) : null}
      {sourceGone ? (
        <Alert
          isInline
          variant="success"
          title={t('The source disk was deleted.')}
          data-test="md-source-deleted"
        />
      ) : model.pvc ? (
        <div>
          <ConfirmButton
            testId="md-delete-source"
            variant="danger"
            label={t('Delete the source disk')}
            title={t('Delete {{name}}?', { name: sourceDV ?? model.claim ?? '' })}
            confirmLabel={t('Delete')}
            isDisabled={sourceUsers.length > 0}
            onConfirm={() =>
              sourceDV
                ? k8sDelete({
                    model: DataVolumeModel,
                    resource: { metadata: { name: sourceDV, namespace: model.namespace } },
                  })
                : k8sDelete({
                    model: PersistentVolumeClaimModel,
                    resource: { metadata: { name: model.claim, namespace: model.namespace } },
                  })
            }
          >
            {t(
              'The {{kind}} {{name}} and its data on {{node}} are deleted. This cannot be undone.',
              {
                kind: sourceDV ? 'DataVolume' : 'PersistentVolumeClaim',
                name: sourceDV ?? model.claim ?? '',
                node: model.source?.node ?? DASH,
              },
            )}
          </ConfirmButton>
          {sourceUsers.length > 0 ? (
            <Content component="small">
              {' '}
              {t('Still used by {{vms}}: re-wire first.', { vms: sourceUsers.join(', ') })}
            </Content>
          ) : null}
        </div>
      ) : null}
      {vm && params.restart ? <RestartVm model={model} vm={vm} /> : null}
    </Flex>
  );
};
