// The one place the plugin's list hooks meet the SDK watch: a stable resource description per (model, namespace),
// the SDK's `[data, loaded, loadError]` tuple kept as is.
import { useMemo } from 'react';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel, K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { ALL_NAMESPACES_KEY, gvkOf } from '../models';

const NO_ITEMS: readonly K8sResourceCommon[] = [];

/** `undefined` (all namespaces) for the "all projects" key and for no namespace. */
export const listNamespace = (namespace: string | undefined): string | undefined =>
  namespace && namespace !== ALL_NAMESPACES_KEY ? namespace : undefined;

/** The SDK's `[data, loaded, loadError]`, with the error typed `unknown` instead of `any`. */
export type WatchListResult<R> = [R[], boolean, unknown];

export const useWatchList = <R extends K8sResourceCommon>(
  model: K8sModel,
  namespace?: string,
): WatchListResult<R> => {
  const ns = model.namespaced ? listNamespace(namespace) : undefined;
  const resource = useMemo(
    () => ({ groupVersionKind: gvkOf(model), isList: true, ...(ns ? { namespace: ns } : {}) }),
    [model, ns],
  );
  const result = useK8sWatchResource<R[]>(resource);
  // The console hands out `[]` for a list that has not loaded; be safe against `undefined` as well.
  const data = Array.isArray(result[0]) ? result[0] : (NO_ITEMS as R[]);
  return [data, result[1], result[2] as unknown];
};
