// Sentences for backing-path and pool-name problems.
import type { BackingPathProblem, PoolNameProblem } from '../../../lib/host-paths';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export const usePathMessages = () => {
  const { t } = usePluginTranslation();
  const pathMessage = (p: BackingPathProblem): string => {
    switch (p.code) {
      case 'empty':
        return t('Enter the backing directory.');
      case 'not-absolute':
        return t('The path must be absolute (start with /).');
      case 'root':
        return t('The root directory / cannot be the backing directory.');
      case 'parent-segment':
        return t('The path must not contain "..".');
      case 'unclean':
        return t('Write the path without ".", repeated or trailing slashes: {{suggestion}}', {
          suggestion: p.suggestion,
        });
      case 'bad-characters':
        return t('Use only letters, digits, ".", "_", "-" and "/" in the path.');
      case 'too-long':
        return t('The path may have at most {{max}} characters.', { max: p.max });
      case 'system-directory':
        return t('{{directory}} is a system directory; choose a directory of its own.', {
          directory: p.directory,
        });
      case 'contains-system-directory':
        return t(
          'The path contains the system directory {{directory}}; relabelling it would break the node.',
          { directory: p.directory },
        );
      case 'rhcos-read-only':
        return t(
          'On RHCOS nodes only /var and /mnt are writable; choose a path under /var (for example /var/hpvolumes).',
        );
    }
  };
  const poolMessage = (p: PoolNameProblem): string => {
    switch (p.code) {
      case 'empty':
        return t('Enter a storage pool name.');
      case 'too-long':
        return t('The storage pool name may have at most {{max}} characters.', { max: p.max });
      case 'invalid':
        return t(
          'Use lowercase letters, digits, "-", "." and "_", starting and ending with a letter or digit.',
        );
    }
  };
  return { pathMessage, poolMessage };
};
