// The sentence that names one missing permission; also the reason shown beside a disabled action.
import { useCallback } from 'react';
import type { AccessNeed } from '../../k8s/access/access-needs';
import { qualifiedResourceOf } from '../../k8s/access/access-needs';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export const useDeniedText = (): ((need: AccessNeed) => string) => {
  const { t } = usePluginTranslation();
  return useCallback(
    (need: AccessNeed) => {
      const resource = qualifiedResourceOf(need);
      if (need.name && need.namespace)
        return t('You may not {{verb}} {{resource}} {{name}} in namespace {{namespace}}.', {
          verb: need.verb,
          resource,
          name: need.name,
          namespace: need.namespace,
        });
      if (need.name)
        return t('You may not {{verb}} {{resource}} {{name}}.', {
          verb: need.verb,
          resource,
          name: need.name,
        });
      if (need.namespace)
        return t('You may not {{verb}} {{resource}} in namespace {{namespace}}.', {
          verb: need.verb,
          resource,
          namespace: need.namespace,
        });
      return t('You may not {{verb}} {{resource}} at the cluster scope.', {
        verb: need.verb,
        resource,
      });
    },
    [t],
  );
};
