// Words for the problems and warnings src/lib reports about the storage defaults (codes → sentences).
import type { DataProblem, SupportWarning } from '../../../lib/storage-defaults';
import { ACCESS_MODES, VOLUME_MODES } from '../../../lib/storage-defaults';
import type { DefaultsYamlProblem } from '../../../lib/storage-defaults-yaml';
import type { usePluginTranslation } from '../../i18n/usePluginTranslation';

export type Translate = ReturnType<typeof usePluginTranslation>['t'];

const validValues = (key: string): string =>
  (key === 'volumeMode' || key.endsWith('.volumeMode') ? VOLUME_MODES : ACCESS_MODES).join(', ');

export const problemMessage = (
  t: Translate,
  problem: DataProblem | DefaultsYamlProblem,
): string => {
  const key = problem.key ?? '';
  switch (problem.kind) {
    case 'syntax':
      return t('YAML syntax error: {{detail}}', { detail: problem.detail ?? '' });
    case 'not-an-object':
      return t('The YAML must describe one object (a mapping).');
    case 'wrong-kind':
      return t('This editor saves a v1 ConfigMap; apiVersion and kind must be v1 and ConfigMap.');
    case 'wrong-name':
      return t('metadata.name must be {{expected}}.', { expected: problem.expected ?? '' });
    case 'wrong-namespace':
      return t('metadata.namespace must be {{expected}}.', { expected: problem.expected ?? '' });
    case 'unknown-field':
      return t(
        'Unknown field "{{key}}": a ConfigMap has apiVersion, kind, metadata, data, binaryData and immutable.',
        {
          key,
        },
      );
    case 'data-not-map':
      return t('data must be a mapping of keys to string values.');
    case 'value-not-string':
      return t('The value of "{{key}}" must be a string.', { key });
    case 'unknown-key':
      return t(
        'Unknown key "{{key}}": expected accessMode, volumeMode, <storage class>.accessMode or <storage class>.volumeMode.',
        { key },
      );
    case 'invalid-value':
      return t('"{{value}}" is not a valid value for {{key}}. Valid values: {{valid}}.', {
        value: problem.value ?? '',
        key,
        valid: validValues(key),
      });
    case 'unknown-class':
      return t('The storage class "{{storageClass}}" does not exist in this cluster.', {
        storageClass: problem.storageClass ?? '',
      });
    case 'duplicate-class':
      return t('The storage class "{{storageClass}}" has more than one row.', {
        storageClass: problem.storageClass ?? '',
      });
    case 'empty-class':
      return t('Choose a storage class for every row.');
  }
};

export const supportWarningMessage = (t: Translate, warning: SupportWarning): string => {
  switch (warning.kind) {
    case 'shared-access-on-node-local':
      return t(
        '{{value}} is unlikely to work on {{storageClass}}: its provisioner {{provisioner}} makes volumes on a single node, which other nodes cannot mount.',
        { ...warning },
      );
    case 'block-on-filesystem-only':
      return t(
        'Block is unlikely to work on {{storageClass}}: its provisioner {{provisioner}} makes directories, not block devices.',
        { ...warning },
      );
    case 'not-in-storageprofile':
      return t(
        'The StorageProfile of {{storageClass}} does not list this combination of access mode and volume mode.',
        { ...warning },
      );
  }
};
