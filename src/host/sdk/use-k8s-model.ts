// useK8sModel / useK8sModels and the model lookup the watch hooks share.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { K8sGroupVersionKind, K8sModel } from './k8s-types';
import { referenceForModel } from './k8s-resource';
import { modelRegistry } from './models/host-models';
import type { RegistrySnapshot } from './models/model-registry';
import { findModel, isSettled, toGVK } from './models/model-registry';

type GVKInput = string | K8sGroupVersionKind | undefined;

const useRegistrySnapshot = (): RegistrySnapshot =>
  useSyncExternalStore(modelRegistry.subscribe, modelRegistry.getSnapshot);

/** Models for several kinds: `[model | undefined, inFlight]` each, discovering unknown kinds. */
export const useModelLookups = (inputs: GVKInput[]): [K8sModel | undefined, boolean][] => {
  const snapshot = useRegistrySnapshot();
  const key = JSON.stringify(inputs);
  const gvks = useMemo(
    () => (JSON.parse(key) as (GVKInput | null)[]).map((g) => toGVK(g ?? undefined)),
    [key],
  );
  useEffect(() => {
    gvks.forEach((gvk) => {
      if (gvk && !modelRegistry.find(gvk)) void modelRegistry.resolve(gvk);
    });
  }, [gvks]);
  return useMemo(
    () =>
      gvks.map((gvk): [K8sModel | undefined, boolean] => {
        if (!gvk) return [undefined, false];
        const model = findModel(snapshot, gvk);
        return [model, !model && !isSettled(snapshot, gvk)];
      }),
    [gvks, snapshot],
  );
};

/** `[model | undefined, inFlight]` for host components (the SDK signature hides the undefined). */
export const useOptionalK8sModel = (
  groupVersionKind?: GVKInput,
): [K8sModel | undefined, boolean] => {
  const lookups = useModelLookups([groupVersionKind]);
  return lookups[0] ?? [undefined, false];
};

/** `useK8sModel(groupVersionKind)` → `[model, inFlight]`. */
export const useK8sModel = (groupVersionKind?: GVKInput): [K8sModel, boolean] =>
  useOptionalK8sModel(groupVersionKind) as [K8sModel, boolean];

/** `useK8sModels()` → `[{ [reference]: model }, inFlight]`. */
export const useK8sModels = (): [Record<string, K8sModel>, boolean] => {
  const snapshot = useRegistrySnapshot();
  return useMemo(() => {
    const models: Record<string, K8sModel> = {};
    snapshot.models.forEach((m) => {
      models[referenceForModel(m)] = m;
    });
    return [models, false];
  }, [snapshot]);
};

export const getGroupVersionKindForModel = (model: K8sModel): K8sGroupVersionKind => ({
  ...(model.apiGroup ? { group: model.apiGroup } : {}),
  version: model.apiVersion,
  kind: model.kind,
});

export const getGroupVersionKindForResource = (resource: {
  apiVersion?: string;
  kind?: string;
}): K8sGroupVersionKind => {
  const apiVersion = resource.apiVersion ?? '';
  const slash = apiVersion.lastIndexOf('/');
  return {
    ...(slash > 0 ? { group: apiVersion.slice(0, slash) } : {}),
    version: slash > 0 ? apiVersion.slice(slash + 1) : apiVersion,
    kind: resource.kind ?? '',
  };
};

export const getAPIVersionForModel = (model: K8sModel): string =>
  model.apiGroup ? `${model.apiGroup}/${model.apiVersion}` : model.apiVersion;
