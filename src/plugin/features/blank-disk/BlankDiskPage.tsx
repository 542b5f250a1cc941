// /vm-disks/blank-disk: a blank disk (seed 6.12.5) — name, size, storage class (or the cluster default), access
// and volume mode from the storage defaults for that class, and optionally attached to a stopped VM.
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { FC } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  PageSection,
  TextInput,
  Title,
} from '@patternfly/react-core';
import {
  DocumentTitle,
  ListPageHeader,
  ResourceLink,
  k8sCreate,
  k8sPatch,
  useActiveNamespace,
} from '@openshift-console/dynamic-plugin-sdk';
import { buildBlankDataVolume } from '../../../lib/blank-datavolume';
import type { BlankDiskProblem } from '../../../lib/blank-datavolume';
import { ACCESS_MODES, VOLUME_MODES } from '../../../lib/storage-defaults';
import type { StorageVolumeMode } from '../../../lib/storage-defaults';
import { isDefaultClass } from '../../../lib/scratch-space';
import { attachDataVolumePatch } from '../../../lib/vm-volume-patches';
import { messageOf } from '../../k8s/load-error';
import { useDataVolumes } from '../../k8s/hooks/useDataVolumes';
import { useStorageClasses } from '../../k8s/hooks/useStorageClasses';
import { PopulationStatus } from '../../components/PopulationStatus';
import { blankDiskModel } from './blank-disk-model';
import { createdFromSearch, createdSearch, type Created } from './created-search';
import { VolumeWaitStatus } from '../../components/volume-wait/VolumeWaitStatus';
import { useClaimApi } from '../../k8s/hooks/useClaimApi';
import { useStorageDefaults } from '../../k8s/hooks/useStorageDefaults';
import { useVirtualMachineInstances } from '../../k8s/hooks/useVirtualMachineInstances';
import { useVirtualMachines } from '../../k8s/hooks/useVirtualMachines';
import { ALL_NAMESPACES_KEY, DataVolumeModel, VirtualMachineModel, gvkOf } from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ManifestPreview } from '../../components/ManifestPreview';
import { fieldHelp } from '../../components/FieldHelp';
import { TextField } from '../../components/TextField';
import { AccessNotice } from '../../components/access/AccessNotice';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';

type Translate = ReturnType<typeof usePluginTranslation>['t'];

const problemMessage = (t: Translate, problem: BlankDiskProblem): string => {
  switch (problem.field) {
    case 'name':
      return problem.kind === 'taken'
        ? t('A DataVolume with this name already exists in this namespace.')
        : problem.message;
    case 'namespace':
      return problem.kind === 'missing'
        ? t('Choose a namespace.')
        : t('Not a valid namespace name: {{message}}', { message: problem.message });
    case 'size':
      return problem.kind === 'too-small'
        ? t('CDI needs at least 1Mi.')
        : t('Not a valid quantity (for example 10Gi): {{message}}', { message: problem.message });
  }
};

export const BlankDiskPage: FC = () => {
  const { t } = usePluginTranslation();
  const [activeNamespace] = useActiveNamespace();
  const [namespace, setNamespace] = useState(
    activeNamespace === ALL_NAMESPACES_KEY ? '' : activeNamespace,
  );
  const [name, setName] = useState('blank-disk');
  const [size, setSize] = useState('1Gi');
  const [storageClassName, setStorageClassName] = useState('');
  const [accessMode, setAccessMode] = useState<string | undefined>(undefined);
  const [volumeMode, setVolumeMode] = useState<StorageVolumeMode | undefined>(undefined);
  const [vmName, setVmName] = useState('');
  const [diskName, setDiskName] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  // The created disk lives in the URL (reload, Back); only the attach error is transient.
  const location = useLocation();
  const navigate = useNavigate();
  const [attachError, setAttachError] = useState<string | undefined>(undefined);
  const fromUrl = createdFromSearch(location.search);
  const created: Created | undefined = fromUrl
    ? { ...fromUrl, ...(attachError ? { attachError } : {}) }
    : undefined;
  const setCreated = (next: Created | undefined) => {
    setAttachError(next?.attachError);
    void navigate({ pathname: location.pathname, search: next ? createdSearch(next) : '' });
  };

  const [classes] = useStorageClasses();
  const defaultClass = classes.find(isDefaultClass)?.metadata?.name;
  const [defaults, defaultsLoaded] = useStorageDefaults(storageClassName || undefined);
  const [dataVolumes] = useDataVolumes(namespace || undefined);
  const [vms] = useVirtualMachines(namespace || undefined);
  const [vmis] = useVirtualMachineInstances(namespace || undefined);
  const model = blankDiskModel({
    state: {
      namespace,
      name,
      size,
      storageClassName,
      ...(accessMode !== undefined ? { accessMode } : {}),
      ...(volumeMode !== undefined ? { volumeMode } : {}),
      vmName,
      ...(diskName !== undefined ? { diskName } : {}),
    },
    defaults,
    dataVolumes,
    vms,
    vmis,
  });
  const { values, problems, vm, vmRunning } = model;
  const nsVMs = model.vms;
  const effectiveDiskName = model.diskName;
  const problemOf = (field: BlankDiskProblem['field']) => {
    const problem = problems.find((p) => p.field === field);
    return problem ? problemMessage(t, problem) : undefined;
  };
  const [claim] = useClaimApi(storageClassName);
  const manifest = buildBlankDataVolume(values, claim);
  const [denied, accessLoaded] = useAccessNeeds(
    namespace.trim()
      ? [
          needOf('create', DataVolumeModel, { namespace: namespace.trim() }),
          ...(vm ? [needOf('patch', VirtualMachineModel, { namespace, name: vmName })] : []),
        ]
      : [],
  );

  const submit = async () => {
    setError(undefined);
    if (problems.length > 0 || vmRunning) return;
    setCreating(true);
    try {
      await k8sCreate({ model: DataVolumeModel, data: manifest });
      const result: Created = { name: manifest.metadata.name, namespace };
      if (vm) {
        try {
          await k8sPatch({
            model: VirtualMachineModel,
            resource: vm,
            data: attachDataVolumePatch(vm, effectiveDiskName, manifest.metadata.name),
          });
          result.attachedTo = vmName;
          result.disk = effectiveDiskName;
        } catch (attachError) {
          result.attachError = messageOf(attachError);
        }
      }
      setCreated(result);
    } catch (createError) {
      setError(messageOf(createError));
    } finally {
      setCreating(false);
    }
  };

  const title = t('Create blank disk');
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'An empty disk image (a DataVolume with a blank source) to add capacity or a new data partition to a virtual machine.',
        )}
      />
      <PageSection data-test="blank-disk">
        <AccessNotice subject={t('blank disks')} denied={denied} />
        {created ? (
          <Alert
            isInline
            variant={created.attachError ? 'warning' : 'success'}
            title={t('Blank disk {{name}} created', { name: created.name })}
            data-test="bd-result"
            actionLinks={
              <Button
                variant="link"
                isInline
                onClick={() => {
                  setCreated(undefined);
                  setName('');
                }}
              >
                {t('Create another')}
              </Button>
            }
          >
            <ResourceLink
              groupVersionKind={gvkOf(DataVolumeModel)}
              name={created.name}
              namespace={created.namespace}
            />
            {created.attachedTo ? (
              <p data-test="bd-attached">
                {t('Attached to the virtual machine {{vm}} as disk {{disk}}.', {
                  vm: created.attachedTo,
                  disk: created.disk ?? '',
                })}
              </p>
            ) : null}
            {created.attachError ? (
              <p>{t('Could not attach it: {{message}}', { message: created.attachError })}</p>
            ) : null}
            <VolumeWaitStatus
              namespace={created.namespace}
              name={created.name}
              canForceBind={!created.attachedTo}
            />
            <PopulationStatus namespace={created.namespace} name={created.name} />
          </Alert>
        ) : (
          <Form
            data-test="blank-disk-form"
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <FormGroup label={t('Namespace')} isRequired fieldId="bd-namespace">
              <TextInput
                id="bd-namespace"
                data-test="bd-namespace"
                value={namespace}
                onChange={(_event, value) => {
                  setNamespace(value.trim());
                  setVmName('');
                }}
              />
              {fieldHelp(problemOf('namespace'))}
            </FormGroup>
            <TextField
              id="bd-name"
              label={t('Name')}
              isRequired
              value={name}
              onChange={setName}
              error={problemOf('name')}
            />
            <TextField
              id="bd-size"
              label={t('Size')}
              isRequired
              value={size}
              onChange={setSize}
              error={problemOf('size')}
              hint={t('A Kubernetes quantity, for example 2Gi or 500Mi.')}
            />
            <FormGroup label={t('Storage class')} fieldId="bd-class">
              <FormSelect
                id="bd-class"
                data-test="bd-class"
                value={storageClassName}
                onChange={(_event, value) => {
                  setStorageClassName(value);
                  setAccessMode(undefined);
                  setVolumeMode(undefined);
                }}
              >
                <FormSelectOption
                  value=""
                  label={
                    defaultClass
                      ? t('Cluster default ({{name}})', { name: defaultClass })
                      : t('Cluster default')
                  }
                />
                {classes.map((sc) => (
                  <FormSelectOption
                    key={sc.metadata?.name}
                    value={sc.metadata?.name ?? ''}
                    label={sc.metadata?.name ?? ''}
                  />
                ))}
              </FormSelect>
            </FormGroup>
            <FormGroup label={t('Access mode')} fieldId="bd-access-mode">
              <FormSelect
                id="bd-access-mode"
                data-test="bd-access-mode"
                value={values.accessMode}
                onChange={(_event, value) => {
                  setAccessMode(value);
                }}
              >
                {ACCESS_MODES.map((mode) => (
                  <FormSelectOption key={mode} value={mode} label={mode} />
                ))}
              </FormSelect>
              {fieldHelp(
                undefined,
                defaultsLoaded
                  ? t('Default from the storage defaults: {{value}} ({{source}}).', {
                      value: defaults.accessMode,
                      source: defaults.sources.accessMode,
                    })
                  : t('Loading the storage defaults…'),
              )}
            </FormGroup>
            <FormGroup label={t('Volume mode')} fieldId="bd-volume-mode">
              <FormSelect
                id="bd-volume-mode"
                data-test="bd-volume-mode"
                value={values.volumeMode}
                onChange={(_event, value) => {
                  setVolumeMode(value as StorageVolumeMode);
                }}
              >
                {VOLUME_MODES.map((mode) => (
                  <FormSelectOption key={mode} value={mode} label={mode} />
                ))}
              </FormSelect>
              {fieldHelp(
                undefined,
                defaultsLoaded
                  ? t('Default from the storage defaults: {{value}} ({{source}}).', {
                      value: defaults.volumeMode,
                      source: defaults.sources.volumeMode,
                    })
                  : undefined,
              )}
            </FormGroup>
            <FormGroup label={t('Attach to virtual machine')} fieldId="bd-vm">
              <FormSelect
                id="bd-vm"
                data-test="bd-vm"
                value={vmName}
                onChange={(_event, value) => {
                  setVmName(value);
                  setDiskName(undefined);
                }}
              >
                <FormSelectOption value="" label={t('Do not attach')} />
                {nsVMs.map((v) => {
                  const n = v.metadata?.name ?? '';
                  const stopped = model.stopped(v);
                  return (
                    <FormSelectOption
                      key={n}
                      value={n}
                      isDisabled={!stopped}
                      label={stopped ? n : t('{{name}} (running: stop it first)', { name: n })}
                    />
                  );
                })}
              </FormSelect>
              {fieldHelp(
                vmRunning ? t('The virtual machine is running; stop it first.') : undefined,
                t('Only stopped virtual machines can get a new disk here.'),
              )}
            </FormGroup>
            {vm ? (
              <FormGroup label={t('Disk name in the virtual machine')} fieldId="bd-disk-name">
                <TextInput
                  id="bd-disk-name"
                  data-test="bd-disk-name"
                  value={effectiveDiskName}
                  onChange={(_event, value) => {
                    setDiskName(value);
                  }}
                />
              </FormGroup>
            ) : null}
            <Title headingLevel="h2" size="md">
              {t('DataVolume to create')}
            </Title>
            <ManifestPreview manifest={manifest} testId="bd-yaml" />
            {error ? (
              <Alert
                isInline
                variant="danger"
                title={t('Could not create the DataVolume')}
                data-test="bd-error"
              >
                {error}
              </Alert>
            ) : null}
            <ActionGroup>
              <Button
                type="submit"
                variant="primary"
                data-test="bd-create"
                isLoading={creating}
                isDisabled={
                  creating ||
                  problems.length > 0 ||
                  vmRunning ||
                  !defaultsLoaded ||
                  !accessLoaded ||
                  denied.length > 0
                }
              >
                {t('Create')}
              </Button>
            </ActionGroup>
          </Form>
        )}
      </PageSection>
    </>
  );
};
