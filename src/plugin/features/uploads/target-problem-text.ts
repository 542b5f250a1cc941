// The words for the target form's problems (target-form-model.ts): CDI's refusals through problem-text.ts, the
// form's own (namespace, rights, consents) here, each with its cause and fix.
import type { TFunction } from 'i18next';
import { problemText } from './problem-text';
import type { TargetProblem } from './target-form-model';

export const targetProblemText = (t: TFunction, p: TargetProblem): string => {
  if (p.source === 'upload') return problemText(t, p.problem);
  switch (p.code) {
    case 'namespace-empty':
      return t('Enter the namespace of the target.');
    case 'namespace-missing':
      return t('Namespace {{namespace}} does not exist: choose one from the list.', p.params);
    case 'no-create-pvc':
      return t(
        'You may not create PersistentVolumeClaims in {{namespace}}: ask an administrator for edit rights there.',
        p.params,
      );
    case 'no-create-dv':
      return t(
        'You may not create DataVolumes in {{namespace}}: ask an administrator for edit rights there.',
        p.params,
      );
    case 'no-upload':
      return t(
        'You may not create UploadTokenRequests in {{namespace}}: ask an administrator for upload rights there.',
        p.params,
      );
    case 'force-bind-consent':
      return t(
        '{{name}} waits for its first consumer: confirm force-binding it to upload into it.',
        p.params,
      );
    case 'text-consent':
      return t(
        '{{file}} looks like a text file, not a disk image: confirm that it is a raw disk to upload it.',
        p.params,
      );
  }
};
