// Local volume form problems as sentences for the user.
import type { LocalPVFieldProblem, PathProblem } from '../../../lib/local-pv';
import type { usePluginTranslation } from '../../i18n/usePluginTranslation';

export type Translate = ReturnType<typeof usePluginTranslation>['t'];

const pathProblemMessage = (t: Translate, kind: PathProblem): string => {
  switch (kind) {
    case 'empty':
      return t('Enter the path on the node.');
    case 'not-absolute':
      return t('The path must be absolute (start with /).');
    case 'dot-segment':
      return t('The path must not contain . or .. segments.');
    case 'whitespace':
      return t('The path must not contain spaces.');
    case 'control-character':
      return t('The path must not contain control characters such as NUL.');
    case 'root':
      return t('The root directory cannot be a volume.');
  }
};

export const localPVProblemMessage = (t: Translate, problem: LocalPVFieldProblem): string => {
  switch (problem.field) {
    case 'name':
      return problem.kind === 'taken'
        ? t('A PersistentVolume with this name already exists.')
        : problem.message;
    case 'node':
      return problem.kind === 'missing'
        ? t('Choose the node that has the device or directory.')
        : t('The node {{node}} does not exist.', { node: problem.node });
    case 'path':
      return problem.kind === 'claimed'
        ? t('The PersistentVolume {{pv}} already uses this path on this node.', { pv: problem.by })
        : pathProblemMessage(t, problem.kind);
    case 'backingFile':
      return pathProblemMessage(t, problem.kind);
    case 'capacity':
      return problem.kind === 'zero'
        ? t('The capacity must be larger than zero.')
        : t('Not a valid quantity (for example 10Gi): {{message}}', { message: problem.message });
    case 'storageClassName':
      return problem.message;
    case 'labels':
      return t('Not valid labels: {{entries}}', { entries: problem.entries.join(', ') });
  }
};
