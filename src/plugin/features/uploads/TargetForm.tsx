// The target of one upload, as `virtctl image-upload` allows it: a new DataVolume (default), a new upload PVC,
// or an existing upload DataVolume; name, namespace, size, storage class, access and volume mode, force-bind.
// Every refusal is shown before any byte moves, with its cause and fix.
import { useId, useMemo, useState } from 'react';
import type { FC } from 'react';
import {
  ActionGroup,
  Alert,
  Button,
  ClipboardCopy,
  Checkbox,
  ExpandableSection,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  Radio,
  TextInput,
} from '@patternfly/react-core';
import { useAccessReview, useActiveNamespace } from '@openshift-console/dynamic-plugin-sdk';
import { checkUpload, proposedSizeBytes, sizeQuantity } from '../../../lib/cdi-upload-rules';
import { suggestName } from '../../../lib/k8s-names';
import { bytesOf } from '../../../lib/quantity';
import { useClaimApi } from '../../k8s/hooks/useClaimApi';
import { useDataVolumes } from '../../k8s/hooks/useDataVolumes';
import { ALL_NAMESPACES_KEY } from '../../k8s/models';
import { volumeModeOf } from '../../k8s/selectors/api-enums';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import type { Inspected } from './image-worker-client';
import { virtctlCommand, type TargetKind, type TargetValues } from './manifests';
import { NamespaceSelect, useListableNamespaces } from './NamespaceSelect';
import { problemText } from './problem-text';
import { useTargetContext } from './useTargetDefaults';
import { WAITING_FOR_CONSUMER } from '../../components/volume-wait/force-bind-patch';

export interface TargetFormProps {
  fileName: string;
  inspected: Inspected;
  onStart: (values: TargetValues) => void;
  onRemove: () => void;
  busy: boolean;
  error?: string;
  /** Values of an earlier attempt (e.g. after "already exists"), to start from. */
  initial?: TargetValues;
  /** The file's first bytes read as text: uploading it as a raw disk needs the user's confirmation. */
  looksLikeText?: boolean;
}

const ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'];

export const TargetForm: FC<TargetFormProps> = ({
  fileName,
  inspected,
  onStart,
  onRemove,
  busy,
  error,
  initial,
  looksLikeText,
}) => {
  const { t } = usePluginTranslation();
  // Unique per card: two cards never share an element id (a label focuses its own card's field).
  const uid = useId();
  const fieldId = (field: string) => `${uid}-${field}`;
  const [textConfirmed, setTextConfirmed] = useState(false);
  const [forceBindConsent, setForceBindConsent] = useState(false);
  const [activeNamespace] = useActiveNamespace();
  const image = inspected.inspection;
  const [kind, setKind] = useState<TargetKind>(initial?.kind ?? 'new-dv');
  const [name, setName] = useState(() => initial?.name ?? suggestName(fileName));
  const [namespace, setNamespace] = useState(
    initial?.namespace ??
      (activeNamespace && activeNamespace !== ALL_NAMESPACES_KEY ? activeNamespace : 'default'),
  );
  const [storageClassName, setStorageClassName] = useState(initial?.storageClassName ?? '');
  const ctx = useTargetContext(storageClassName);
  const [claim] = useClaimApi(storageClassName);
  const [accessMode, setAccessMode] = useState<string | undefined>(initial?.accessMode);
  const [volumeMode, setVolumeMode] = useState<'Filesystem' | 'Block' | undefined>(
    initial?.volumeMode,
  );
  const effectiveAccess = accessMode ?? ctx.accessMode;
  const effectiveVolume = volumeMode ?? ctx.volumeMode;
  const [size, setSize] = useState<string | undefined>(initial?.size);
  const proposed =
    image.virtualSize !== null
      ? sizeQuantity(proposedSizeBytes(image.virtualSize, effectiveVolume, ctx.overhead))
      : '';
  const effectiveSize = size ?? proposed;
  const wffc = ctx.selectedClass?.volumeBindingMode === 'WaitForFirstConsumer';
  const [forceBind, setForceBind] = useState<boolean | undefined>(initial?.forceBind);
  const effectiveForceBind = forceBind ?? wffc;

  const [dataVolumes] = useDataVolumes(namespace);
  const uploadDvs = useMemo(
    () => dataVolumes.filter((dv) => dv.spec?.source?.upload !== undefined),
    [dataVolumes],
  );
  const [pickedExisting, setExistingName] = useState(
    initial?.kind === 'existing-dv' ? initial.name : '',
  );
  const existingName = pickedExisting || (uploadDvs[0]?.metadata?.name ?? '');
  const existing = dataVolumes.find((dv) => dv.metadata?.name === existingName);

  const [canCreateTarget, targetReviewLoading] = useAccessReview({
    group: kind === 'new-pvc' ? '' : 'cdi.kubevirt.io',
    resource: kind === 'new-pvc' ? 'persistentvolumeclaims' : 'datavolumes',
    verb: kind === 'existing-dv' ? 'get' : 'create',
    namespace,
  });
  const [canUpload, uploadReviewLoading] = useAccessReview({
    group: 'upload.cdi.kubevirt.io',
    resource: 'uploadtokenrequests',
    verb: 'create',
    namespace,
  });

  const targetName = kind === 'existing-dv' ? existingName : name;
  const existingSize = bytesOf(
    (existing?.spec?.storage ?? existing?.spec?.pvc)?.resources?.requests?.storage,
  );
  const sizeBytes =
    kind === 'existing-dv'
      ? existingSize === undefined
        ? null
        : Number(existingSize)
      : effectiveSize
        ? (() => {
            const b = bytesOf(effectiveSize);
            return b === undefined ? null : Number(b);
          })()
        : null;
  const check = checkUpload(image, {
    kind: kind,
    name: targetName,
    namespace,
    sizeBytes,
    volumeMode:
      kind === 'existing-dv'
        ? (volumeModeOf((existing?.spec?.storage ?? existing?.spec?.pvc)?.volumeMode) ??
          'Filesystem')
        : effectiveVolume,
    accessMode: effectiveAccess,
    filesystemOverhead: ctx.overhead,
    ...(kind === 'existing-dv'
      ? {
          existing: {
            found: Boolean(existing),
            isUploadSource: existing?.spec?.source?.upload !== undefined,
            ...(existing?.status?.phase ? { phase: existing.status.phase } : {}),
          },
        }
      : {}),
  });
  const namespaceFieldId = fieldId('namespace');
  // An existing DataVolume on a class that binds on first use waits for a consumer; an upload has none, so it
  // must be force-bound (as `virtctl image-upload --force-bind` does), with the user's consent.
  const existingWaits =
    kind === 'existing-dv' && WAITING_FOR_CONSUMER.has(existing?.status?.phase ?? '');
  const namespaces = useListableNamespaces();
  const namespaceProblem = !namespace.trim()
    ? t('Enter the namespace of the target.')
    : namespaces.names && !namespaces.names.includes(namespace)
      ? t('Namespace {{namespace}} does not exist: choose one from the list.', { namespace })
      : undefined;
  const accessProblems: string[] = [];
  if (!namespaceProblem && !targetReviewLoading && !canCreateTarget) {
    accessProblems.push(
      kind === 'new-pvc'
        ? t(
            'You may not create PersistentVolumeClaims in {{namespace}}: ask an administrator for edit rights there.',
            { namespace },
          )
        : t(
            'You may not create DataVolumes in {{namespace}}: ask an administrator for edit rights there.',
            { namespace },
          ),
    );
  }
  if (!namespaceProblem && !uploadReviewLoading && !canUpload) {
    accessProblems.push(
      t(
        'You may not create UploadTokenRequests in {{namespace}}: ask an administrator for upload rights there.',
        { namespace },
      ),
    );
  }
  const consentProblems: string[] = [];
  if (existingWaits && !forceBindConsent) {
    consentProblems.push(
      t('{{name}} waits for its first consumer: confirm force-binding it to upload into it.', {
        name: targetName,
      }),
    );
  }
  if (looksLikeText && image.format === 'raw' && !textConfirmed) {
    consentProblems.push(
      t(
        '{{file}} looks like a text file, not a disk image: confirm that it is a raw disk to upload it.',
        { file: fileName },
      ),
    );
  }
  const problems = [
    ...check.problems.map((p) => problemText(t, p)),
    ...accessProblems,
    ...consentProblems,
  ];
  const values: TargetValues = {
    kind,
    name: targetName,
    namespace,
    size:
      kind === 'existing-dv'
        ? ((existing?.spec?.storage ?? existing?.spec?.pvc)?.resources?.requests?.storage ?? '')
        : effectiveSize,
    storageClassName: storageClassName || (ctx.defaultClass?.metadata?.name ?? ''),
    accessMode: effectiveAccess,
    volumeMode: effectiveVolume,
    forceBind: kind === 'existing-dv' ? existingWaits && forceBindConsent : effectiveForceBind,
    ...(kind === 'new-dv' ? { claim } : {}),
  };
  const ready =
    problems.length === 0 &&
    !namespaceProblem &&
    !targetReviewLoading &&
    !uploadReviewLoading &&
    !busy;

  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onStart(values);
      }}
    >
      <FormGroup role="radiogroup" fieldId={fieldId('kind')} label={t('Upload to')} isInline>
        <Radio
          id={fieldId('new-dv')}
          name={fieldId('kind')}
          label={t('New DataVolume')}
          isChecked={kind === 'new-dv'}
          onChange={() => {
            setKind('new-dv');
          }}
        />
        <Radio
          id={fieldId('new-pvc')}
          name={fieldId('kind')}
          label={t('New PVC with the upload annotation')}
          isChecked={kind === 'new-pvc'}
          onChange={() => {
            setKind('new-pvc');
          }}
        />
        <Radio
          id={fieldId('existing-dv')}
          name={fieldId('kind')}
          label={t('Existing upload DataVolume')}
          isChecked={kind === 'existing-dv'}
          onChange={() => {
            setKind('existing-dv');
          }}
        />
      </FormGroup>
      <FormGroup label={t('Namespace')} fieldId={namespaceFieldId} isRequired>
        <NamespaceSelect
          id={namespaceFieldId}
          value={namespace}
          names={namespaces.names}
          invalid={namespaceProblem !== undefined}
          onChange={setNamespace}
        />
        {namespaceProblem && (
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant="error" data-test="upload-namespace-problem">
                {namespaceProblem}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
      </FormGroup>
      {kind === 'existing-dv' ? (
        <FormGroup label={t('DataVolume')} fieldId={fieldId('existing')} isRequired>
          <FormSelect
            id={fieldId('existing')}
            data-test="upload-existing"
            value={existingName}
            onChange={(_e, v) => {
              setExistingName(v);
            }}
          >
            <FormSelectOption value="" label={t('Select a DataVolume')} isPlaceholder />
            {uploadDvs.map((dv) => (
              <FormSelectOption
                key={dv.metadata?.name}
                value={dv.metadata?.name ?? ''}
                label={`${dv.metadata?.name ?? ''} (${dv.status?.phase ?? t('Pending')}, ${(dv.spec?.storage ?? dv.spec?.pvc)?.resources?.requests?.storage ?? '?'}, ${(dv.spec?.storage ?? dv.spec?.pvc)?.volumeMode ?? 'Filesystem'})`}
              />
            ))}
          </FormSelect>
          {existingWaits && (
            <Checkbox
              id={fieldId('force-bind-existing')}
              data-test="upload-force-bind-existing"
              label={t(
                '{{name}} is in phase {{phase}}: bind it now so that CDI can receive the upload (force-bind, as virtctl --force-bind)',
                { name: targetName, phase: existing?.status?.phase ?? '' },
              )}
              isChecked={forceBindConsent}
              onChange={(_e, v) => {
                setForceBindConsent(v);
              }}
            />
          )}
        </FormGroup>
      ) : (
        <>
          <FormGroup label={t('Name')} fieldId={fieldId('name')} isRequired>
            <TextInput
              id={fieldId('name')}
              data-test="upload-name"
              value={name}
              onChange={(_e, v) => {
                setName(v);
              }}
            />
          </FormGroup>
          <FormGroup label={t('Size')} fieldId={fieldId('size')} isRequired>
            <TextInput
              id={fieldId('size')}
              data-test="upload-size"
              value={effectiveSize}
              onChange={(_e, v) => {
                setSize(v);
              }}
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>
                  {image.virtualSize !== null
                    ? t(
                        'Virtual size {{virtual}} bytes plus {{overhead}}% file system overhead: at least {{proposed}}.',
                        {
                          virtual: image.virtualSize,
                          overhead:
                            effectiveVolume === 'Block' ? 0 : (ctx.overhead * 100).toFixed(1),
                          proposed,
                        },
                      )
                    : t('The virtual size cannot be read from this file: enter the disk size.')}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t('Storage class')} fieldId={fieldId('sc')}>
            <FormSelect
              id={fieldId('sc')}
              data-test="upload-sc"
              value={storageClassName || (ctx.defaultClass?.metadata?.name ?? '')}
              onChange={(_e, v) => {
                setStorageClassName(v);
              }}
            >
              {ctx.classes.map((sc) => (
                <FormSelectOption
                  key={sc.metadata?.name}
                  value={sc.metadata?.name ?? ''}
                  label={
                    sc === ctx.defaultClass
                      ? t('{{name}} (default, {{provisioner}})', {
                          name: sc.metadata?.name,
                          provisioner: sc.provisioner,
                        })
                      : `${sc.metadata?.name ?? ''} (${sc.provisioner})`
                  }
                />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label={t('Access mode')} fieldId={fieldId('access')}>
            <FormSelect
              id={fieldId('access')}
              value={effectiveAccess}
              onChange={(_e, v) => {
                setAccessMode(v);
              }}
            >
              {ACCESS_MODES.map((m) => (
                <FormSelectOption key={m} value={m} label={m} />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label={t('Volume mode')} fieldId={fieldId('volume-mode')}>
            <FormSelect
              id={fieldId('volume-mode')}
              data-test="upload-volume-mode"
              value={effectiveVolume}
              onChange={(_e, v) => {
                setVolumeMode(v as 'Filesystem' | 'Block');
              }}
            >
              <FormSelectOption value="Filesystem" label={t('Filesystem')} />
              <FormSelectOption value="Block" label={t('Block')} />
            </FormSelect>
            <FormHelperText>
              <HelperText>
                <HelperTextItem>
                  {t('Access and volume mode default to the storage defaults for this class.')}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          {wffc && (
            <Checkbox
              id={fieldId('force-bind')}
              label={t(
                'Bind immediately (force-bind): the class waits for the first consumer, and an upload has none',
              )}
              isChecked={effectiveForceBind}
              onChange={(_e, v) => {
                setForceBind(v);
              }}
            />
          )}
        </>
      )}
      {looksLikeText && image.format === 'raw' && (
        <Checkbox
          id={fieldId('text-confirm')}
          data-test="upload-text-confirm"
          label={t('{{file}} is a raw disk image even though it reads as text: upload it', {
            file: fileName,
          })}
          isChecked={textConfirmed}
          onChange={(_e, v) => {
            setTextConfirmed(v);
          }}
        />
      )}
      <HelperText>
        <HelperTextItem data-test="upload-scratch">
          {check.needsScratch
            ? t(
                'CDI stages this upload on a scratch volume ({{name}}-scratch, Filesystem) from storage class {{class}}.',
                {
                  name: targetName || '…',
                  class: ctx.scratchClass ?? t('none found'),
                },
              )
            : t('No scratch space is needed.')}
        </HelperTextItem>
      </HelperText>
      {problems.length > 0 && (
        <Alert
          variant="danger"
          isInline
          isPlain
          title={t('This upload cannot start')}
          data-test="upload-problems"
        >
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Alert>
      )}
      {error && (
        <Alert
          variant="danger"
          isInline
          title={t('Could not create the target')}
          data-test="upload-error"
        >
          {error}
        </Alert>
      )}
      <ExpandableSection toggleText={t('Equivalent virtctl command')}>
        <ClipboardCopy
          isReadOnly
          isCode
          hoverTip={t('Copy')}
          clickTip={t('Copied')}
          data-test="upload-virtctl"
        >
          {virtctlCommand(values, fileName)}
        </ClipboardCopy>
      </ExpandableSection>
      <ActionGroup>
        <Button type="submit" variant="primary" isDisabled={!ready} data-test="upload-start">
          {t('Start upload')}
        </Button>
        <Button variant="link" onClick={onRemove}>
          {t('Remove')}
        </Button>
      </ActionGroup>
    </Form>
  );
};
