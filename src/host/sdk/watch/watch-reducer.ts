// Pure state of one list+watch: objects keyed by namespace/name, updated by watch events.
import type { K8sResourceCommon } from '../k8s-types';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: K8sResourceCommon & { code?: number; message?: string; reason?: string };
}

export interface ListState {
  /** Objects in list order; new objects are appended. */
  items: ReadonlyMap<string, K8sResourceCommon>;
  resourceVersion: string;
}

export const objectKey = (obj: K8sResourceCommon): string =>
  `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;

const numericVersion = (rv: string | undefined): number | undefined => {
  if (!rv || !/^\d+$/.test(rv)) return undefined;
  return Number(rv);
};

/** True when `candidate` is older than `current` (both numeric resourceVersions); unknown → false. */
const isOlder = (candidate: string | undefined, current: string | undefined): boolean => {
  const a = numericVersion(candidate);
  const b = numericVersion(current);
  return a !== undefined && b !== undefined && a < b;
};

/** The state after a full list. Items missing `kind`/`apiVersion` get them from the list, as the console does. */
export const stateFromList = (
  list: { items?: K8sResourceCommon[]; metadata?: { resourceVersion?: string } },
  kind: string,
  apiVersion: string,
): ListState => {
  const items = new Map<string, K8sResourceCommon>();
  for (const item of list.items ?? []) {
    const typed = { kind, apiVersion, ...item };
    items.set(objectKey(typed), typed);
  }
  return { items, resourceVersion: list.metadata?.resourceVersion ?? '' };
};

/**
 * Applies a batch of watch events in order with at most one copy of the item map (a burst of events on a list of
 * thousands costs one copy, not one per event). Returns the same state object when nothing changed: BOOKMARK only
 * moves the resourceVersion, a stale MODIFIED is ignored. ERROR events are not handled here (the caller re-lists).
 */
export const applyWatchEvents = (state: ListState, events: readonly WatchEvent[]): ListState => {
  let items: Map<string, K8sResourceCommon> | undefined;
  let resourceVersion = state.resourceVersion;
  for (const { type, object } of events) {
    const rv = object.metadata?.resourceVersion ?? resourceVersion;
    const current = items ?? state.items;
    switch (type) {
      case 'BOOKMARK':
        resourceVersion = rv;
        break;
      case 'ADDED':
      case 'MODIFIED': {
        const key = objectKey(object);
        const existing = current.get(key);
        if (
          existing &&
          isOlder(object.metadata?.resourceVersion, existing.metadata?.resourceVersion)
        ) {
          break;
        }
        items ??= new Map(state.items);
        items.set(key, object);
        resourceVersion = rv;
        break;
      }
      case 'DELETED': {
        const key = objectKey(object);
        if (current.has(key)) {
          items ??= new Map(state.items);
          items.delete(key);
        }
        resourceVersion = rv;
        break;
      }
      default:
        break;
    }
  }
  if (!items && resourceVersion === state.resourceVersion) return state;
  return { items: items ?? state.items, resourceVersion };
};

/** Applies one watch event (see `applyWatchEvents`). */
export const applyWatchEvent = (state: ListState, event: WatchEvent): ListState =>
  applyWatchEvents(state, [event]);

/** Parses one WebSocket frame: one JSON event, or several separated by newlines. */
export const parseWatchFrame = (text: string): WatchEvent[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => JSON.parse(line) as WatchEvent);
