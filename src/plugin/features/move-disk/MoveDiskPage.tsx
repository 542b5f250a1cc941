// /vm-disks/move-disk: move a VM disk to another node by cloning it (seed 6.12.4). Opened from the nav or from
// the action menu of a VirtualMachine, PVC or DataVolume; every step refuses with its reason, and every change
// to the user's objects (stop, re-wire, attach, delete) is confirmed first.
import { useEffect } from 'react';
import type { FC, ReactNode } from 'react';
import {
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Form,
  PageSection,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { DocumentTitle, ListPageHeader } from '@openshift-console/dynamic-plugin-sdk';
import { LoadError } from '../../components/LoadError';
import {
  DataVolumeModel,
  NodeModel,
  PersistentVolumeClaimModel,
  PersistentVolumeModel,
  VirtualMachineModel,
} from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { DiskStep, PermissionStep, VmStateStep, useClonePermission } from './SourceSteps';
import { LeftoverClones } from './LeftoverClones';
import { AfterStep, CloneStep, TargetStep } from './TargetSteps';
import { useMoveDiskModel } from './useMoveDiskModel';
import { useWizardParams } from './wizard-params';
import { AccessNotice } from '../../components/access/AccessNotice';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';

const Step: FC<{
  n: number;
  title: string;
  testId: string;
  enabled: boolean;
  children: ReactNode;
}> = ({ n, title, testId, enabled, children }) => (
  <Card data-test={testId} data-enabled={enabled ? 'yes' : 'no'} isDisabled={!enabled}>
    <CardHeader>
      <CardTitle>{`${String(n)}. ${title}`}</CardTitle>
    </CardHeader>
    {enabled ? (
      <CardBody>
        <Form
          onSubmit={(event) => {
            event.preventDefault();
          }}
        >
          {children}
        </Form>
      </CardBody>
    ) : null}
  </Card>
);

export const MoveDiskPage: FC = () => {
  const { t } = usePluginTranslation();
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
  const hasSource = Boolean(model.source);
  const sourceOk = hasSource && model.sourceRefusals.length === 0;
  const permissionOk = !permission.loading && permission.createDV && permission.clone;
  const cloneStarted = Boolean(params.dv);
  const ready =
    sourceOk &&
    permissionOk &&
    accessLoaded &&
    denied.length === 0 &&
    Boolean(model.target) &&
    model.refusals.length === 0;
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
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'Clone a virtual machine disk onto a local PersistentVolume of another node, then point the virtual machine at the copy.',
        )}
      />
      <PageSection data-test="move-disk">
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
            <Step n={1} title={t('Disk')} testId="md-step-disk" enabled>
              <DiskStep {...step} />
            </Step>
          </StackItem>
          <StackItem>
            <Step n={2} title={t('Virtual machine')} testId="md-step-vm" enabled={hasSource}>
              <VmStateStep {...step} />
            </Step>
          </StackItem>
          <StackItem>
            <Step
              n={3}
              title={t('Permission')}
              testId="md-step-permission"
              enabled={Boolean(model.claim)}
            >
              <PermissionStep {...step} permission={permission} />
            </Step>
          </StackItem>
          <StackItem>
            <Step
              n={4}
              title={t('Target node and volume')}
              testId="md-step-target"
              enabled={hasSource && !cloneStarted}
            >
              <TargetStep {...step} />
            </Step>
          </StackItem>
          <StackItem>
            <Step
              n={5}
              title={t('Clone')}
              testId="md-step-clone"
              enabled={cloneStarted || (sourceOk && Boolean(model.target))}
            >
              <CloneStep {...step} ready={ready} />
            </Step>
          </StackItem>
          <StackItem>
            <Step n={6} title={t('After the clone')} testId="md-step-after" enabled={cloneStarted}>
              <AfterStep {...step} />
            </Step>
          </StackItem>
          {model.leftovers.length > 0 ? (
            <StackItem>
              <LeftoverClones model={model} />
            </StackItem>
          ) : null}
        </Stack>
      </PageSection>
    </>
  );
};
