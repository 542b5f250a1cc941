// useK8sWatchResource(s): the console hooks, backed by the shared watch manager.
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type { K8sModel, K8sResourceCommon, WatchK8sResource } from './k8s-types';
import { ALL_NAMESPACES_KEY } from './k8s-types';
import { useModelLookups } from './use-k8s-model';
import type { WatchQuery, WatchSnapshot } from './watch/watch-manager';
import { watchManager } from './watch/watch-manager';

export class NoModelError extends Error {
  constructor() {
    super('Model does not exist');
    Object.defineProperty(this, 'name', { value: 'NoModelError', configurable: true });
  }
}

const LOADING_LIST: WatchSnapshot = Object.freeze({
  data: [],
  loaded: false,
  loadError: undefined,
});
const LOADING_SINGLE: WatchSnapshot = Object.freeze({
  data: {},
  loaded: false,
  loadError: undefined,
});

const gvkOf = (resource: WatchK8sResource | null | undefined) =>
  resource ? (resource.groupVersionKind ?? (resource as { kind?: string }).kind) : undefined;

const toQuery = (resource: WatchK8sResource, model: K8sModel): WatchQuery => ({
  model,
  isList: Boolean(resource.isList),
  ...(resource.namespace && resource.namespace !== ALL_NAMESPACES_KEY
    ? { ns: resource.namespace }
    : {}),
  ...(resource.name ? { name: resource.name } : {}),
  ...(resource.selector ? { selector: resource.selector } : {}),
  ...(resource.fieldSelector ? { fieldSelector: resource.fieldSelector } : {}),
  ...(resource.limit ? { limit: resource.limit } : {}),
});

type Slot =
  | { kind: 'none' }
  | { kind: 'pending'; isList: boolean }
  | { kind: 'no-model'; isList: boolean }
  | { kind: 'watch'; query: WatchQuery };

const slotFor = (
  resource: WatchK8sResource | null | undefined,
  lookup: [K8sModel | undefined, boolean],
): Slot => {
  if (!resource) return { kind: 'none' };
  const isList = Boolean(resource.isList);
  const [model, inFlight] = lookup;
  if (!model) return inFlight ? { kind: 'pending', isList } : { kind: 'no-model', isList };
  return { kind: 'watch', query: toQuery(resource, model) };
};

const slotSnapshot = (slot: Slot): WatchSnapshot | undefined => {
  switch (slot.kind) {
    case 'none':
      return undefined;
    case 'pending':
      return slot.isList ? LOADING_LIST : LOADING_SINGLE;
    case 'no-model':
      return slot.isList ? NO_MODEL_LIST : NO_MODEL_SINGLE;
    case 'watch':
      return (
        watchManager.getSnapshot(slot.query) ?? (slot.query.isList ? LOADING_LIST : LOADING_SINGLE)
      );
  }
};

const NO_MODEL_LIST: WatchSnapshot = { data: [], loaded: true, loadError: new NoModelError() };
const NO_MODEL_SINGLE: WatchSnapshot = { data: {}, loaded: true, loadError: new NoModelError() };

/** Keeps a value's identity while its JSON form is unchanged (resources are usually inline objects). */
export const useStableValue = <T>(value: T): T => {
  const key = value === undefined ? 'undefined' : JSON.stringify(value);
  return useMemo(() => (key === 'undefined' ? undefined : JSON.parse(key)) as T, [key]);
};

/** Subscribes to all slots; returns their snapshots, referentially stable while none changed. */
const useSlotSnapshots = (slots: Slot[]): (WatchSnapshot | undefined)[] => {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const unsubscribes = slots
        .filter((s): s is Extract<Slot, { kind: 'watch' }> => s.kind === 'watch')
        .map((s) => watchManager.subscribe(s.query, onChange));
      return () => {
        unsubscribes.forEach((u) => {
          u();
        });
      };
    },
    [slots],
  );
  const cache = useRef<(WatchSnapshot | undefined)[]>([]);
  const getSnapshot = useCallback(() => {
    const next = slots.map(slotSnapshot);
    const prev = cache.current;
    if (prev.length === next.length && prev.every((s, i) => s === next[i])) return prev;
    cache.current = next;
    return next;
  }, [slots]);
  return useSyncExternalStore(subscribe, getSnapshot);
};

export const useK8sWatchResource = <R extends K8sResourceCommon | K8sResourceCommon[]>(
  initResource: WatchK8sResource | null,
): [R, boolean, unknown] => {
  const resource = useStableValue(initResource);
  const lookups = useModelLookups([gvkOf(resource)]);
  const slots = useMemo(
    () => [slotFor(resource, lookups[0] ?? [undefined, false])],
    [resource, lookups],
  );
  const [snapshot] = useSlotSnapshots(slots);
  return useMemo((): [R, boolean, unknown] => {
    if (!snapshot) return [undefined as unknown as R, true, undefined];
    return [snapshot.data as R, snapshot.loaded, snapshot.loadError];
  }, [snapshot]);
};

type ResourcesObject = Record<string, K8sResourceCommon | K8sResourceCommon[]>;
type WatchResults<R extends ResourcesObject> = {
  [K in keyof R]: { data: R[K]; loaded: boolean; loadError: unknown };
};

export const useK8sWatchResources = <R extends ResourcesObject>(initResources: {
  [K in keyof R]: WatchK8sResource;
}): WatchResults<R> => {
  const resources = useStableValue(initResources);
  const keys = useMemo(() => Object.keys(resources), [resources]);
  const lookups = useModelLookups(keys.map((k) => gvkOf(resources[k])));
  const slots = useMemo(
    () => keys.map((k, i) => slotFor(resources[k], lookups[i] ?? [undefined, false])),
    [keys, resources, lookups],
  );
  const snapshots = useSlotSnapshots(slots);
  return useMemo(() => {
    const results: Record<string, { data: unknown; loaded: boolean; loadError: unknown }> = {};
    keys.forEach((k, i) => {
      const s = snapshots[i];
      results[k] = s
        ? { data: s.data, loaded: s.loaded, loadError: s.loadError }
        : { data: undefined, loaded: true, loadError: undefined };
    });
    return results as WatchResults<R>;
  }, [keys, snapshots]);
};
