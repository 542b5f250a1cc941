// The form view: the default access and volume mode, and one row per storage class override with a class picker
// (existing classes, provisioner shown) and the two modes. Problems and provisioner warnings show where they are.
import type { FC, ReactNode } from 'react';
import {
  Button,
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
import { classKey, supportWarnings } from '../../../lib/storage-defaults';
import type {
  ClassOverride,
  DataProblem,
  RevertedKey,
  StorageDefaultsForm,
} from '../../../lib/storage-defaults';
import type { StorageClassKind } from '../../k8s/types';
import type { StorageProfileKind } from '../../k8s/types/cdi-settings';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { problemMessage, supportWarningMessage } from './problem-messages';
import { ModeSelect } from './ModeSelect';

export interface DefaultsFormProps {
  form: StorageDefaultsForm;
  onChange: (form: StorageDefaultsForm) => void;
  problems: DataProblem[];
  classes: StorageClassKind[];
  profiles: StorageProfileKind[];
  defaultClass: StorageClassKind | undefined;
  reverted: RevertedKey[];
}

const Messages: FC<{ errors: string[]; warnings: string[]; testId: string }> = ({
  errors,
  warnings,
  testId,
}) =>
  errors.length + warnings.length === 0 ? null : (
    <HelperText data-test={testId}>
      {errors.map((text) => (
        <HelperTextItem key={`e-${text}`} variant="error" data-test="field-error">
          {text}
        </HelperTextItem>
      ))}
      {warnings.map((text) => (
        <HelperTextItem key={`w-${text}`} variant="warning" data-test="field-warning">
          {text}
        </HelperTextItem>
      ))}
    </HelperText>
  );

export const DefaultsForm: FC<DefaultsFormProps> = ({
  form,
  onChange,
  problems,
  classes,
  profiles,
  defaultClass,
  reverted,
}) => {
  const { t } = usePluginTranslation();
  const provisionerOf = (name: string): string | undefined =>
    classes.find((sc) => sc.metadata?.name === name)?.provisioner;
  const profileOf = (name: string) => profiles.find((p) => p.metadata?.name === name);
  const problemsFor = (key: string) =>
    problems.filter((p) => p.key === key).map((p) => ({ p, text: problemMessage(t, p) }));
  const revertFor = (key: string): string[] =>
    reverted
      .filter((r) => r.key === key)
      .map((r) =>
        t('HyperConverged manages {{key}} and will set it back to {{restored}}.', {
          key: r.key,
          restored: r.restored,
        }),
      );

  const fieldMessages = (key: string, extraWarnings: string[] = []): ReactNode => {
    const found = problemsFor(key);
    return (
      <Messages
        testId={`messages-${key}`}
        errors={found.filter((x) => x.p.severity === 'error').map((x) => x.text)}
        warnings={[
          ...found.filter((x) => x.p.severity === 'warning').map((x) => x.text),
          ...revertFor(key),
          ...extraWarnings,
        ]}
      />
    );
  };

  const defaultName = defaultClass?.metadata?.name;
  const defaultWarnings = defaultName
    ? supportWarnings(
        defaultName,
        defaultClass.provisioner,
        { accessMode: form.accessMode, volumeMode: form.volumeMode },
        profileOf(defaultName),
      )
    : [];
  const defaultWarningsFor = (attribute: 'accessMode' | 'volumeMode'): string[] =>
    defaultWarnings
      .filter((w) => w.attribute === attribute)
      .map((w) => supportWarningMessage(t, w));

  const accessMessages = fieldMessages('accessMode', defaultWarningsFor('accessMode'));
  const volumeMessages = fieldMessages('volumeMode', defaultWarningsFor('volumeMode'));

  const updateRow = (index: number, patch: Partial<ClassOverride>) => {
    onChange({
      ...form,
      overrides: form.overrides.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    });
  };
  const used = new Set(form.overrides.map((row) => row.storageClass));
  const errorsOnForm = problems.filter(
    (p) => p.kind === 'empty-class' || p.kind === 'duplicate-class',
  );

  return (
    <Form
      onSubmit={(event) => {
        event.preventDefault();
      }}
      data-test="storage-defaults-form"
    >
      <FormSection title={t('Defaults for every storage class')} titleElement="h2">
        <FormGroup
          label={t('Access mode')}
          fieldId="default-access-mode"
          className="vm-disks-plugin__narrow"
        >
          <ModeSelect
            id="default-access-mode"
            testId="default-access-mode"
            attribute="accessMode"
            value={form.accessMode}
            unsetLabel={t('Not set (ReadWriteOnce)')}
            invalid={problemsFor('accessMode').some((x) => x.p.severity === 'error')}
            onChange={(accessMode) => {
              onChange({ ...form, accessMode });
            }}
          />
          <FormHelperText>{accessMessages}</FormHelperText>
        </FormGroup>
        <FormGroup
          label={t('Volume mode')}
          fieldId="default-volume-mode"
          className="vm-disks-plugin__narrow"
        >
          <ModeSelect
            id="default-volume-mode"
            testId="default-volume-mode"
            attribute="volumeMode"
            value={form.volumeMode}
            unsetLabel={t('Not set (Filesystem)')}
            invalid={problemsFor('volumeMode').some((x) => x.p.severity === 'error')}
            onChange={(volumeMode) => {
              onChange({ ...form, volumeMode });
            }}
          />
          <FormHelperText>{volumeMessages}</FormHelperText>
        </FormGroup>
        {defaultName ? (
          <HelperText>
            <HelperTextItem>
              {t('DataVolumes without a storage class get the cluster default class, {{name}}.', {
                name: defaultName,
              })}
            </HelperTextItem>
          </HelperText>
        ) : null}
      </FormSection>

      <FormSection title={t('Storage class overrides')} titleElement="h2">
        <Table
          aria-label={t('Storage class overrides')}
          variant="compact"
          data-test="overrides-table"
        >
          <Thead>
            <Tr>
              <Th width={40}>{t('Storage class')}</Th>
              <Th width={25}>{t('Access mode')}</Th>
              <Th width={25}>{t('Volume mode')}</Th>
              <Th screenReaderText={t('Actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {form.overrides.map((row, index) => {
              const name = row.storageClass;
              const provisioner = provisionerOf(name);
              const warnings =
                name && provisioner
                  ? supportWarnings(
                      name,
                      provisioner,
                      { accessMode: row.accessMode, volumeMode: row.volumeMode },
                      profileOf(name),
                    )
                  : [];
              const warningsFor = (attribute: 'accessMode' | 'volumeMode') =>
                warnings
                  .filter((w) => w.attribute === attribute)
                  .map((w) => supportWarningMessage(t, w));
              const accessKey = name ? classKey(name, 'accessMode') : '';
              const volumeKey = name ? classKey(name, 'volumeMode') : '';
              const classProblems = problems.filter(
                (p) => p.storageClass === name && p.kind === 'unknown-class',
              );
              return (
                <Tr key={index} data-test="override-row" data-test-row={name}>
                  <Td dataLabel={t('Storage class')}>
                    <FormSelect
                      value={name}
                      aria-label={t('Storage class of row {{n}}', { n: index + 1 })}
                      data-test="override-class"
                      validated={
                        !name || classProblems.some((p) => p.severity === 'error')
                          ? 'error'
                          : 'default'
                      }
                      onChange={(_event, storageClass) => {
                        updateRow(index, { storageClass });
                      }}
                    >
                      <FormSelectOption
                        value=""
                        label={t('Select a storage class')}
                        isPlaceholder
                      />
                      {classes.map((sc) => {
                        const scName = sc.metadata?.name ?? '';
                        return (
                          <FormSelectOption
                            key={scName}
                            value={scName}
                            isDisabled={scName !== name && used.has(scName)}
                            label={t('{{name}} ({{provisioner}})', {
                              name: scName,
                              provisioner: sc.provisioner,
                            })}
                          />
                        );
                      })}
                      {name && !provisioner ? (
                        <FormSelectOption
                          value={name}
                          label={t('{{name}} (does not exist)', { name })}
                        />
                      ) : null}
                    </FormSelect>
                    <Messages
                      testId="row-class-messages"
                      errors={classProblems
                        .filter((p) => p.severity === 'error')
                        .map((p) => problemMessage(t, p))}
                      warnings={classProblems
                        .filter((p) => p.severity === 'warning')
                        .slice(0, 1)
                        .map((p) => problemMessage(t, p))}
                    />
                  </Td>
                  <Td dataLabel={t('Access mode')}>
                    <ModeSelect
                      id={`override-access-${index}`}
                      testId="override-access-mode"
                      attribute="accessMode"
                      value={row.accessMode}
                      aria-label={t('Access mode of row {{n}}', { n: index + 1 })}
                      unsetLabel={t('Not set (use the default)')}
                      invalid={problemsFor(accessKey).some(
                        (x) => x.p.kind === 'invalid-value' && x.p.severity === 'error',
                      )}
                      onChange={(accessMode) => {
                        updateRow(index, { accessMode });
                      }}
                    />
                    <Messages
                      testId="row-access-messages"
                      errors={problemsFor(accessKey)
                        .filter((x) => x.p.kind === 'invalid-value' && x.p.severity === 'error')
                        .map((x) => x.text)}
                      warnings={[...warningsFor('accessMode'), ...revertFor(accessKey)]}
                    />
                  </Td>
                  <Td dataLabel={t('Volume mode')}>
                    <ModeSelect
                      id={`override-volume-${index}`}
                      testId="override-volume-mode"
                      attribute="volumeMode"
                      value={row.volumeMode}
                      aria-label={t('Volume mode of row {{n}}', { n: index + 1 })}
                      unsetLabel={t('Not set (use the default)')}
                      invalid={problemsFor(volumeKey).some(
                        (x) => x.p.kind === 'invalid-value' && x.p.severity === 'error',
                      )}
                      onChange={(volumeMode) => {
                        updateRow(index, { volumeMode });
                      }}
                    />
                    <Messages
                      testId="row-volume-messages"
                      errors={problemsFor(volumeKey)
                        .filter((x) => x.p.kind === 'invalid-value' && x.p.severity === 'error')
                        .map((x) => x.text)}
                      warnings={[...warningsFor('volumeMode'), ...revertFor(volumeKey)]}
                    />
                  </Td>
                  <Td isActionCell>
                    <Button
                      variant="plain"
                      icon={<MinusCircleIcon />}
                      aria-label={t('Remove row {{n}}', { n: index + 1 })}
                      data-test="override-remove"
                      onClick={() => {
                        onChange({
                          ...form,
                          overrides: form.overrides.filter((_, i) => i !== index),
                        });
                      }}
                    />
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
        <Messages
          testId="form-errors"
          errors={[...new Set(errorsOnForm.map((p) => problemMessage(t, p)))]}
          warnings={[]}
        />
        <div>
          <Button
            variant="link"
            icon={<PlusCircleIcon />}
            data-test="add-override"
            onClick={() => {
              onChange({
                ...form,
                overrides: [
                  ...form.overrides,
                  { storageClass: '', accessMode: '', volumeMode: '' },
                ],
              });
            }}
          >
            {t('Add storage class')}
          </Button>
        </div>
      </FormSection>
    </Form>
  );
};
