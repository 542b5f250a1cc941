// The local PersistentVolume form (seed 6.12.3.4 block PV, 6.12.4.1 filesystem PV on a node): node, mode, path,
// capacity, class, access mode, reclaim policy, labels; validated against the cluster (node exists, path free on
// that node); for a loop-backed block device it prints the node's `dd` and `losetup` commands with these values.
import type { FC } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Radio,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { DEFAULT_LOCAL_STORAGE_CLASS } from '../../../lib/local-pv';
import type {
  LocalAccessMode,
  LocalPVFieldProblem,
  LocalReclaimPolicy,
  LocalVolumeMode,
} from '../../../lib/local-pv';
import { LoadError } from '../../components/LoadError';
import { NodeModel, PersistentVolumeModel } from '../../k8s/models';
import { getNodeRoles } from '../../k8s/selectors/node';
import type { PersistentVolumeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ManifestPreview } from '../../components/ManifestPreview';
import { localPVProblemMessage } from './problem-messages';
import { fieldHelp } from '../../components/FieldHelp';
import { TextField } from '../../components/TextField';
import { AccessNotice } from '../../components/access/AccessNotice';
import { LoopDeviceFields } from './LoopDeviceFields';
import { useLocalVolumeForm } from './useLocalVolumeForm';

const ACCESS_MODES: LocalAccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'];
const RECLAIM_POLICIES: LocalReclaimPolicy[] = ['Delete', 'Retain'];
const isAccessMode = (v: string): v is LocalAccessMode => ACCESS_MODES.some((m) => m === v);
const isReclaimPolicy = (v: string): v is LocalReclaimPolicy =>
  RECLAIM_POLICIES.some((p) => p === v);

export interface LocalVolumeFormProps {
  initialNode?: string;
  initialCapacity?: string;
  initialVolumeMode?: LocalVolumeMode;
  initialStorageClass?: string;
  /** Nodes the user may not pick (the node field is then locked to `initialNode`). */
  lockNode?: boolean;
  onCreated: (pv: PersistentVolumeKind) => void;
  onCancel: () => void;
}

export const LocalVolumeForm: FC<LocalVolumeFormProps> = ({
  initialNode = '',
  initialCapacity = '2Gi',
  initialVolumeMode = 'Block',
  initialStorageClass = DEFAULT_LOCAL_STORAGE_CLASS,
  lockNode = false,
  onCreated,
  onCancel,
}) => {
  const { t } = usePluginTranslation();
  const form = useLocalVolumeForm(
    {
      node: initialNode,
      capacity: initialCapacity,
      volumeMode: initialVolumeMode,
      storageClassName: initialStorageClass,
    },
    onCreated,
  );
  const { state, update, model, nodes, denied } = form;
  const shown = (field: LocalPVFieldProblem['field']): string | undefined => {
    const problem = model.shown(field);
    return problem ? localPVProblemMessage(t, problem) : undefined;
  };

  return (
    <Form
      data-test="local-volume-form"
      onSubmit={(event) => {
        event.preventDefault();
        form.submit();
      }}
    >
      <AccessNotice subject={t('local volumes')} denied={denied} />
      {form.nodesError ? <LoadError error={form.nodesError} model={NodeModel} verb="list" /> : null}
      {form.pvsError ? (
        <LoadError error={form.pvsError} model={PersistentVolumeModel} verb="list" />
      ) : null}
      <FormGroup label={t('Node')} isRequired fieldId="lv-node">
        <FormSelect
          id="lv-node"
          data-test="lv-node"
          value={state.node}
          isDisabled={lockNode && Boolean(initialNode)}
          onChange={(_event, value) => {
            update({ node: value });
          }}
          validated={shown('node') ? 'error' : 'default'}
        >
          <FormSelectOption value="" label={t('Select a node')} isPlaceholder />
          {nodes.map((n) => {
            const nodeName = n.metadata?.name ?? '';
            const roles = getNodeRoles(n).join(', ');
            return (
              <FormSelectOption
                key={nodeName}
                value={nodeName}
                label={roles ? `${nodeName} (${roles})` : nodeName}
              />
            );
          })}
        </FormSelect>
        {fieldHelp(
          shown('node') ?? (form.nodesLoaded ? undefined : t('Loading nodes…')),
          t('The PV gets a nodeAffinity on this node’s kubernetes.io/hostname.'),
        )}
      </FormGroup>
      <FormGroup label={t('Volume mode')} role="radiogroup" isInline fieldId="lv-mode">
        <Radio
          id="lv-mode-block"
          name="lv-mode"
          data-test="lv-mode-block"
          label={t('Block (a raw device, for example a loop device)')}
          isChecked={state.volumeMode === 'Block'}
          onChange={() => {
            update({ volumeMode: 'Block' });
          }}
        />
        <Radio
          id="lv-mode-filesystem"
          name="lv-mode"
          data-test="lv-mode-filesystem"
          label={t('Filesystem (a mounted directory)')}
          isChecked={state.volumeMode === 'Filesystem'}
          onChange={() => {
            update({ volumeMode: 'Filesystem' });
          }}
        />
      </FormGroup>
      <FormGroup
        label={
          state.volumeMode === 'Block' ? t('Device path on the node') : t('Mount path on the node')
        }
        isRequired
        fieldId="lv-path"
      >
        <TextInput
          id="lv-path"
          data-test="lv-path"
          value={model.path}
          onChange={(_event, value) => {
            update({ path: value });
          }}
          validated={shown('path') ? 'error' : 'default'}
        />
        {fieldHelp(shown('path'))}
      </FormGroup>
      <TextField
        id="lv-capacity"
        label={t('Capacity')}
        isRequired
        value={state.capacity}
        onChange={(capacity) => {
          update({ capacity });
        }}
        error={shown('capacity')}
        hint={t('A Kubernetes quantity, for example 2Gi or 500Mi.')}
      />
      <TextField
        id="lv-name"
        label={t('Name')}
        isRequired
        value={model.name}
        onChange={(name) => {
          update({ name });
        }}
        error={shown('name')}
      />
      <FormGroup label={t('Storage class')} fieldId="lv-class">
        <TextInput
          id="lv-class"
          data-test="lv-class"
          value={state.storageClassName}
          onChange={(_event, value) => {
            update({ storageClassName: value });
          }}
          validated={shown('storageClassName') ? 'error' : 'default'}
        />
        {fieldHelp(
          shown('storageClassName'),
          t('Claims bind to this PV only when they ask for the same class. Empty: no class.'),
        )}
      </FormGroup>
      <FormGroup label={t('Access mode')} fieldId="lv-access-mode">
        <FormSelect
          id="lv-access-mode"
          data-test="lv-access-mode"
          value={state.accessMode}
          onChange={(_event, value) => {
            if (isAccessMode(value)) update({ accessMode: value });
          }}
        >
          {ACCESS_MODES.map((mode) => (
            <FormSelectOption key={mode} value={mode} label={mode} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label={t('Reclaim policy')} fieldId="lv-reclaim">
        <FormSelect
          id="lv-reclaim"
          data-test="lv-reclaim"
          value={state.reclaimPolicy}
          onChange={(_event, value) => {
            if (isReclaimPolicy(value)) update({ reclaimPolicy: value });
          }}
        >
          {RECLAIM_POLICIES.map((policy) => (
            <FormSelectOption key={policy} value={policy} label={policy} />
          ))}
        </FormSelect>
      </FormGroup>
      <FormGroup label={t('Labels')} fieldId="lv-labels">
        <TextInput
          id="lv-labels"
          data-test="lv-labels"
          value={state.labelsText}
          placeholder={t('node=node01, tier=fast')}
          onChange={(_event, value) => {
            update({ labelsText: value });
          }}
          validated={shown('labels') ? 'error' : 'default'}
        />
        {fieldHelp(shown('labels'), t('Optional key=value pairs, separated by commas.'))}
      </FormGroup>
      {state.volumeMode === 'Block' ? (
        <LoopDeviceFields
          node={state.node}
          loopBacked={state.loopBacked}
          backingFile={model.backingFile}
          backingFileError={shown('backingFile')}
          commands={model.commands}
          onLoopBacked={(loopBacked) => {
            update({ loopBacked });
          }}
          onBackingFile={(backingFile) => {
            update({ backingFile });
          }}
        />
      ) : null}
      <Title headingLevel="h2" size="md">
        {t('PersistentVolume to create')}
      </Title>
      <ManifestPreview manifest={model.manifest} testId="lv-yaml" />
      {form.createError ? (
        <Alert
          isInline
          variant="danger"
          title={t('Could not create the PersistentVolume')}
          data-test="lv-error"
        >
          {form.createError}
        </Alert>
      ) : null}
      {state.touched && model.problems.length > 0 ? (
        <Alert
          isInline
          variant="danger"
          title={t('Fix the fields marked above')}
          data-test="lv-invalid"
        >
          <ul>
            {model.problems.map((problem) => (
              <li key={`${problem.field}-${problem.kind}`}>{localPVProblemMessage(t, problem)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <ActionGroup>
        <Button
          type="submit"
          variant="primary"
          data-test="lv-create"
          isLoading={form.creating}
          isDisabled={form.creating || !form.pvsLoaded || !form.accessLoaded || denied.length > 0}
        >
          {t('Create')}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('Cancel')}
        </Button>
      </ActionGroup>
    </Form>
  );
};
