import type { KubeObject, ResourceType } from '../contract';
import type { InternalEvent, SandboxStore } from '../store/store';
import { typeKey } from '../store/registry';
import { matchesFilter, type ObjectFilter } from '../store/selectors';
import { ApiError, tooLargeResourceVersionError } from './status';

/** How long the watch cache waits for a requested resourceVersion (pkg/storage/cacher `blockTimeout`). */
const FRESHNESS_WAIT_MS = 3000;

/**
 * Resolves once the store has reached `rv` (true), or after `timeoutMs` without it (false), as the
 * watch cache's `waitUntilFreshAndBlock` (kubernetes/kubernetes
 * staging/src/k8s.io/apiserver/pkg/storage/cacher/watch_cache.go) does for reads at a future
 * resourceVersion.
 */
export const waitForResourceVersion = (
  store: SandboxStore,
  rv: number,
  timeoutMs = FRESHNESS_WAIT_MS,
): Promise<boolean> =>
  new Promise((resolve) => {
    if (store.currentResourceVersion() >= rv) {
      resolve(true);
      return;
    }
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve(ok);
    };
    const unsubscribe = store.watchRaw(() => {
      if (store.currentResourceVersion() >= rv) finish(true);
    });
    const timer = setTimeout(() => {
      finish(false);
    }, timeoutMs);
  });

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

export interface WatchOptions {
  type: ResourceType;
  namespace?: string;
  filter: ObjectFilter;
  resourceVersion?: string;
  bookmarks: boolean;
  bookmarkIntervalMs: number;
  timeoutSeconds?: number;
  /** Serialises an object for the client (version conversion, Table rows). */
  render: (obj: KubeObject) => unknown;
  /** `sendInitialEvents=true`: current state first, then a bookmark marking its end. */
  sendInitialEvents?: boolean;
  /** The object kind/apiVersion to use in BOOKMARK events. */
  bookmarkKind: { kind: string; apiVersion: string };
}

/** Where events go: an HTTP chunked response or a WebSocket. */
export interface WatchSink {
  send(event: WatchEvent): void;
  end(): void;
  onClose(listener: () => void): void;
}

const matches = (opts: WatchOptions, obj: KubeObject | undefined): boolean =>
  obj !== undefined &&
  (opts.namespace === undefined || obj.metadata.namespace === opts.namespace) &&
  matchesFilter(opts.filter, obj);

/** Translates a store event into what this watcher sees (selector transitions included). */
const translate = (opts: WatchOptions, e: InternalEvent): WatchEvent | undefined => {
  const nowMatches = matches(opts, e.object);
  const wasMatching = matches(opts, e.oldObject);
  if (e.type === 'ADDED')
    return nowMatches ? { type: 'ADDED', object: opts.render(e.object) } : undefined;
  if (e.type === 'DELETED') {
    return nowMatches || wasMatching
      ? { type: 'DELETED', object: opts.render(e.object) }
      : undefined;
  }
  if (nowMatches && wasMatching) return { type: 'MODIFIED', object: opts.render(e.object) };
  if (nowMatches) return { type: 'ADDED', object: opts.render(e.object) };
  if (wasMatching) return { type: 'DELETED', object: opts.render(e.object) };
  return undefined;
};

/** Starts a watch: initial state or history replay, then live events, bookmarks and timeout. */
export const runWatch = (store: SandboxStore, opts: WatchOptions, sink: WatchSink): void => {
  const rv = opts.resourceVersion;
  const from = Number(rv);
  const future =
    rv !== undefined &&
    rv !== '' &&
    Number.isInteger(from) &&
    from > store.currentResourceVersion();
  if (opts.sendInitialEvents && future) {
    // pkg/storage/cacher/cacher.go `waitUntilWatchCacheFreshAndForceAllEvents`: the initial state
    // is served only once the cache has reached the requested resourceVersion.
    let gone = false;
    sink.onClose(() => {
      gone = true;
    });
    void waitForResourceVersion(store, from).then((fresh) => {
      if (gone) return;
      if (fresh) {
        startWatch(store, opts, sink);
        return;
      }
      sink.send({
        type: 'ERROR',
        object: tooLargeResourceVersionError(from, store.currentResourceVersion()).status,
      });
      sink.end();
    });
    return;
  }
  startWatch(store, opts, sink);
};

/**
 * A watch from a resourceVersion the store has not reached yet is accepted and stays silent until
 * a change passes it: the watch cache delivers only events (and bookmarks) newer than the
 * requested resourceVersion (pkg/storage/cacher/cache_watcher.go `process`,
 * watch_cache.go `getAllEventsSinceLocked`).
 */
const startWatch = (store: SandboxStore, opts: WatchOptions, sink: WatchSink): void => {
  const key = typeKey(opts.type);
  const rv = opts.resourceVersion;
  const backlog: WatchEvent[] = [];
  let newerThan = 0;
  if (opts.sendInitialEvents || rv === undefined || rv === '' || rv === '0') {
    for (const obj of store.listRaw(opts.type, opts.namespace, opts.filter)) {
      backlog.push({ type: 'ADDED', object: opts.render(obj) });
    }
  } else {
    const from = Number(rv);
    if (!Number.isInteger(from) || from < 0) {
      const err = new ApiError(400, 'BadRequest', `invalid resource version: ${rv}`);
      sink.send({ type: 'ERROR', object: err.status });
      sink.end();
      return;
    }
    newerThan = from;
    const events = store.history.since(from);
    if (!events) {
      const err = new ApiError(
        410,
        'Expired',
        `too old resource version: ${from} (${store.history.oldestAvailable() + 1})`,
      );
      sink.send({ type: 'ERROR', object: err.status });
      sink.end();
      return;
    }
    for (const e of events) {
      if (typeKey(e.resourceType) !== key) continue;
      const t = translate(opts, e);
      if (t) backlog.push(t);
    }
  }
  let closed = false;
  const unsubscribe = store.watchRaw((e) => {
    if (closed || typeKey(e.resourceType) !== key || e.rv <= newerThan) return;
    const t = translate(opts, e);
    if (t) sink.send(t);
  });
  for (const e of backlog) sink.send(e);
  if (opts.sendInitialEvents) {
    sink.send({
      type: 'BOOKMARK',
      object: {
        ...opts.bookmarkKind,
        metadata: {
          resourceVersion: String(store.currentResourceVersion()),
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      },
    });
  }
  const timers: NodeJS.Timeout[] = [];
  if (opts.bookmarks) {
    timers.push(
      setInterval(() => {
        if (store.currentResourceVersion() <= newerThan) return;
        sink.send({
          type: 'BOOKMARK',
          object: {
            ...opts.bookmarkKind,
            metadata: { resourceVersion: String(store.currentResourceVersion()) },
          },
        });
      }, opts.bookmarkIntervalMs),
    );
  }
  const stop = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const t of timers) clearInterval(t);
  };
  if (opts.timeoutSeconds !== undefined && opts.timeoutSeconds > 0) {
    timers.push(
      setTimeout(() => {
        stop();
        sink.end();
      }, opts.timeoutSeconds * 1000),
    );
  }
  sink.onClose(stop);
};
