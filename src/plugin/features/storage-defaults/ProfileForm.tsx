// The form view of a StorageProfile's spec: one row per claim property set (access modes as checkboxes, the volume
// mode as a select), in the order CDI tries them, plus the clone strategy and the DataImportCron source format.
// Each problem shows under the field it names.
import type { FC } from 'react';
import {
  Button,
  Checkbox,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import MinusCircleIcon from '@patternfly/react-icons/dist/esm/icons/minus-circle-icon';
import PlusCircleIcon from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
import {
  CLONE_STRATEGIES,
  MAX_CLAIM_PROPERTY_SETS,
  PROFILE_ACCESS_MODES,
  PROFILE_VOLUME_MODES,
  SOURCE_FORMATS,
} from '../../../lib/storage-profiles';
import type {
  ClaimPropertySetDraft,
  ProfileProblem,
  StorageProfileForm,
} from '../../../lib/storage-profiles';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { profileProblemMessage } from './profile-messages';

export interface ProfileFormProps {
  /** The profile's name, for unique element ids. */
  name: string;
  form: StorageProfileForm;
  onChange: (form: StorageProfileForm) => void;
  problems: ProfileProblem[];
  /** What CDI uses when the spec sets no clone strategy / source format. */
  effectiveCloneStrategy?: string;
  effectiveSourceFormat?: string;
}

const FieldMessages: FC<{ problems: ProfileProblem[]; testId: string }> = ({
  problems,
  testId,
}) => {
  const { t } = usePluginTranslation();
  if (problems.length === 0) return null;
  return (
    <HelperText data-test={testId}>
      {problems.map((p) => (
        <HelperTextItem
          key={`${p.kind}:${p.field}:${p.value ?? ''}`}
          variant={p.severity === 'error' ? 'error' : 'warning'}
          data-test={p.severity === 'error' ? 'field-error' : 'field-warning'}
          data-field={p.field}
        >
          {profileProblemMessage(t, p)}
        </HelperTextItem>
      ))}
    </HelperText>
  );
};

export const ProfileForm: FC<ProfileFormProps> = ({
  name,
  form,
  onChange,
  problems,
  effectiveCloneStrategy,
  effectiveSourceFormat,
}) => {
  const { t } = usePluginTranslation();
  const id = (part: string) => `vm-disks-profile-${name}-${part}`;
  const updateSet = (index: number, patch: Partial<ClaimPropertySetDraft>) => {
    onChange({
      ...form,
      sets: form.sets.map((set, i) => (i === index ? { ...set, ...patch } : set)),
    });
  };
  const problemsAt = (prefix: string, exact = false) =>
    problems.filter((p) => (exact ? p.field === prefix : p.field.startsWith(prefix)));
  const setsProblems = problemsAt('spec.claimPropertySets', true);

  return (
    <Form
      onSubmit={(event) => {
        event.preventDefault();
      }}
      data-test="profile-form"
    >
      <FormSection title={t('Claim property sets')} titleElement="h3">
        <HelperText>
          <HelperTextItem>
            {form.sets.length === 0
              ? t('None set: CDI uses what it computes for this storage class.')
              : t(
                  'CDI gives a DataVolume that uses spec.storage the first set that fits what the DataVolume asks for.',
                )}
          </HelperTextItem>
        </HelperText>
        {form.sets.length > 0 ? (
          <Table aria-label={t('Claim property sets')} variant="compact" data-test="profile-sets">
            <Thead>
              <Tr>
                <Th width={10}>{t('Set')}</Th>
                <Th width={45}>{t('Access modes')}</Th>
                <Th width={35}>{t('Volume mode')}</Th>
                <Th screenReaderText={t('Actions')} />
              </Tr>
            </Thead>
            <Tbody>
              {form.sets.map((set, index) => {
                const at = `spec.claimPropertySets[${String(index)}]`;
                const accessProblems = problemsAt(`${at}.accessModes`);
                const volumeProblems = problemsAt(`${at}.volumeMode`);
                const rowProblems = problemsAt(at, true);
                const unknownModes = set.accessModes.filter(
                  (mode) => !(PROFILE_ACCESS_MODES as readonly string[]).includes(mode),
                );
                return (
                  <Tr key={index} data-test="profile-set" data-index={index}>
                    <Td dataLabel={t('Set')}>{index + 1}</Td>
                    <Td dataLabel={t('Access modes')}>
                      <div
                        role="group"
                        aria-label={t('Access modes of set {{n}}', { n: index + 1 })}
                      >
                        {PROFILE_ACCESS_MODES.map((mode) => (
                          <Checkbox
                            key={mode}
                            id={id(`set-${String(index)}-${mode}`)}
                            label={mode}
                            data-test={`set-access-${mode}`}
                            isChecked={set.accessModes.includes(mode)}
                            onChange={(_event, checked) => {
                              updateSet(index, {
                                accessModes: checked
                                  ? [...set.accessModes, mode]
                                  : set.accessModes.filter((m) => m !== mode),
                              });
                            }}
                          />
                        ))}
                        {unknownModes.map((mode) => (
                          <Checkbox
                            key={`unknown-${mode}`}
                            id={id(`set-${String(index)}-unknown-${mode}`)}
                            label={t('{{value}} (not valid)', { value: mode })}
                            isChecked
                            onChange={() => {
                              updateSet(index, {
                                accessModes: set.accessModes.filter((m) => m !== mode),
                              });
                            }}
                          />
                        ))}
                      </div>
                      <FieldMessages problems={accessProblems} testId="set-access-messages" />
                    </Td>
                    <Td dataLabel={t('Volume mode')}>
                      <FormSelect
                        id={id(`set-${String(index)}-volume-mode`)}
                        value={set.volumeMode}
                        aria-label={t('Volume mode of set {{n}}', { n: index + 1 })}
                        data-test="set-volume-mode"
                        validated={
                          volumeProblems.some((p) => p.severity === 'error') ? 'error' : 'default'
                        }
                        onChange={(_event, volumeMode) => {
                          updateSet(index, { volumeMode });
                        }}
                      >
                        <FormSelectOption
                          value=""
                          label={t('Choose a volume mode')}
                          isPlaceholder
                        />
                        {PROFILE_VOLUME_MODES.map((mode) => (
                          <FormSelectOption key={mode} value={mode} label={mode} />
                        ))}
                        {set.volumeMode &&
                        !(PROFILE_VOLUME_MODES as readonly string[]).includes(set.volumeMode) ? (
                          <FormSelectOption
                            value={set.volumeMode}
                            label={t('{{value}} (not valid)', { value: set.volumeMode })}
                          />
                        ) : null}
                      </FormSelect>
                      <FieldMessages problems={volumeProblems} testId="set-volume-messages" />
                      <FieldMessages problems={rowProblems} testId="set-messages" />
                    </Td>
                    <Td isActionCell>
                      <Button
                        variant="plain"
                        icon={<MinusCircleIcon />}
                        aria-label={t('Remove set {{n}}', { n: index + 1 })}
                        data-test="remove-set"
                        onClick={() => {
                          onChange({ ...form, sets: form.sets.filter((_, i) => i !== index) });
                        }}
                      />
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        ) : null}
        <FieldMessages problems={setsProblems} testId="sets-messages" />
        <div>
          <Button
            variant="link"
            icon={<PlusCircleIcon />}
            data-test="add-set"
            isDisabled={form.sets.length >= MAX_CLAIM_PROPERTY_SETS}
            onClick={() => {
              onChange({
                ...form,
                sets: [...form.sets, { accessModes: ['ReadWriteOnce'], volumeMode: '' }],
              });
            }}
          >
            {t('Add claim property set')}
          </Button>
        </div>
      </FormSection>
      <FormSection title={t('Cloning and imports')} titleElement="h3">
        <FormGroup
          label={t('Clone strategy')}
          fieldId={id('clone-strategy')}
          className="vm-disks-plugin__narrow"
        >
          <FormSelect
            id={id('clone-strategy')}
            value={form.cloneStrategy}
            data-test="clone-strategy"
            validated={problemsAt('spec.cloneStrategy').length > 0 ? 'error' : 'default'}
            onChange={(_event, cloneStrategy) => {
              onChange({ ...form, cloneStrategy });
            }}
          >
            <FormSelectOption
              value=""
              label={
                effectiveCloneStrategy
                  ? t('Not set (CDI uses {{value}})', { value: effectiveCloneStrategy })
                  : t('Not set (CDI decides)')
              }
            />
            {CLONE_STRATEGIES.map((value) => (
              <FormSelectOption key={value} value={value} label={value} />
            ))}
            {form.cloneStrategy &&
            !(CLONE_STRATEGIES as readonly string[]).includes(form.cloneStrategy) ? (
              <FormSelectOption
                value={form.cloneStrategy}
                label={t('{{value}} (not valid)', { value: form.cloneStrategy })}
              />
            ) : null}
          </FormSelect>
          <FormHelperText>
            <FieldMessages
              problems={problemsAt('spec.cloneStrategy')}
              testId="clone-strategy-messages"
            />
          </FormHelperText>
        </FormGroup>
        <FormGroup
          label={t('DataImportCron source format')}
          fieldId={id('source-format')}
          className="vm-disks-plugin__narrow"
        >
          <FormSelect
            id={id('source-format')}
            value={form.dataImportCronSourceFormat}
            data-test="source-format"
            validated={
              problemsAt('spec.dataImportCronSourceFormat').length > 0 ? 'error' : 'default'
            }
            onChange={(_event, dataImportCronSourceFormat) => {
              onChange({ ...form, dataImportCronSourceFormat });
            }}
          >
            <FormSelectOption
              value=""
              label={
                effectiveSourceFormat
                  ? t('Not set (CDI uses {{value}})', { value: effectiveSourceFormat })
                  : t('Not set (CDI decides)')
              }
            />
            {SOURCE_FORMATS.map((value) => (
              <FormSelectOption key={value} value={value} label={value} />
            ))}
            {form.dataImportCronSourceFormat &&
            !(SOURCE_FORMATS as readonly string[]).includes(form.dataImportCronSourceFormat) ? (
              <FormSelectOption
                value={form.dataImportCronSourceFormat}
                label={t('{{value}} (not valid)', { value: form.dataImportCronSourceFormat })}
              />
            ) : null}
          </FormSelect>
          <FormHelperText>
            <FieldMessages
              problems={problemsAt('spec.dataImportCronSourceFormat')}
              testId="source-format-messages"
            />
          </FormHelperText>
        </FormGroup>
      </FormSection>
    </Form>
  );
};
