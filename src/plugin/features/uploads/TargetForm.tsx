// The target of one upload, as `virtctl image-upload` allows it: a new DataVolume (default), a new upload PVC,
// or an existing upload DataVolume; name, namespace, size, storage class, access and volume mode, force-bind.
// Every refusal is shown before any byte moves, with its cause and fix. The state and the cluster reads are in
// `useTargetForm`, the decisions in the pure `targetFormModel`; this component lays the parts out.
import { useId } from 'react';
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
  HelperText,
  HelperTextItem,
} from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ExistingDataVolumeField } from './ExistingDataVolumeField';
import { FieldProblems } from './FieldProblems';
import type { Inspected } from './image-worker-client';
import { virtctlCommand, type TargetValues } from './manifests';
import { NamespaceSelect } from './NamespaceSelect';
import { NewVolumeFields } from './NewVolumeFields';
import { TargetKindChoice } from './TargetKindChoice';
import { targetProblemText } from './target-problem-text';
import { useTargetForm } from './useTargetForm';

export interface TargetFormProps {
  fileName: string;
  inspected: Inspected;
  onStart: (values: TargetValues) => void;
  onRemove: () => void;
  error?: string;
  /** Values of an earlier attempt (e.g. after "already exists"), to start from. */
  initial?: TargetValues;
  /** The file's first bytes read as text: uploading it as a raw disk needs the user's confirmation. */
  looksLikeText?: boolean;
}

export const TargetForm: FC<TargetFormProps> = ({
  fileName,
  inspected,
  onStart,
  onRemove,
  error,
  initial,
  looksLikeText,
}) => {
  const { t } = usePluginTranslation();
  // Unique per card: two cards never share an element id (a label focuses its own card's field).
  const uid = useId();
  const { state, update, model, ctx, namespaces } = useTargetForm({
    fileName,
    inspected,
    ...(initial ? { initial } : {}),
    ...(looksLikeText !== undefined ? { looksLikeText } : {}),
  });
  const image = inspected.inspection;
  const namespaceFieldId = `${uid}-namespace`;
  const problems = model.problems.map((p) => targetProblemText(t, p));

  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (model.ready) onStart(model.values);
      }}
    >
      <TargetKindChoice
        idPrefix={uid}
        kind={state.kind}
        onChange={(kind) => {
          update({ kind });
        }}
      />
      <FormGroup label={t('Namespace')} fieldId={namespaceFieldId} isRequired>
        <NamespaceSelect
          id={namespaceFieldId}
          value={state.namespace}
          names={namespaces.names}
          invalid={model.namespaceProblem !== undefined}
          onChange={(namespace) => {
            update({ namespace });
          }}
        />
        <FieldProblems
          problems={model.namespaceProblem ? [model.namespaceProblem] : []}
          data-test="upload-namespace-problem"
        />
      </FormGroup>
      {state.kind === 'existing-dv' ? (
        <ExistingDataVolumeField
          idPrefix={uid}
          model={model}
          consent={state.forceBindConsent}
          onPick={(pickedExisting) => {
            update({ pickedExisting });
          }}
          onConsent={(forceBindConsent) => {
            update({ forceBindConsent });
          }}
        />
      ) : (
        <NewVolumeFields
          idPrefix={uid}
          state={state}
          model={model}
          ctx={ctx}
          image={image}
          update={update}
        />
      )}
      {model.needsText && (
        <Checkbox
          id={`${uid}-text-confirm`}
          data-test="upload-text-confirm"
          label={t('{{file}} is a raw disk image even though it reads as text: upload it', {
            file: fileName,
          })}
          isChecked={state.textConfirmed}
          onChange={(_e, v) => {
            update({ textConfirmed: v });
          }}
        />
      )}
      <HelperText>
        <HelperTextItem data-test="upload-scratch">
          {model.check.needsScratch
            ? t(
                'CDI stages this upload on a scratch volume ({{name}}-scratch, Filesystem) from storage class {{class}}.',
                {
                  name: model.values.name || '…',
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
          {virtctlCommand(model.values, fileName)}
        </ClipboardCopy>
      </ExpandableSection>
      <ActionGroup>
        <Button type="submit" variant="primary" isDisabled={!model.ready} data-test="upload-start">
          {t('Start upload')}
        </Button>
        <Button variant="link" onClick={onRemove}>
          {t('Remove')}
        </Button>
      </ActionGroup>
    </Form>
  );
};
