// The `kubevirt-storage-class-defaults` ConfigMap, its namespace discovered (not assumed): where one exists
// (cluster-wide lookup by name), else where HyperConverged lives, else `openshift-cnv`.
import { useMemo } from 'react';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import {
  STORAGE_DEFAULTS_CONFIG_MAP,
  chooseStorageDefaultsNamespace,
} from '../../../lib/storage-defaults';
import { ConfigMapModel, gvkOf } from '../models';
import type { ConfigMapKind } from '../types/cdi-settings';
import { statusOf } from '../load-error';
import { useHyperConvergeds } from './useCdiSettings';

export interface StorageDefaultsConfigMap {
  /** Where the ConfigMap is (or will be created). */
  namespace: string;
  /** `undefined` while loading and when it does not exist. */
  configMap: ConfigMapKind | undefined;
  /** Loaded and known not to exist. */
  missing: boolean;
  loaded: boolean;
  /** A load error other than "not found". */
  error: unknown;
  /** The HyperConverged of the cluster, if any. */
  hyperConvergedNamespace: string | undefined;
  /** Its `spec.localStorageClassName` (the `local-sc` keys are named after it). */
  localStorageClassName: string | undefined;
}

export const useStorageDefaultsConfigMap = (): StorageDefaultsConfigMap => {
  const [hcos, hcosLoaded, hcosError] = useHyperConvergeds();
  const search = useMemo(
    () => ({
      groupVersionKind: gvkOf(ConfigMapModel),
      isList: true,
      fieldSelector: `metadata.name=${STORAGE_DEFAULTS_CONFIG_MAP}`,
    }),
    [],
  );
  const searchResult = useK8sWatchResource<ConfigMapKind[]>(search);
  const found = searchResult[0] as ConfigMapKind[] | undefined;
  const foundLoaded = searchResult[1];
  const foundError = searchResult[2] as unknown;
  const hco = hcos.find((h) => !h.metadata?.deletionTimestamp);
  const hyperConvergedNamespace = hco?.metadata?.namespace;
  const discoveryDone = (foundLoaded || Boolean(foundError)) && (hcosLoaded || Boolean(hcosError));
  const namespaces = Array.isArray(found)
    ? found.map((cm) => cm.metadata?.namespace ?? '').filter(Boolean)
    : [];
  const namespace = chooseStorageDefaultsNamespace({
    configMapNamespaces: namespaces,
    hyperConvergedNamespace,
  });

  // Watched by name only where the cluster-wide lookup found one: on today's platform (HyperConverged ≥ 1.7) it
  // does not exist, and a GET of it would only produce a 404. (A user who may not list ConfigMaps cluster-wide
  // still gets the GET in the chosen namespace.)
  const exists = namespaces.length > 0 || Boolean(foundError);
  const resource = useMemo(
    () =>
      discoveryDone && exists
        ? {
            groupVersionKind: gvkOf(ConfigMapModel),
            name: STORAGE_DEFAULTS_CONFIG_MAP,
            namespace,
            isList: false,
          }
        : null,
    [discoveryDone, exists, namespace],
  );
  const watched = useK8sWatchResource<ConfigMapKind>(resource);
  const data = watched[0] as ConfigMapKind | undefined;
  const loaded = watched[1];
  const error = watched[2] as unknown;
  const configMap =
    data && typeof data === 'object' && 'metadata' in data && data.metadata?.name
      ? data
      : undefined;
  const notFound = (Boolean(error) && statusOf(error) === 404) || (discoveryDone && !exists);
  return {
    namespace,
    configMap: notFound ? undefined : configMap,
    missing: discoveryDone && (notFound || (loaded && !configMap && !error)),
    loaded: discoveryDone && (loaded || notFound),
    error: notFound ? undefined : error,
    hyperConvergedNamespace,
    localStorageClassName: hco?.spec?.localStorageClassName,
  };
};
