// /vm-disks/move-disk: move a VM disk to another node by cloning it (seed 6.12.4), as a PatternFly Wizard like the
// local storage setup: disk → target and clone name → clone → re-wire and start → done. Opened from the nav or
// from the action menu of a VirtualMachine, PVC or DataVolume. The step is derived from the cluster (the clone
// labelled with the VM and volume), so a resumed move opens where it stands; the steps before a started clone are
// locked, Next says why it is unavailable, and every change to the user's objects is confirmed first.
import { useEffect } from 'react';
import type { FC, ReactNode } from 'react';
import {
  Content,
  Form,
  HelperText,
  HelperTextItem,
  PageSection,
  Spinner,
  Stack,
  StackItem,
  Wizard,
  WizardStep,
  useWizardContext,
} from '@patternfly/react-core';
import { DocumentTitle, ListPageHeader, ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { useNavigate } from 'react-router';
import type { TFunction } from 'i18next';
import { LoadError } from '../../components/LoadError';
import {
  DataVolumeModel,
  NodeModel,
  PersistentVolumeClaimModel,
  PersistentVolumeModel,
  VirtualMachineModel,
  gvkOf,
} from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { DiskStep, PermissionStep, VmStateStep, useClonePermission } from './SourceSteps';
import { LeftoverClones } from './LeftoverClones';
import { AfterStep } from './AfterStep';
import { CloneStep } from './CloneStep';
import { TargetStep } from './TargetStep';
import { MOVE_STEPS, moveWizardState } from './move-steps';
import type { MoveStepId, NextBlock } from './move-steps';
import { useLeftoverClones } from './useLeftoverClones';
import { useMoveDiskModel } from './useMoveDiskModel';
import { useWizardParams } from './wizard-params';
import { AccessNotice } from '../../components/access/AccessNotice';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';

const stepId = (id: MoveStepId): string => `md-step-${id}`;

const blockText = (t: TFunction, block: NextBlock): string => {
  switch (block) {
    case 'choose-disk':
      return t('Choose a virtual machine and one of its disks.');
    case 'claim-missing':
      return t('The chosen claim does not exist.');
    case 'shared-disk':
      return t('Another virtual machine uses this disk.');
    case 'checking-permission':
      return t('Checking permissions…');
    case 'permission-denied':
      return t('You may not clone this disk into the chosen namespace.');
    case 'vm-running':
      return t('Stop the virtual machine in the Disk step first.');
    case 'choose-node':
      return t('Choose a target node.');
    case 'choose-pv':
      return t('Choose a PersistentVolume on the target node.');
    case 'target-refused':
      return t('The chosen target cannot receive the disk.');
    case 'start-clone':
      return t('Start the clone to continue.');
    case 'clone-running':
      return t('The clone has not finished yet.');
    case 'clone-failed':
      return t('The clone failed.');
    case 'rewire-first':
      return t('Use the new disk in the virtual machine first.');
  }
};

/** One step's body: its form, why Next is unavailable, and a jump to the derived step when this one gets locked. */
const StepBody: FC<{
  id: MoveStepId;
  locked: boolean;
  current: MoveStepId;
  block: NextBlock | undefined;
  children: ReactNode;
}> = ({ id, locked, current, block, children }) => {
  const { t } = usePluginTranslation();
  const { goToStepById } = useWizardContext();
  // A clone started here (or found meanwhile) locks this step: continue where the move now stands.
  useEffect(() => {
    if (locked) goToStepById(stepId(current));
  }, [locked, current, goToStepById]);
  return (
    <div data-test={stepId(id)}>
      <Form
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        {children}
      </Form>
      {block ? (
        <HelperText className="pf-v6-u-mt-md">
          <HelperTextItem
            id={`${stepId(id)}-blocked`}
            variant="warning"
            data-test="md-next-blocked"
            data-block={block}
          >
            {blockText(t, block)}
          </HelperTextItem>
        </HelperText>
      ) : null}
    </div>
  );
};

export const MoveDiskPage: FC = () => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const [params, update] = useWizardParams();
  const model = useMoveDiskModel(params);
  const permission = useClonePermission(model);
  const [denied, accessLoaded] = useAccessNeeds(
    model.namespace
      ? [
          needOf('create', DataVolumeModel, {
            namespace: model.targetNamespace || model.namespace,
          }),
          needOf('patch', VirtualMachineModel, { namespace: model.namespace }),
        ]
      : [],
  );
  const [leftovers] = useLeftoverClones(
    model.targetNamespace,
    params.dv ? { namespace: model.targetNamespace, name: params.dv } : undefined,
  );
  const permissionChecking = permission.loading || !accessLoaded;
  const wizard = moveWizardState({
    claimChosen: Boolean(model.claim),
    claimExists: Boolean(model.pvc),
    sharedDisk: model.sourceRefusals.some((r) => r.kind === 'shared-disk'),
    permission: permissionChecking
      ? 'checking'
      : permission.createDV && permission.clone && denied.length === 0
        ? 'allowed'
        : 'denied',
    vmRunning: model.sourceRefusals.some((r) => r.kind === 'vm-running'),
    nodeChosen: Boolean(model.targetNode),
    pvChosen: Boolean(model.target),
    targetRefused: model.refusals.some((r) => r.kind !== 'vm-running' && r.kind !== 'shared-disk'),
    cloneStarted: Boolean(params.dv),
    clonePhase: model.clone?.status?.phase,
    hasVM: Boolean(model.vm) && model.targetNamespace === model.namespace,
    rewired: model.rewired,
    restartPending: Boolean(params.restart) && model.vmStopped,
  });
  const stepOf = (id: MoveStepId) =>
    wizard.steps.find((s) => s.id === id) ?? { id, locked: true, blockedBy: undefined };
  // Start clone is offered once nothing but the clone itself stands in the way.
  const targetBlock = stepOf('target').blockedBy;
  const ready = !stepOf('disk').blockedBy && (!targetBlock || targetBlock === 'start-clone');
  const title = t('Move disk to another node');
  const step = { model, params, update };
  // Back on the page (a reload, the VM's action menu, the nav): the move of the chosen disk is read from the
  // cluster (its labelled clone) and the wizard continues there instead of offering a second clone.
  const resume = model.resume;
  useEffect(() => {
    if (!resume) return;
    update({
      dv: resume.clone,
      ...(resume.sourceClaim ? { claim: resume.sourceClaim } : {}),
      ...(resume.restart ? { restart: '1' } : {}),
    });
  }, [resume, update]);
  // The wizard opens once the step can be derived: every list and access review answered (a target chosen in the
  // URL, e.g. back from creating a local volume, opens the target step only once the disk step is known to pass)
  // and a found clone taken into the URL.
  const derived = model.settled && !permissionChecking && !(resume && !params.dv);
  const body = (id: MoveStepId, children: ReactNode) => {
    const s = stepOf(id);
    return (
      <StepBody id={id} locked={s.locked} current={wizard.current} block={s.blockedBy}>
        {children}
      </StepBody>
    );
  };
  const footer = (id: MoveStepId) => {
    const s = stepOf(id);
    return {
      isNextDisabled: Boolean(s.blockedBy),
      isBackHidden: id === 'disk' || (id === 'clone' && Boolean(params.dv)),
      ...(s.blockedBy ? { nextButtonProps: { 'aria-describedby': `${stepId(id)}-blocked` } } : {}),
    };
  };
  const close = () => {
    void navigate('/vm-disks/overview');
  };
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'Clone a virtual machine disk onto a local PersistentVolume of another node, then point the virtual machine at the copy.',
        )}
      />
      <PageSection data-test="move-disk" data-current-step={derived ? wizard.current : ''}>
        <Stack hasGutter>
          <AccessNotice subject={t('virtual machine disks')} denied={denied} />
          {model.errors.vms ? (
            <LoadError
              error={model.errors.vms}
              model={VirtualMachineModel}
              verb="list"
              namespace={model.namespace}
            />
          ) : null}
          {model.errors.pvcs ? (
            <LoadError
              error={model.errors.pvcs}
              model={PersistentVolumeClaimModel}
              verb="list"
              namespace={model.namespace}
            />
          ) : null}
          {model.errors.pvs ? (
            <LoadError error={model.errors.pvs} model={PersistentVolumeModel} verb="list" />
          ) : null}
          {model.errors.nodes ? (
            <LoadError error={model.errors.nodes} model={NodeModel} verb="list" />
          ) : null}
          <StackItem>
            {derived ? (
              <Wizard
                onClose={close}
                navAriaLabel={t('Move steps')}
                startIndex={MOVE_STEPS.indexOf(wizard.current) + 1}
              >
                <WizardStep
                  name={t('Disk')}
                  id={stepId('disk')}
                  isDisabled={stepOf('disk').locked}
                  footer={footer('disk')}
                >
                  {body(
                    'disk',
                    <>
                      <DiskStep {...step} />
                      <VmStateStep {...step} />
                      <PermissionStep {...step} permission={permission} />
                    </>,
                  )}
                </WizardStep>
                <WizardStep
                  name={t('Target and clone name')}
                  id={stepId('target')}
                  isDisabled={stepOf('target').locked}
                  footer={footer('target')}
                >
                  {body(
                    'target',
                    <>
                      <TargetStep {...step} />
                      <CloneStep {...step} ready={ready} />
                    </>,
                  )}
                </WizardStep>
                <WizardStep
                  name={t('Clone')}
                  id={stepId('clone')}
                  isDisabled={stepOf('clone').locked}
                  footer={footer('clone')}
                >
                  {body('clone', <CloneStep {...step} ready={false} />)}
                </WizardStep>
                <WizardStep
                  name={t('Re-wire and start')}
                  id={stepId('rewire')}
                  isDisabled={stepOf('rewire').locked}
                  footer={footer('rewire')}
                >
                  {body('rewire', <AfterStep {...step} />)}
                </WizardStep>
                <WizardStep
                  name={t('Done')}
                  id={stepId('done')}
                  isDisabled={stepOf('done').locked}
                  footer={{ nextButtonText: t('Close'), isCancelHidden: true }}
                >
                  {body(
                    'done',
                    <Content component="p" data-test="md-done">
                      {t('The disk now lives on {{node}} as the DataVolume', {
                        node: model.cloneNode ?? '—',
                      })}{' '}
                      <ResourceLink
                        inline
                        groupVersionKind={gvkOf(DataVolumeModel)}
                        name={params.dv}
                        namespace={model.targetNamespace}
                      />
                    </Content>,
                  )}
                </WizardStep>
              </Wizard>
            ) : (
              <Spinner size="lg" aria-label={t('Reading the move from the cluster')} />
            )}
          </StackItem>
          <StackItem>
            <LeftoverClones leftovers={leftovers} />
          </StackItem>
        </Stack>
      </PageSection>
    </>
  );
};
