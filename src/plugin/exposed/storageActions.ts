// Exposed module `storageActions`: console.action/resource-provider hooks for PersistentVolumeClaim and
// PersistentVolume. Each returns the SDK's `[actions, loaded, error]`.
import { useMemo } from 'react';
import type {
  Action,
  ExtensionHookResult,
  K8sResourceCommon,
} from '@openshift-console/dynamic-plugin-sdk';
import { focusHref } from '../features/overview/focus';
import type { PersistentVolumeClaimKind, PersistentVolumeKind } from '../k8s/types';
import { usePluginTranslation } from '../i18n/usePluginTranslation';

const useShowInOverview = (
  kind: 'PersistentVolumeClaim' | 'PersistentVolume',
  resource: K8sResourceCommon | undefined,
): ExtensionHookResult<Action[]> => {
  const { t } = usePluginTranslation();
  const name = resource?.metadata?.name;
  const namespace = kind === 'PersistentVolume' ? undefined : resource?.metadata?.namespace;
  const label = t('Show in VM Disks overview');
  const actions = useMemo<Action[]>(
    () =>
      name
        ? [
            {
              id: `vm-disks-show-in-overview-${kind}`,
              label,
              description: t('Where this volume sits among nodes, claims and DataVolumes'),
              cta: { href: focusHref(kind, namespace, name) },
            },
          ]
        : [],
    [kind, label, name, namespace, t],
  );
  return [actions, true, undefined];
};

export const usePVCActions = (
  resource: PersistentVolumeClaimKind | undefined,
): ExtensionHookResult<Action[]> => useShowInOverview('PersistentVolumeClaim', resource);

export const usePVActions = (
  resource: PersistentVolumeKind | undefined,
): ExtensionHookResult<Action[]> => useShowInOverview('PersistentVolume', resource);
