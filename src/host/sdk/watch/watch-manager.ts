// Shared list+watch manager: one entry (and one WebSocket) per distinct query, reference-counted.
// Each entry lists, then watches from the list's resourceVersion; it re-lists on 410 Gone or when the
// socket closes, with exponential backoff between failed attempts.
import { consoleFetchJSON } from '../console-fetch';
import type { K8sModel, K8sResourceCommon, Selector } from '../k8s-types';
import { apiVersionForModel, listQueryParams, resourceURL, watchURL } from '../k8s-resource';
import type { ListState, WatchEvent } from './watch-reducer';
import { applyWatchEvents, parseWatchFrame, stateFromList } from './watch-reducer';

export interface WatchQuery {
  model: K8sModel;
  isList: boolean;
  ns?: string;
  name?: string;
  selector?: Selector;
  fieldSelector?: string;
  limit?: number;
}

export interface WatchSnapshot {
  data: K8sResourceCommon[] | K8sResourceCommon;
  loaded: boolean;
  loadError: unknown;
}

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 15_000;
const STOP_GRACE_MS = 2000;
const NOT_FOUND_RETRY_MS = 5000;
const NOTIFY_DELAY_MS = 16;
const MAX_NOTIFY_DELAY_MS = 250;

/**
 * How long watch events are gathered before the list is rebuilt and its users re-render: a frame for small lists,
 * growing with the list (every rebuild copies it and its users re-derive from it) up to a quarter second.
 */
export const notifyDelayFor = (listSize: number): number =>
  Math.min(MAX_NOTIFY_DELAY_MS, NOTIFY_DELAY_MS + Math.floor(listSize / 20));

export const queryKey = (q: WatchQuery): string =>
  JSON.stringify([
    apiVersionForModel(q.model),
    q.model.plural,
    q.isList,
    q.model.namespaced ? (q.ns ?? '') : '',
    q.name ?? '',
    q.selector ?? null,
    q.fieldSelector ?? '',
    q.limit ?? 0,
  ]);

const socketURL = (path: string): string => {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
};

const decodeFrame = (data: unknown): string => {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  return '';
};

class WatchEntry {
  readonly listeners = new Set<() => void>();
  refs = 0;
  snapshot: WatchSnapshot;
  private state: ListState | undefined;
  /** Watch events received and not yet applied (applied together when the users are notified). */
  private pending: WatchEvent[] = [];
  private socket: WebSocket | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  stopTimer: ReturnType<typeof setTimeout> | undefined;
  private backoff = INITIAL_BACKOFF_MS;
  private stopped = false;
  private generation = 0;

  constructor(readonly query: WatchQuery) {
    this.snapshot = { data: query.isList ? [] : {}, loaded: false, loadError: undefined };
  }

  start(): void {
    void this.list();
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
    clearTimeout(this.retryTimer);
    clearTimeout(this.notifyTimer);
    this.closeSocket();
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.close();
    }
  }

  private async list(): Promise<void> {
    const generation = ++this.generation;
    const { model, isList, ns, name } = this.query;
    try {
      let state: ListState;
      if (isList) {
        const list = (await consoleFetchJSON(
          resourceURL(model, { ns, queryParams: listQueryParams(this.query) }),
        )) as { items?: K8sResourceCommon[]; metadata?: { resourceVersion?: string } };
        state = stateFromList(list, model.kind, apiVersionForModel(model));
      } else {
        const obj = (await consoleFetchJSON(resourceURL(model, { ns, name }))) as K8sResourceCommon;
        state = stateFromList(
          { items: [obj], metadata: { resourceVersion: obj.metadata?.resourceVersion ?? '' } },
          model.kind,
          apiVersionForModel(model),
        );
      }
      if (this.stopped || generation !== this.generation) return;
      this.state = state;
      this.pending = [];
      this.backoff = INITIAL_BACKOFF_MS;
      this.publish(undefined, true);
      this.openSocket(state.resourceVersion);
    } catch (error) {
      if (this.stopped || generation !== this.generation) return;
      const status = (error as { code?: number }).code;
      const definite = status !== undefined && status >= 400 && status < 500;
      // A re-list that fails for a transient reason (network, backend restart) keeps the last data;
      // a definite answer from the API (403, 404, ...) replaces it with the error.
      if (!this.snapshot.loaded || definite) {
        this.state = undefined;
        this.snapshot = { data: this.query.isList ? [] : {}, loaded: false, loadError: error };
        this.notifyNow();
      }
      // Forbidden stays forbidden for this session (switching users reloads the page): no retry loop.
      if (status === 401 || status === 403) return;
      if (status === 404) this.backoff = Math.max(this.backoff, NOT_FOUND_RETRY_MS);
      this.scheduleRetry();
    }
  }

  private openSocket(resourceVersion: string): void {
    this.closeSocket();
    const { model, ns, name } = this.query;
    const path = watchURL(model, { ...this.query, ns, name }, resourceVersion);
    const socket = new WebSocket(socketURL(path));
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onmessage = (message: MessageEvent) => {
      let events;
      try {
        events = parseWatchFrame(decodeFrame(message.data));
      } catch {
        return;
      }
      for (const event of events) {
        if (event.type === 'ERROR') {
          // 410 Gone (resourceVersion too old) or any other watch error: list again.
          this.closeSocket();
          if (event.object.code === 410) void this.list();
          else this.scheduleRetry();
          return;
        }
        if (this.state) this.pending.push(event);
      }
      if (this.pending.length > 0) this.scheduleNotify();
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.scheduleRetry();
    };
    socket.onerror = () => {
      // onclose follows and schedules the retry.
    };
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.retryTimer = setTimeout(() => {
      void this.list();
    }, delay);
  }

  private publish(loadError: unknown, loaded: boolean): void {
    const items = this.state ? [...this.state.items.values()] : [];
    const data = this.query.isList ? items : (items[0] ?? {});
    this.snapshot = { data, loaded, loadError };
    this.notifyNow();
  }

  private scheduleNotify(): void {
    if (this.notifyTimer !== undefined) return;
    this.notifyTimer = setTimeout(
      () => {
        this.notifyTimer = undefined;
        if (this.stopped || !this.state) return;
        const next = applyWatchEvents(this.state, this.pending);
        this.pending = [];
        const itemsChanged = next.items !== this.state.items;
        this.state = next;
        if (itemsChanged) this.publish(undefined, true);
      },
      notifyDelayFor(this.state?.items.size ?? 0),
    );
  }

  private notifyNow(): void {
    this.listeners.forEach((l) => {
      l();
    });
  }
}

export class WatchManager {
  private readonly entries = new Map<string, WatchEntry>();

  /** Subscribes to a query; returns the unsubscribe function. The entry stops shortly after its last user. */
  subscribe(query: WatchQuery, listener: () => void): () => void {
    const key = queryKey(query);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = new WatchEntry(query);
      this.entries.set(key, entry);
      entry.start();
    }
    const current = entry;
    clearTimeout(current.stopTimer);
    current.refs += 1;
    current.listeners.add(listener);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      current.refs -= 1;
      current.listeners.delete(listener);
      if (current.refs === 0) {
        current.stopTimer = setTimeout(() => {
          if (current.refs === 0 && this.entries.get(key) === current) {
            current.stop();
            this.entries.delete(key);
          }
        }, STOP_GRACE_MS);
      }
    };
  }

  getSnapshot(query: WatchQuery): WatchSnapshot | undefined {
    return this.entries.get(queryKey(query))?.snapshot;
  }

  /** Number of live entries (one WebSocket each at most); for tests and diagnostics. */
  get size(): number {
    return this.entries.size;
  }
}

export const watchManager = new WatchManager();
