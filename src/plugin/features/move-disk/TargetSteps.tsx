// Steps 4–6 of the move-disk wizard: the target node and an Available PV there (or a new one made with the local
// volume form), the clone DataVolume (label the PV, create the clone, follow it to the end), and what to do with
// the result: re-wire the VM, attach the disk to another VM, delete the source, start the VM again.
import { useState } from 'react';
import type { FC } from 'react';
import {
  Alert,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Progress,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import {
  ResourceLink,
  k8sCreate,
  k8sDelete,
  k8sListItems,
  k8sPatch,
} from '@openshift-console/dynamic-plugin-sdk';
import { Link } from 'react-router';
import {
  CLONE_TARGET_LABEL,
  MOVE_SOURCE_NAMESPACE_LABEL,
  MOVE_SOURCE_VM_LABEL,
  MOVE_SOURCE_VOLUME_LABEL,
  buildCloneDataVolume,
  cloneNameError,
  cloneTargetLabelValue,
  freeCloneName,
  labelPatch,
  suggestCloneName,
} from '../../../lib/clone-datavolume';
import type { CloneDataVolumeManifest } from '../../../lib/clone-datavolume';
import { formatBytes, humanizeQuantity } from '../../../lib/quantity';
import {
  attachDataVolumePatch,
  freeDiskName,
  rewireVolumePatch,
  runPatch,
} from '../../../lib/vm-volume-patches';
import { StatusLabel } from '../../components/StatusLabel';
import { messageOf } from '../../k8s/load-error';
import {
  DataVolumeModel,
  PersistentVolumeClaimModel,
  PersistentVolumeModel,
  VirtualMachineModel,
  gvkOf,
} from '../../k8s/models';
import { getNodeRoles } from '../../k8s/selectors/node';
import { getPVVolumeMode } from '../../k8s/selectors/persistent-volume';
import {
  claimSize,
  isVMStopped,
  owningDataVolume,
  vmsUsingClaim,
} from '../../k8s/selectors/vm-disks';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ConfirmButton } from './ConfirmButton';
import { ManifestPreview } from '../../components/ManifestPreview';
import { RefusalAlerts } from './SourceSteps';
import type { StepProps } from './SourceSteps';
import { wizardHref } from './wizard-params';
import { cloneBlockers } from './clone-blockers';

const DASH = '—';

/** The local volume form's URL for the target node, coming back here with `pv=<name>`. */
const createPVHref = (
  node: string,
  capacity: string,
  mode: string,
  className: string,
  back: string,
) => {
  const query = new URLSearchParams({ node, capacity, mode, class: className, returnTo: back });
  return `/vm-disks/local-volumes/create?${query.toString()}`;
};

export const TargetStep: FC<StepProps> = ({ model, params, update }) => {
  const { t } = usePluginTranslation();
  const pvc = model.pvc;
  const nodes = model.nodes.filter((n) => !getNodeRoles(n).includes('master'));
  return (
    <>
      <FormGroup label={t('Target node')} fieldId="md-node">
        <FormSelect
          id="md-node"
          data-test="md-node"
          value={model.targetNode ?? ''}
          onChange={(_event, value) => {
            update({ node: value });
          }}
        >
          <FormSelectOption value="" label={t('Select a node')} isPlaceholder />
          {nodes.map((n) => {
            const name = n.metadata?.name ?? '';
            return (
              <FormSelectOption
                key={name}
                value={name}
                label={
                  name === model.source?.node
                    ? t('{{node}} (where the disk is now)', { node: name })
                    : name
                }
              />
            );
          })}
        </FormSelect>
      </FormGroup>
      <RefusalAlerts refusals={model.nodeRefusals} />
      {model.targetNode && model.nodeRefusals.length === 0 ? (
        <>
          {model.candidates.length === 0 ? (
            <Content component="p" data-test="md-no-pvs">
              {t('No PersistentVolumes on {{node}}.', { node: model.targetNode })}
            </Content>
          ) : (
            <Table
              aria-label={t('PersistentVolumes on the target node')}
              variant="compact"
              data-test="md-pvs"
            >
              <Thead>
                <Tr>
                  <Th screenReaderText={t('Select')} />
                  <Th>{t('Name')}</Th>
                  <Th>{t('Capacity')}</Th>
                  <Th>{t('Usable')}</Th>
                  <Th>{t('Volume mode')}</Th>
                  <Th>{t('Storage class')}</Th>
                  <Th>{t('Status')}</Th>
                  <Th>{t('Claim')}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {model.candidates.map(({ pv, facts, refusals }) => (
                  <Tr
                    key={facts.name}
                    data-test-row={facts.name}
                    data-usable={refusals.length === 0 ? 'yes' : 'no'}
                  >
                    <Td>
                      <Radio
                        id={`md-pv-${facts.name}`}
                        name="md-pv"
                        aria-label={facts.name}
                        isChecked={params.pv === facts.name}
                        onChange={() => {
                          update({ pv: facts.name });
                        }}
                      />
                    </Td>
                    <Td dataLabel={t('Name')}>{facts.name}</Td>
                    <Td dataLabel={t('Capacity')}>
                      {humanizeQuantity(pv.spec?.capacity?.storage) || DASH}
                    </Td>
                    <Td dataLabel={t('Usable')}>{formatBytes(facts.usableBytes)}</Td>
                    <Td dataLabel={t('Volume mode')}>{getPVVolumeMode(pv)}</Td>
                    <Td dataLabel={t('Storage class')}>{pv.spec?.storageClassName || DASH}</Td>
                    <Td dataLabel={t('Status')}>
                      <StatusLabel phase={facts.phase} />
                    </Td>
                    <Td dataLabel={t('Claim')}>{facts.claim ?? DASH}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          {model.source ? (
            <Content component="p">
              {t('The source needs {{size}} usable.', {
                size: formatBytes(model.source.usableBytes),
              })}{' '}
              {pvc ? (
                <Link
                  data-test="md-create-pv"
                  to={createPVHref(
                    model.targetNode,
                    claimSize(pvc) ?? '10Gi',
                    pvc.spec?.volumeMode ?? 'Filesystem',
                    pvc.spec?.storageClassName ?? '',
                    wizardHref(params),
                  )}
                >
                  {t('Create a local volume on {{node}}', { node: model.targetNode })}
                </Link>
              ) : null}
            </Content>
          ) : null}
          {model.target ? <RefusalAlerts refusals={model.target.refusals} /> : null}
        </>
      ) : null}
    </>
  );
};

const randomSuffix = (): string => Math.random().toString(36).slice(2, 7);

export const CloneStep: FC<StepProps & { ready: boolean }> = ({ model, params, update, ready }) => {
  const { t } = usePluginTranslation();
  const [name, setName] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const target = model.target;
  const claim = model.claim ?? '';
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
  const manifest: CloneDataVolumeManifest | undefined = target
    ? buildCloneDataVolume({
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
      })
    : undefined;

  if (params.dv) return <CloneProgress model={model} params={params} />;
  if (!target || !manifest) {
    return <Content component="p">{t('Choose a target PersistentVolume first.')}</Content>;
  }
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // Never a second clone of the same VM disk: one made meanwhile (another tab, a page left before the
      // list loaded) is resumed instead.
      if (move) {
        const existing = await k8sListItems({
          model: DataVolumeModel,
          queryParams: {
            ns: model.targetNamespace,
            labelSelector: {
              matchLabels: {
                [MOVE_SOURCE_NAMESPACE_LABEL]: move.namespace,
                [MOVE_SOURCE_VM_LABEL]: move.vm,
                [MOVE_SOURCE_VOLUME_LABEL]: move.volume,
              },
            },
          },
        });
        const running = existing.find((d) => !d.metadata?.deletionTimestamp);
        if (running?.metadata?.name) {
          update({ dv: running.metadata.name, claim });
          return;
        }
      }
      const value = cloneTargetLabelValue(effectiveName, randomSuffix());
      await k8sPatch({
        model: PersistentVolumeModel,
        resource: target.pv,
        data: labelPatch(target.pv.metadata?.labels, CLONE_TARGET_LABEL, value),
      });
      const dv = {
        ...manifest,
        spec: {
          ...manifest.spec,
          pvc: { ...manifest.spec.pvc, selector: { matchLabels: { [CLONE_TARGET_LABEL]: value } } },
        },
      };
      await k8sCreate({ model: DataVolumeModel, data: dv });
      update({ dv: effectiveName, claim });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <FormGroup label={t('Name of the new DataVolume')} fieldId="md-dv-name">
        <TextInput
          id="md-dv-name"
          data-test="md-dv-name"
          value={effectiveName}
          onChange={(_event, value) => {
            setName(value);
          }}
          validated={nameError ? 'error' : 'default'}
        />
        {nameError ? (
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant="error" data-test="md-dv-name-error">
                {nameError}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        ) : null}
        {freeName ? (
          <Button
            variant="link"
            isInline
            data-test="md-dv-name-suggestion"
            onClick={() => {
              setName(freeName);
            }}
          >
            {t('Use {{name}}', { name: freeName })}
          </Button>
        ) : null}
      </FormGroup>
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
        isDisabled={!ready || busy || Boolean(nameError)}
        isLoading={busy}
        onClick={() => {
          void start();
        }}
      >
        {t('Start clone')}
      </Button>
    </>
  );
};

const CloneProgress: FC<{ model: StepProps['model']; params: StepProps['params'] }> = ({
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
      {vm && params.restart ? (
        model.vmStopped ? (
          <div>
            <Button
              variant="primary"
              data-test="md-start-vm"
              onClick={() => {
                void k8sPatch({
                  model: VirtualMachineModel,
                  resource: vm,
                  data: runPatch(vm, true),
                });
              }}
            >
              {t('Start {{vm}} again', { vm: vm.metadata?.name ?? '' })}
            </Button>
          </div>
        ) : (
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
        )
      ) : null}
    </Flex>
  );
};
