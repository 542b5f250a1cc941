// The local PersistentVolume form (seed 6.12.3.4 block PV, 6.12.4.1 filesystem PV on a node): node, mode, path,
// capacity, class, access mode, reclaim policy, labels; validated against the cluster (node exists, path free on
// that node); for a loop-backed block device it prints the node's `dd` and `losetup` commands with these values.
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Checkbox,
  ClipboardCopy,
  Content,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  Radio,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { k8sCreate } from '@openshift-console/dynamic-plugin-sdk';
import {
  DEFAULT_LOCAL_STORAGE_CLASS,
  buildLocalPV,
  loopDeviceCommands,
  normalizePath,
  parseLabels,
  validateLocalPV,
} from '../../../lib/local-pv';
import type {
  LocalAccessMode,
  LocalPVFieldProblem,
  LocalReclaimPolicy,
  LocalVolumeMode,
} from '../../../lib/local-pv';
import { suggestName } from '../../../lib/k8s-names';
import { LoadError } from '../../components/LoadError';
import { messageOf } from '../../k8s/load-error';
import { useNodes } from '../../k8s/hooks/useNodes';
import { usePersistentVolumes } from '../../k8s/hooks/usePersistentVolumes';
import { NodeModel, PersistentVolumeModel } from '../../k8s/models';
import { getNodeHostname, getNodeRoles } from '../../k8s/selectors/node';
import { getPVAffinityHostnames, getPVLocalPath } from '../../k8s/selectors/persistent-volume';
import type { PersistentVolumeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ManifestPreview } from '../../components/ManifestPreview';
import { localPVProblemMessage } from './problem-messages';
import { fieldHelp } from '../../components/FieldHelp';
import { TextField } from '../../components/TextField';
import { AccessNotice } from '../../components/access/AccessNotice';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';

const CREATE_PV = [needOf('create', PersistentVolumeModel)];

const ACCESS_MODES: LocalAccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'];
const RECLAIM_POLICIES: LocalReclaimPolicy[] = ['Delete', 'Retain'];
const DEFAULT_PATHS: Record<LocalVolumeMode, string> = {
  Block: '/dev/loop10',
  Filesystem: '/mnt/local-storage/local/disk1',
};

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

const defaultName = (mode: LocalVolumeMode, node: string, taken: ReadonlySet<string>): string => {
  const base = suggestName(`local-${mode === 'Block' ? 'block' : 'fs'}-pv-${node || 'node'}`);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i += 1) {
    const candidate = `${base}-${String(i)}`;
    if (!taken.has(candidate)) return candidate;
  }
};

const deviceFileName = (device: string): string =>
  normalizePath(device).split('/').pop() || 'loop-device';

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
  const [nodes, nodesLoaded, nodesError] = useNodes();
  const [pvs, pvsLoaded, pvsError] = usePersistentVolumes();

  const [node, setNode] = useState(initialNode);
  const [volumeMode, setVolumeMode] = useState<LocalVolumeMode>(initialVolumeMode);
  const [path, setPath] = useState<string | undefined>(undefined);
  const [capacity, setCapacity] = useState(initialCapacity);
  const [name, setName] = useState<string | undefined>(undefined);
  const [storageClassName, setStorageClassName] = useState(initialStorageClass);
  const [accessMode, setAccessMode] = useState<LocalAccessMode>('ReadWriteOnce');
  const [reclaimPolicy, setReclaimPolicy] = useState<LocalReclaimPolicy>('Delete');
  const [labelsText, setLabelsText] = useState('');
  const [loopBacked, setLoopBacked] = useState(true);
  const [backingFile, setBackingFile] = useState<string | undefined>(undefined);
  const [touched, setTouched] = useState(false);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | undefined>(undefined);

  const takenNames = useMemo(() => new Set(pvs.map((pv) => pv.metadata?.name ?? '')), [pvs]);
  const effectivePath = path ?? DEFAULT_PATHS[volumeMode];
  const effectiveName = name ?? defaultName(volumeMode, node, takenNames);
  const effectiveBackingFile =
    backingFile ?? `/var/local-storage/${deviceFileName(effectivePath)}.img`;

  const context = useMemo(
    () => ({
      nodes: new Map(nodes.map((n) => [n.metadata?.name ?? '', getNodeHostname(n)])),
      existing: pvs.map((pv) => ({
        name: pv.metadata?.name ?? '',
        hostnames: getPVAffinityHostnames(pv),
        path: getPVLocalPath(pv),
      })),
    }),
    [nodes, pvs],
  );
  const makesLoopDevice = volumeMode === 'Block' && loopBacked;
  const problems = validateLocalPV(
    {
      name: effectiveName,
      node,
      path: effectivePath,
      capacity,
      storageClassName,
      labelsText,
      ...(makesLoopDevice ? { backingFile: effectiveBackingFile } : {}),
    },
    context,
  );
  const problemOf = (field: LocalPVFieldProblem['field']): string | undefined => {
    const problem = problems.find((p) => p.field === field);
    return problem ? localPVProblemMessage(t, problem) : undefined;
  };
  const hostname = context.nodes.get(node) ?? node;
  const manifest = buildLocalPV({
    name: effectiveName,
    hostname,
    volumeMode,
    path: effectivePath,
    capacity,
    storageClassName,
    accessMode,
    reclaimPolicy,
    labels: parseLabels(labelsText).labels,
  });
  const commands = makesLoopDevice
    ? loopDeviceCommands({ backingFile: effectiveBackingFile, device: effectivePath, capacity })
    : undefined;

  const shown = (field: LocalPVFieldProblem['field']): string | undefined =>
    touched ||
    field === 'path' ||
    field === 'name' ||
    field === 'capacity' ||
    field === 'backingFile'
      ? problemOf(field)
      : undefined;

  const [denied, accessLoaded] = useAccessNeeds(CREATE_PV);

  const submit = async () => {
    setTouched(true);
    setCreateError(undefined);
    if (problems.length > 0) return;
    setCreating(true);
    try {
      const created = await k8sCreate({
        model: PersistentVolumeModel,
        data: manifest,
      });
      onCreated(created);
    } catch (error) {
      setCreateError(messageOf(error));
    } finally {
      setCreating(false);
    }
  };

  return (
    <Form
      data-test="local-volume-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <AccessNotice subject={t('local volumes')} denied={denied} />
      {nodesError ? <LoadError error={nodesError} model={NodeModel} verb="list" /> : null}
      {pvsError ? <LoadError error={pvsError} model={PersistentVolumeModel} verb="list" /> : null}
      <FormGroup label={t('Node')} isRequired fieldId="lv-node">
        <FormSelect
          id="lv-node"
          data-test="lv-node"
          value={node}
          isDisabled={lockNode && Boolean(initialNode)}
          onChange={(_event, value) => {
            setNode(value);
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
          shown('node') ?? (nodesLoaded ? undefined : t('Loading nodes…')),
          t('The PV gets a nodeAffinity on this node’s kubernetes.io/hostname.'),
        )}
      </FormGroup>
      <FormGroup label={t('Volume mode')} role="radiogroup" isInline fieldId="lv-mode">
        <Radio
          id="lv-mode-block"
          name="lv-mode"
          data-test="lv-mode-block"
          label={t('Block (a raw device, for example a loop device)')}
          isChecked={volumeMode === 'Block'}
          onChange={() => {
            setVolumeMode('Block');
          }}
        />
        <Radio
          id="lv-mode-filesystem"
          name="lv-mode"
          data-test="lv-mode-filesystem"
          label={t('Filesystem (a mounted directory)')}
          isChecked={volumeMode === 'Filesystem'}
          onChange={() => {
            setVolumeMode('Filesystem');
          }}
        />
      </FormGroup>
      <FormGroup
        label={volumeMode === 'Block' ? t('Device path on the node') : t('Mount path on the node')}
        isRequired
        fieldId="lv-path"
      >
        <TextInput
          id="lv-path"
          data-test="lv-path"
          value={effectivePath}
          onChange={(_event, value) => {
            setPath(value);
          }}
          validated={shown('path') ? 'error' : 'default'}
        />
        {fieldHelp(shown('path'))}
      </FormGroup>
      <TextField
        id="lv-capacity"
        label={t('Capacity')}
        isRequired
        value={capacity}
        onChange={setCapacity}
        error={shown('capacity')}
        hint={t('A Kubernetes quantity, for example 2Gi or 500Mi.')}
      />
      <TextField
        id="lv-name"
        label={t('Name')}
        isRequired
        value={effectiveName}
        onChange={setName}
        error={shown('name')}
      />
      <FormGroup label={t('Storage class')} fieldId="lv-class">
        <TextInput
          id="lv-class"
          data-test="lv-class"
          value={storageClassName}
          onChange={(_event, value) => {
            setStorageClassName(value);
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
          value={accessMode}
          onChange={(_event, value) => {
            setAccessMode(value as LocalAccessMode);
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
          value={reclaimPolicy}
          onChange={(_event, value) => {
            setReclaimPolicy(value as LocalReclaimPolicy);
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
          value={labelsText}
          placeholder={t('node=node01, tier=fast')}
          onChange={(_event, value) => {
            setLabelsText(value);
          }}
          validated={shown('labels') ? 'error' : 'default'}
        />
        {fieldHelp(shown('labels'), t('Optional key=value pairs, separated by commas.'))}
      </FormGroup>
      {volumeMode === 'Block' ? (
        <>
          <Checkbox
            id="lv-loop"
            data-test="lv-loop"
            label={t('The device is a loop device backed by a file I create on the node')}
            isChecked={loopBacked}
            onChange={(_event, checked) => {
              setLoopBacked(checked);
            }}
          />
          {loopBacked ? (
            <FormGroup label={t('Backing file on the node')} fieldId="lv-backing-file">
              <TextInput
                id="lv-backing-file"
                data-test="lv-backing-file"
                value={effectiveBackingFile}
                onChange={(_event, value) => {
                  setBackingFile(value);
                }}
                validated={shown('backingFile') ? 'error' : 'default'}
              />
              {fieldHelp(shown('backingFile'))}
            </FormGroup>
          ) : null}
          {commands ? (
            <div data-test="lv-commands">
              <Title headingLevel="h2" size="md">
                {t('Run as root on {{node}} before creating the PV', {
                  node: node || t('the node'),
                })}
              </Title>
              {commands.map((command) => (
                <ClipboardCopy
                  key={command}
                  isReadOnly
                  isCode
                  hoverTip={t('Copy')}
                  clickTip={t('Copied')}
                  data-test="lv-command"
                >
                  {command}
                </ClipboardCopy>
              ))}
              <Content component="small">
                {t(
                  'dd writes a file of exactly the PV capacity; losetup attaches it as the device the PV names.',
                )}
              </Content>
            </div>
          ) : null}
        </>
      ) : null}
      <Title headingLevel="h2" size="md">
        {t('PersistentVolume to create')}
      </Title>
      <ManifestPreview manifest={manifest} testId="lv-yaml" />
      {createError ? (
        <Alert
          isInline
          variant="danger"
          title={t('Could not create the PersistentVolume')}
          data-test="lv-error"
        >
          {createError}
        </Alert>
      ) : null}
      {touched && problems.length > 0 ? (
        <Alert
          isInline
          variant="danger"
          title={t('Fix the fields marked above')}
          data-test="lv-invalid"
        >
          <ul>
            {problems.map((problem) => (
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
          isLoading={creating}
          isDisabled={creating || !pvsLoaded || !accessLoaded || denied.length > 0}
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
