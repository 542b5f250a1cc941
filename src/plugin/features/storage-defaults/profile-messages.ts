// Words for the StorageProfile problems src/lib reports (codes → sentences that name the field and the fix).
import type { ProfileProblem } from '../../../lib/storage-profiles';
import {
  CLONE_STRATEGIES,
  MAX_ACCESS_MODES,
  MAX_CLAIM_PROPERTY_SETS,
  PROFILE_ACCESS_MODES,
  PROFILE_VOLUME_MODES,
  SOURCE_FORMATS,
} from '../../../lib/storage-profiles';
import type { ProfileYamlProblem } from '../../../lib/storage-profiles-yaml';
import type { Translate } from './problem-messages';

export const profileProblemMessage = (
  t: Translate,
  problem: ProfileProblem | ProfileYamlProblem,
): string => {
  const field = problem.field ?? '';
  const value = problem.value ?? '';
  const storageClass = problem.storageClass ?? '';
  const provisioner = problem.provisioner ?? '';
  switch (problem.kind) {
    case 'syntax':
      return t('YAML syntax error: {{detail}}', { detail: problem.detail ?? '' });
    case 'not-an-object':
      return t('The YAML must describe one object (a mapping).');
    case 'wrong-kind':
      return t(
        'This editor saves a StorageProfile: apiVersion must be cdi.kubevirt.io/v1beta1 and kind StorageProfile.',
      );
    case 'wrong-name':
      return t('metadata.name must be {{expected}}.', { expected: problem.expected ?? '' });
    case 'not-a-list':
      return t('{{field}} must be a list.', { field });
    case 'too-many-sets':
      return t('{{field}}: at most {{max}} claim property sets; remove some.', {
        field,
        max: MAX_CLAIM_PROPERTY_SETS,
      });
    case 'empty-access-modes':
      return t('{{field}}: choose at least one access mode (CDI ignores a set without one).', {
        field,
      });
    case 'too-many-access-modes':
      return t('{{field}}: at most {{max}} access modes.', { field, max: MAX_ACCESS_MODES });
    case 'unknown-access-mode':
      return t('{{field}}: "{{value}}" is not an access mode. Valid values: {{valid}}.', {
        field,
        value,
        valid: PROFILE_ACCESS_MODES.join(', '),
      });
    case 'duplicate-access-mode':
      return t('{{field}}: {{value}} is listed twice.', { field, value });
    case 'missing-volume-mode':
      return t('{{field}}: choose a volume mode (Filesystem or Block).', { field });
    case 'unknown-volume-mode':
      return t('{{field}}: "{{value}}" is not a volume mode. Valid values: {{valid}}.', {
        field,
        value,
        valid: PROFILE_VOLUME_MODES.join(', '),
      });
    case 'duplicate-set':
      return t('{{field}} repeats an earlier set.', { field });
    case 'node-local':
      return t(
        '{{field}}: {{value}} cannot work on {{storageClass}}: its provisioner {{provisioner}} keeps each volume on one node, which other nodes cannot mount. Use ReadWriteOnce.',
        { field, value, storageClass, provisioner },
      );
    case 'filesystem-only':
      return t(
        '{{field}}: {{value}} cannot work on {{storageClass}}: its provisioner {{provisioner}} makes directories or file shares, not block devices. Use Filesystem.',
        { field, value, storageClass, provisioner },
      );
    case 'shared-only-as-block':
      return t(
        '{{field}}: {{value}} cannot work on {{storageClass}}: its provisioner {{provisioner}} shares volumes between nodes only as raw block devices. Use Block for ReadWriteMany.',
        { field, value, storageClass, provisioner },
      );
    case 'no-matching-pv':
      return t(
        '{{field}}: no PersistentVolume of {{storageClass}} offers {{value}} yet; claims with it stay Pending until one does.',
        { field, value, storageClass },
      );
    case 'not-in-capabilities':
      return t(
        '{{field}}: CDI does not list {{value}} for {{provisioner}}; make sure your storage supports it.',
        { field, value, provisioner },
      );
    case 'unknown-clone-strategy':
      return t('{{field}}: "{{value}}" is not a clone strategy. Valid values: {{valid}}.', {
        field,
        value,
        valid: CLONE_STRATEGIES.join(', '),
      });
    case 'unknown-source-format':
      return t('{{field}}: "{{value}}" is not a source format. Valid values: {{valid}}.', {
        field,
        value,
        valid: SOURCE_FORMATS.join(', '),
      });
  }
};
