// Steps 1–3 of the move-disk wizard: the disk (and the node it lives on), the virtual machine's state (stop it,
// with confirmation, and wait), and the clone permission when the clone goes to another namespace.
import type { FC } from 'react';
import {
  Alert,
  Content,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Radio,
  Spinner,
  TextInput,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { k8sPatch, useAccessReview } from '@openshift-console/dynamic-plugin-sdk';
import { cloneRbacManifests, needsCloneAuthorization } from '../../../lib/clone-datavolume';
import { humanizeQuantity } from '../../../lib/quantity';
import { runPatch } from '../../../lib/vm-volume-patches';
import { StatusLabel } from '../../components/StatusLabel';
import { useCurrentUser } from '../../k8s/hooks/useCurrentUser';
import { VirtualMachineModel } from '../../k8s/models';
import { getVMStatus } from '../../k8s/selectors/virtual-machine';
import { claimSize, vmWantsToRun } from '../../k8s/selectors/vm-disks';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ConfirmButton } from './ConfirmButton';
import { ManifestPreview } from '../../components/ManifestPreview';
import { refusalMessage } from './refusal-messages';
import type { MoveDiskModel } from './useMoveDiskModel';
import type { WizardParams } from './wizard-params';

const DASH = '—';

export interface StepProps {
  model: MoveDiskModel;
  params: WizardParams;
  update: (change: WizardParams) => void;
}

export const RefusalAlerts: FC<{ refusals: MoveDiskModel['refusals'] }> = ({ refusals }) => {
  const { t } = usePluginTranslation();
  return (
    <>
      {refusals.map((refusal) => (
        <Alert
          key={refusal.kind}
          isInline
          variant="danger"
          title={t('Cannot move the disk')}
          data-test="move-refusal"
          data-refusal={refusal.kind}
        >
          {refusalMessage(t, refusal)}
        </Alert>
      ))}
    </>
  );
};

export const DiskStep: FC<StepProps> = ({ model, params, update }) => {
  const { t } = usePluginTranslation();
  return (
    <>
      <FormGroup label={t('Namespace')} fieldId="md-namespace">
        <TextInput
          id="md-namespace"
          data-test="md-namespace"
          value={model.namespace}
          onChange={(_event, value) => {
            update({ ns: value.trim() });
          }}
        />
      </FormGroup>
      <FormGroup label={t('Virtual machine')} fieldId="md-vm">
        <FormSelect
          id="md-vm"
          data-test="md-vm"
          value={model.vm?.metadata?.name ?? ''}
          onChange={(_event, value) => {
            update({ vm: value, claim: undefined });
          }}
        >
          <FormSelectOption value="" label={t('Select a virtual machine')} isPlaceholder />
          {model.vms.map((vm) => (
            <FormSelectOption
              key={vm.metadata?.name}
              value={vm.metadata?.name ?? ''}
              label={vm.metadata?.name ?? ''}
            />
          ))}
        </FormSelect>
      </FormGroup>
      {!model.vm && params.claim ? (
        <Content component="p" data-test="md-claim-only">
          {t('Disk {{claim}} (no single virtual machine uses it).', { claim: params.claim })}
        </Content>
      ) : null}
      {model.vm ? (
        model.disks.length === 0 ? (
          <Alert
            isInline
            variant="info"
            title={t('This virtual machine has no disk backed by a claim.')}
          />
        ) : (
          <Table
            aria-label={t('Disks of the virtual machine')}
            variant="compact"
            data-test="md-disks"
          >
            <Thead>
              <Tr>
                <Th screenReaderText={t('Select')} />
                <Th>{t('Volume')}</Th>
                <Th>{t('Claim')}</Th>
                <Th>{t('Size')}</Th>
                <Th>{t('Volume mode')}</Th>
                <Th>{t('Node')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {model.disks.map((disk) => (
                <Tr key={disk.volume} data-test-row={disk.volume}>
                  <Td>
                    <Radio
                      id={`md-disk-${disk.volume}`}
                      name="md-disk"
                      aria-label={disk.volume}
                      isChecked={model.volumeName === disk.volume}
                      onChange={() => {
                        update({ volume: disk.volume });
                      }}
                    />
                  </Td>
                  <Td dataLabel={t('Volume')}>{disk.volume}</Td>
                  <Td dataLabel={t('Claim')}>{disk.claim}</Td>
                  <Td dataLabel={t('Size')}>
                    {disk.pvc ? humanizeQuantity(claimSize(disk.pvc)) : DASH}
                  </Td>
                  <Td dataLabel={t('Volume mode')}>{disk.pvc?.spec?.volumeMode ?? DASH}</Td>
                  <Td dataLabel={t('Node')} data-test="md-disk-node">
                    {disk.node ??
                      (model.errors.pvs
                        ? t('Unknown: you may not read persistentvolumes')
                        : t('not on one node'))}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )
      ) : null}
      {model.claim && !model.pvc && model.loaded ? (
        <Alert
          isInline
          variant="warning"
          title={t('The claim {{claim}} does not exist.', { claim: model.claim })}
        />
      ) : null}
      {model.source ? (
        <Content component="p" data-test="md-source-node">
          {model.source.node
            ? t('The disk lives on node {{node}}.', { node: model.source.node })
            : model.errors.pvs
              ? t(
                  'Unknown whether the disk is pinned to one node: you may not read persistentvolumes.',
                )
              : t('The disk is not pinned to one node.')}
        </Content>
      ) : null}
    </>
  );
};

export const VmStateStep: FC<StepProps> = ({ model, params, update }) => {
  const { t } = usePluginTranslation();
  const vm = model.vm;
  const shared = model.sourceRefusals.filter((r) => r.kind === 'shared-disk');
  if (!vm) {
    return (
      <>
        <Content component="p">{t('No virtual machine to stop.')}</Content>
        <RefusalAlerts refusals={shared} />
      </>
    );
  }
  const status = getVMStatus(vm);
  const stopping = !model.vmStopped && !vmWantsToRun(vm);
  return (
    <>
      <Content component="p" data-test="md-vm-status">
        {t('Virtual machine {{vm}}:', { vm: vm.metadata?.name ?? '' })}{' '}
        <StatusLabel phase={model.vmStopped ? 'Stopped' : status} />
        {model.vmi?.status?.nodeName
          ? ` ${t('on node {{node}}', { node: model.vmi.status.nodeName })}`
          : ''}
      </Content>
      <RefusalAlerts refusals={shared} />
      {model.vmStopped ? (
        <Alert
          isInline
          variant="success"
          title={t('The virtual machine is stopped.')}
          data-test="md-vm-stopped"
        >
          {params.restart
            ? t('It was running; the wizard offers to start it again at the end.')
            : null}
        </Alert>
      ) : stopping ? (
        <Alert
          isInline
          variant="info"
          customIcon={<Spinner size="md" />}
          title={t('Stopping the virtual machine…')}
          data-test="md-vm-stopping"
        />
      ) : (
        <Alert
          isInline
          variant="warning"
          title={t('The virtual machine must be stopped')}
          data-test="md-vm-running"
          data-refusal="vm-running"
          actionLinks={
            <ConfirmButton
              testId="md-stop-vm"
              label={t('Stop virtual machine')}
              title={t('Stop {{vm}}?', { vm: vm.metadata?.name ?? '' })}
              confirmLabel={t('Stop')}
              variant="warning"
              onConfirm={async () => {
                await k8sPatch({
                  model: VirtualMachineModel,
                  resource: vm,
                  data: runPatch(vm, false),
                });
                update({ restart: '1' });
              }}
            >
              {t(
                'The guest is shut down (as with a power button) and stays off until you start it again. The wizard will offer to start it after the clone.',
              )}
            </ConfirmButton>
          }
        >
          {t(
            'CDI clones a disk only when no running pod writes to it. A running virtual machine’s virt-launcher pod keeps its disks open read-write, so the clone would wait (CloneSourceInUse) until the virtual machine stops.',
          )}
        </Alert>
      )}
    </>
  );
};

export interface ClonePermission {
  cross: boolean;
  loading: boolean;
  /** May create DataVolumes in the target namespace. */
  createDV: boolean;
  /** May clone from the source namespace (always true within one namespace). */
  clone: boolean;
}

/** CDI's clone authorization, checked up front with SelfSubjectAccessReviews. */
export const useClonePermission = (model: MoveDiskModel): ClonePermission => {
  const source = model.namespace;
  const target = model.targetNamespace;
  const cross = needsCloneAuthorization(source, target);
  const [bySource, bySourceLoading] = useAccessReview({
    group: 'cdi.kubevirt.io',
    resource: 'datavolumes',
    subresource: 'source',
    verb: 'create',
    namespace: source,
    name: model.claim,
  });
  const [byPods, byPodsLoading] = useAccessReview({
    group: '',
    resource: 'pods',
    verb: 'create',
    namespace: source,
  });
  const [createDV, createDVLoading] = useAccessReview({
    group: 'cdi.kubevirt.io',
    resource: 'datavolumes',
    verb: 'create',
    namespace: target,
  });
  return {
    cross,
    loading: bySourceLoading || byPodsLoading || createDVLoading,
    createDV,
    clone: !cross || bySource || byPods,
  };
};

export const PermissionStep: FC<StepProps & { permission: ClonePermission }> = ({
  model,
  update,
  permission,
}) => {
  const { t } = usePluginTranslation();
  const source = model.namespace;
  const target = model.targetNamespace;
  const { username } = useCurrentUser();
  return (
    <>
      <FormGroup label={t('Namespace of the new disk')} fieldId="md-target-ns">
        <TextInput
          id="md-target-ns"
          data-test="md-target-ns"
          value={target}
          onChange={(_event, value) => {
            update({ targetNs: value.trim() });
          }}
        />
      </FormGroup>
      {permission.loading ? (
        <Spinner size="md" aria-label={t('Checking permissions')} />
      ) : !permission.createDV ? (
        <Alert
          isInline
          variant="danger"
          title={t('You may not create DataVolumes in {{ns}}', { ns: target })}
          data-test="md-permission-missing"
        />
      ) : permission.clone ? (
        <Alert
          isInline
          variant="success"
          title={
            permission.cross
              ? t('You may clone from {{source}} into {{target}}.', { source, target })
              : t('Same namespace: no extra permission is needed.')
          }
          data-test="md-permission-ok"
        />
      ) : (
        <Alert
          isInline
          variant="danger"
          title={t('You may not clone from {{source}}', { source })}
          data-test="md-permission-missing"
        >
          <p>
            {t(
              'Cloning into another namespace needs create on datavolumes/source (cdi.kubevirt.io) in the source namespace {{source}}. A cluster administrator must create this ClusterRole and RoleBinding:',
              { source },
            )}
          </p>
          <ManifestPreview
            manifest={cloneRbacManifests({ sourceNamespace: source, user: username ?? '<user>' })}
            testId="md-rbac"
          />
        </Alert>
      )}
    </>
  );
};
