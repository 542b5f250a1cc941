import { randomUUID } from 'node:crypto';
import type {
  AdmissionHook,
  AdmissionOperation,
  KindRef,
  KubeObject,
  ListOptions,
  ResourceType,
  Store,
  StoreEvent,
  UserInfo,
} from '../contract';
import {
  ApiError,
  alreadyExistsError,
  invalidError,
  notFoundError,
  staleConflictError,
} from '../api/status';
import type { BehaviorContext, FieldCause, TypeBehavior } from './behavior';
import { EventHistory, type HistoryEvent } from './history';
import { DurableState, loadDurableState, type PersistedState } from './persistence';
import type { TypeRegistry } from './registry';
import { joinApiVersion, splitApiVersion, storageVersion, typeKey } from './registry';
import { compileFilter, matchesFilter, type ObjectFilter } from './selectors';
import { validateObjectMeta } from '../validation/meta';

export const CONTROLLER_USER: UserInfo = {
  username: 'system:sandbox:controller',
  groups: ['system:masters', 'system:authenticated'],
};

export interface WriteOptions {
  dryRun?: boolean;
  /** The request came through the HTTP API (status is reset on create, like the real server). */
  fromApi?: boolean;
  /** Collects admission webhooks' warnings for the API server to return. */
  warnings?: string[];
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  object: KubeObject;
  /** true when the object is gone; false when it only got a deletionTimestamp. */
  deleted: boolean;
}

export type InternalEvent = HistoryEvent;

const clone = <T>(v: T): T => structuredClone(v);

export const nowTimestamp = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = (n = 5): string => {
  let s = '';
  for (let i = 0; i < n; i++)
    s += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return s;
};

const objectKey = (namespace: string | undefined, name: string): string =>
  `${namespace ?? ''}/${name}`;

/** Everything but metadata and status: what bumps `metadata.generation`. */
const specPart = (o: KubeObject): string => {
  const rest: Record<string, unknown> = { ...o };
  delete rest.metadata;
  delete rest.status;
  delete rest.apiVersion;
  delete rest.kind;
  return JSON.stringify(rest);
};

const comparable = (o: KubeObject): string => {
  const c: KubeObject = { ...o, metadata: { ...o.metadata } };
  delete c.metadata.resourceVersion;
  return JSON.stringify(c);
};

const finalizersOf = (o: KubeObject): string[] => {
  const f = [...(o.metadata.finalizers ?? [])];
  if (o.kind === 'Namespace' && o.apiVersion === 'v1') {
    const spec = o.spec as { finalizers?: string[] } | undefined;
    f.push(...(spec?.finalizers ?? []));
  }
  return f;
};

/**
 * The in-memory object store with API-server write semantics, per-type maps, a global
 * resourceVersion, a watch history and durable persistence (write-ahead log + snapshot).
 */
export class SandboxStore implements Store {
  private rv = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  /** uid of every stored object (for owner lookups by the garbage collector). */
  private readonly uids = new Set<string>();
  private readonly listeners = new Set<(e: InternalEvent) => void>();
  private readonly queue: InternalEvent[] = [];
  private draining = false;
  private readonly admission = new Map<string, AdmissionHook[]>();
  private readonly behaviors = new Map<string, TypeBehavior>();
  private durable: DurableState | undefined;
  history: EventHistory;

  constructor(
    readonly registry: TypeRegistry,
    private readonly historySize = 5000,
  ) {
    this.history = new EventHistory(historySize, 0);
  }

  /**
   * Loads `${dataDir}/state.json` and replays the write-ahead log after it (unless reset); every
   * later change is logged durably before the write that made it returns.
   */
  async open(dataDir: string, reset: boolean): Promise<void> {
    const loaded = reset ? undefined : await loadDurableState(dataDir);
    if (loaded?.snapshot) {
      this.rv = loaded.snapshot.resourceVersion;
      for (const obj of loaded.snapshot.objects) {
        const { group } = splitApiVersion(obj.apiVersion);
        this.uids.add(obj.metadata.uid ?? '');
        this.bucket(typeKey({ group, kind: obj.kind })).set(
          objectKey(obj.metadata.namespace, obj.metadata.name ?? ''),
          obj,
        );
      }
    }
    for (const change of loaded?.changes ?? []) {
      const bucket = this.bucket(change.t);
      if (change.o) {
        const previous = bucket.get(change.k);
        if (previous) this.uids.delete(previous.metadata.uid ?? '');
        bucket.set(change.k, change.o);
        this.uids.add(change.o.metadata.uid ?? '');
      } else {
        this.uids.delete(bucket.get(change.k)?.metadata.uid ?? '');
        bucket.delete(change.k);
      }
      this.rv = Math.max(this.rv, change.rv);
    }
    this.history = new EventHistory(this.historySize, this.rv);
    this.durable = new DurableState(dataDir, () => this.snapshot());
    await this.durable.open(reset);
    // Fold the replayed log into the snapshot so logs do not pile up across crashes.
    if ((loaded?.changes.length ?? 0) > 0) await this.durable.compact();
  }

  /** Everything is on disk and compacted into `state.json`. */
  async flush(): Promise<void> {
    await this.durable?.flush();
  }

  /** Flushes and closes the log (writes after this fail). */
  async close(): Promise<void> {
    const durable = this.durable;
    this.durable = undefined;
    await durable?.close();
  }

  /** Disk syncs of the write-ahead log so far (for measurements). */
  logSyncs(): number {
    return this.durable?.syncs ?? 0;
  }

  private snapshot(): PersistedState {
    const objects: KubeObject[] = [];
    for (const m of this.objects.values()) for (const o of m.values()) objects.push(o);
    return { version: 1, resourceVersion: this.rv, objects };
  }

  currentResourceVersion(): number {
    return this.rv;
  }

  setBehavior(ref: KindRef, behavior: TypeBehavior): void {
    this.behaviors.set(typeKey(ref), behavior);
  }

  addAdmission(ref: KindRef, hook: AdmissionHook): void {
    const key = typeKey(ref);
    this.admission.set(key, [...(this.admission.get(key) ?? []), hook]);
  }

  private bucket(key: string): Map<string, KubeObject> {
    let m = this.objects.get(key);
    if (!m) {
      m = new Map();
      this.objects.set(key, m);
    }
    return m;
  }

  requireType(ref: KindRef): ResourceType {
    const t = this.registry.find(ref);
    if (!t) {
      throw new ApiError(
        404,
        'NotFound',
        `the server could not find the requested resource (kind ${ref.kind} in group "${ref.group}")`,
      );
    }
    return t;
  }

  private typeOfObject(obj: KubeObject): ResourceType {
    if (!obj.apiVersion || !obj.kind) {
      throw new ApiError(400, 'BadRequest', "Object 'Kind' is missing in the object");
    }
    const { group, version } = splitApiVersion(obj.apiVersion);
    const t = this.registry.find({ group, kind: obj.kind });
    if (!t?.versions.includes(version)) {
      throw new ApiError(
        404,
        'NotFound',
        `the server could not find the requested resource: no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`,
      );
    }
    return t;
  }

  /** Converts to the storage version (or any served version). */
  convert(type: ResourceType, obj: KubeObject, version: string): KubeObject {
    const target = joinApiVersion(type.group, version);
    if (obj.apiVersion === target) return obj;
    if (type.convert) return type.convert(obj, version);
    return { ...obj, apiVersion: target };
  }

  private behaviorContext(user: UserInfo): BehaviorContext {
    return {
      list: (group, kind, namespace) => this.listRaw({ group, kind }, namespace),
      get: (group, kind, namespace, name) => this.getRaw({ group, kind }, namespace, name),
      user,
    };
  }

  // ---- reads ----

  /** The stored object itself (never mutate it). */
  getRaw(ref: KindRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const type = this.registry.find(ref);
    const ns = type && !type.namespaced ? undefined : namespace;
    return this.objects.get(typeKey(ref))?.get(objectKey(ns, name));
  }

  /** Stored objects of a type (never mutate them), sorted by namespace/name. */
  listRaw(ref: KindRef, namespace?: string, filter?: ObjectFilter): KubeObject[] {
    const m = this.objects.get(typeKey(ref));
    if (!m) return [];
    const out: [string, KubeObject][] = [];
    for (const [k, o] of m) {
      if (namespace !== undefined && o.metadata.namespace !== namespace) continue;
      if (filter && !matchesFilter(filter, o)) continue;
      out.push([k, o]);
    }
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.map(([, o]) => o);
  }

  /** Every namespaced object in a namespace, across types. */
  listNamespaceContents(namespace: string): { type: ResourceType; object: KubeObject }[] {
    const out: { type: ResourceType; object: KubeObject }[] = [];
    for (const type of this.registry.all()) {
      if (!type.namespaced || type.virtual) continue;
      for (const o of this.listRaw(type, namespace)) out.push({ type, object: o });
    }
    return out;
  }

  /** Every stored object with its type (types not registered are skipped). */
  allObjects(): { type: ResourceType; object: KubeObject }[] {
    const out: { type: ResourceType; object: KubeObject }[] = [];
    for (const type of this.registry.all()) {
      const m = this.objects.get(typeKey(type));
      if (m) for (const o of m.values()) out.push({ type, object: o });
    }
    return out;
  }

  /** The uid of every stored object, including objects of types not (yet) registered. */
  allUids(): ReadonlySet<string> {
    return this.uids;
  }

  get(ref: KindRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.getRaw(ref, namespace, name);
    return o ? clone(o) : undefined;
  }

  list(ref: KindRef, opts?: ListOptions): KubeObject[] {
    const filter =
      opts?.labelSelector || opts?.fieldSelector
        ? compileFilter(opts.labelSelector, opts.fieldSelector)
        : undefined;
    return this.listRaw(ref, opts?.namespace, filter).map(clone);
  }

  // ---- events ----

  /** Internal subscription: events carry the stored objects (do not mutate). */
  watchRaw(listener: (e: InternalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    return this.watchRaw((e) => {
      listener({ type: e.type, resourceType: e.resourceType, object: clone(e.object) });
    });
  }

  /**
   * What a write waits for before it returns: a write made for a user (`as`: every API request)
   * returns only once its change is on disk, so the API never acknowledges a change a crash can
   * lose. The controllers' own writes do not wait (they are logged in order all the same, and a
   * later acknowledged write makes them durable too); a crash can lose their last few
   * milliseconds, which level-triggered controllers redo.
   */
  private answered(durable: Promise<void>, as: UserInfo | undefined): Promise<void> {
    if (as) return durable;
    durable.catch((e: unknown) => {
      console.error('sandbox: logging a controller write failed', e);
    });
    return Promise.resolve();
  }

  /** Publishes a committed change; the promise resolves once it is durable. */
  private emit(e: InternalEvent): Promise<void> {
    this.history.push(e);
    const durable = this.durable?.record({
      rv: e.rv,
      t: typeKey(e.resourceType),
      k: objectKey(
        e.resourceType.namespaced ? e.object.metadata.namespace : undefined,
        e.object.metadata.name ?? '',
      ),
      ...(e.type === 'DELETED' ? { d: 1 as const } : { o: e.object }),
    });
    this.queue.push(e);
    if (this.draining) return durable ?? Promise.resolve();
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue.shift();
        if (!next) break;
        for (const l of [...this.listeners]) {
          try {
            l(next);
          } catch (err) {
            console.error('sandbox: store listener failed', err);
          }
        }
      }
    } finally {
      this.draining = false;
    }
    return durable ?? Promise.resolve();
  }

  // ---- writes ----

  private validateCommon(
    type: ResourceType,
    obj: KubeObject,
    old: KubeObject | undefined,
    user: UserInfo,
  ): void {
    const behavior = this.behaviors.get(typeKey(type));
    const name = obj.metadata.name ?? '';
    const decodeError = behavior?.decode?.(obj);
    if (decodeError) {
      throw new ApiError(
        400,
        'BadRequest',
        `${type.kind} in version "${storageVersion(type)}" cannot be handled as a ${type.kind}: ${decodeError}`,
      );
    }
    const ctx = this.behaviorContext(user);
    behavior?.defaults?.(obj, old, ctx);
    const causes: FieldCause[] = [...validateObjectMeta(type, obj, old)];
    causes.push(...(behavior?.validate?.(obj, old, ctx) ?? []));
    if (causes.length > 0) throw invalidError(type, name, causes);
    behavior?.admit?.(obj, old, ctx);
  }

  private async runAdmission(
    type: ResourceType,
    operation: AdmissionOperation,
    object: KubeObject | undefined,
    oldObject: KubeObject | undefined,
    user: UserInfo,
    subresource?: string,
    warnings?: string[],
  ): Promise<void> {
    for (const hook of this.admission.get(typeKey(type)) ?? []) {
      await hook({
        operation,
        type,
        object,
        oldObject,
        user,
        ...(subresource ? { subresource } : {}),
        ...(warnings ? { warn: (m: string) => warnings.push(m) } : {}),
      });
    }
  }

  private checkNamespace(type: ResourceType, obj: KubeObject): void {
    if (!type.namespaced) return;
    const ns = obj.metadata.namespace;
    if (!ns) {
      throw invalidError(type, obj.metadata.name ?? '', [
        { field: 'metadata.namespace', message: 'Required value' },
      ]);
    }
    const nsObj = this.getRaw({ group: '', kind: 'Namespace' }, undefined, ns);
    if (!nsObj) throw notFoundError('namespaces', '', ns);
    if (nsObj.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${type.plural} "${obj.metadata.name ?? ''}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        {
          name: obj.metadata.name ?? '',
          kind: type.plural,
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${ns} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      );
    }
  }

  async create(obj: KubeObject, as?: UserInfo, opts: WriteOptions = {}): Promise<KubeObject> {
    const user = as ?? CONTROLLER_USER;
    const type = this.typeOfObject(obj);
    const behavior = this.behaviors.get(typeKey(type));
    const o = this.convert(type, clone(obj), storageVersion(type));
    o.metadata = { ...(o.metadata as Partial<KubeObject['metadata']> | undefined) };
    const meta = o.metadata as Record<string, unknown>;
    delete meta.managedFields;
    delete meta.selfLink;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (!type.namespaced) delete o.metadata.namespace;
    if (!o.metadata.name && o.metadata.generateName) {
      o.metadata.name = `${o.metadata.generateName}${randomSuffix()}`;
    }
    if (!o.metadata.name && !type.virtual) {
      throw invalidError(type, '', [
        { field: 'metadata.name', message: 'Required value: name or generateName is required' },
      ]);
    }
    if (opts.fromApi && type.subresources?.status) delete o.status;
    this.validateCommon(type, o, undefined, user);
    await this.runAdmission(type, 'CREATE', o, undefined, user, undefined, opts.warnings);
    if (type.virtual) return o;
    this.checkNamespace(type, o);
    const name = o.metadata.name ?? '';
    const bucket = this.bucket(typeKey(type));
    const key = objectKey(o.metadata.namespace, name);
    if (bucket.has(key)) throw alreadyExistsError(type.plural, type.group, name);
    o.metadata.uid = randomUUID();
    o.metadata.creationTimestamp = nowTimestamp();
    if (behavior?.generation ?? !this.registry.isBuiltin(type)) o.metadata.generation = 1;
    else delete o.metadata.generation;
    if (opts.dryRun) return clone(o);
    this.rv++;
    o.metadata.resourceVersion = String(this.rv);
    bucket.set(key, o);
    this.uids.add(o.metadata.uid ?? '');
    const durable = this.emit({ type: 'ADDED', rv: this.rv, resourceType: type, object: o });
    const out = clone(o);
    await this.answered(durable, as);
    return out;
  }

  update(obj: KubeObject, as?: UserInfo, opts: WriteOptions = {}): Promise<KubeObject> {
    return this.write(obj, as, opts, false);
  }

  updateStatus(obj: KubeObject, as?: UserInfo, opts: WriteOptions = {}): Promise<KubeObject> {
    return this.write(obj, as, opts, true);
  }

  private async write(
    obj: KubeObject,
    as: UserInfo | undefined,
    opts: WriteOptions,
    statusOnly: boolean,
  ): Promise<KubeObject> {
    const user = as ?? CONTROLLER_USER;
    const type = this.typeOfObject(obj);
    if (type.virtual) {
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    }
    const behavior = this.behaviors.get(typeKey(type));
    const incoming = this.convert(type, clone(obj), storageVersion(type));
    const name = incoming.metadata.name ?? '';
    const namespace = type.namespaced ? incoming.metadata.namespace : undefined;
    const bucket = this.bucket(typeKey(type));
    const key = objectKey(namespace, name);
    for (let attempt = 0; ; attempt++) {
      const existing = bucket.get(key);
      if (!existing) throw notFoundError(type.plural, type.group, name);
      const wantedRv = incoming.metadata.resourceVersion;
      if (wantedRv && wantedRv !== existing.metadata.resourceVersion) {
        throw staleConflictError(type.plural, type.group, name);
      }
      let next: KubeObject;
      if (statusOnly) {
        next = clone(existing);
        if (incoming.status === undefined) delete next.status;
        else next.status = clone(incoming.status);
      } else {
        next = clone(incoming);
        const meta = next.metadata as Record<string, unknown>;
        delete meta.managedFields;
        delete meta.selfLink;
        if (type.subresources?.status) {
          if (existing.status === undefined) delete next.status;
          else next.status = clone(existing.status);
        }
      }
      next.metadata.uid = existing.metadata.uid;
      next.metadata.creationTimestamp = existing.metadata.creationTimestamp;
      next.metadata.name = existing.metadata.name;
      if (type.namespaced) next.metadata.namespace = existing.metadata.namespace;
      else delete next.metadata.namespace;
      if (existing.metadata.deletionTimestamp) {
        next.metadata.deletionTimestamp = existing.metadata.deletionTimestamp;
      } else delete next.metadata.deletionTimestamp;
      if (existing.metadata.generation !== undefined) {
        next.metadata.generation =
          specPart(next) !== specPart(existing)
            ? existing.metadata.generation + 1
            : existing.metadata.generation;
      } else delete next.metadata.generation;
      next.metadata.resourceVersion = existing.metadata.resourceVersion;
      this.validateCommon(type, next, existing, user);
      await this.runAdmission(
        type,
        'UPDATE',
        next,
        existing,
        user,
        statusOnly ? 'status' : undefined,
        opts.warnings,
      );
      if (bucket.get(key) !== existing) {
        // Someone else wrote meanwhile: a precondition-less update retries on the latest copy.
        if (wantedRv || attempt > 5) throw staleConflictError(type.plural, type.group, name);
        continue;
      }
      if (behavior?.hasStatus === false) delete next.status;
      if (comparable(next) === comparable(existing)) return clone(existing);
      if (opts.dryRun) return clone(next);
      this.rv++;
      next.metadata.resourceVersion = String(this.rv);
      if (next.metadata.deletionTimestamp && finalizersOf(next).length === 0) {
        bucket.delete(key);
        this.uids.delete(existing.metadata.uid ?? '');
        const durable = this.emit({
          type: 'DELETED',
          rv: this.rv,
          resourceType: type,
          object: next,
          oldObject: existing,
        });
        const out = clone(next);
        await this.answered(durable, as);
        return out;
      }
      bucket.set(key, next);
      const durable = this.emit({
        type: 'MODIFIED',
        rv: this.rv,
        resourceType: type,
        object: next,
        oldObject: existing,
      });
      const out = clone(next);
      await this.answered(durable, as);
      return out;
    }
  }

  async mutate(
    ref: KindRef,
    namespace: string | undefined,
    name: string,
    mutate: (obj: KubeObject) => void,
    opts?: { status?: boolean },
  ): Promise<KubeObject | undefined> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const current = this.get(ref, namespace, name);
      if (!current) return undefined;
      mutate(current);
      try {
        return opts?.status ? await this.updateStatus(current) : await this.update(current);
      } catch (e) {
        if (e instanceof ApiError && e.code === 409) continue;
        if (e instanceof ApiError && e.code === 404) return undefined;
        throw e;
      }
    }
    throw new ApiError(409, 'Conflict', `too many conflicts updating ${ref.kind} ${name}`);
  }

  async delete(
    ref: KindRef,
    namespace: string | undefined,
    name: string,
    as?: UserInfo,
  ): Promise<void> {
    await this.deleteObject(ref, namespace, name, as);
  }

  async deleteObject(
    ref: KindRef,
    namespace: string | undefined,
    name: string,
    as?: UserInfo,
    opts: DeleteOptions = {},
  ): Promise<DeleteResult> {
    const user = as ?? CONTROLLER_USER;
    const type = this.requireType(ref);
    const bucket = this.bucket(typeKey(type));
    const key = objectKey(type.namespaced ? namespace : undefined, name);
    const existing = bucket.get(key);
    if (!existing) throw notFoundError(type.plural, type.group, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== existing.metadata.uid) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${type.plural} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid ?? ''}`,
        { name, group: type.group, kind: type.plural },
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${type.plural} "${name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion ?? ''}`,
        { name, group: type.group, kind: type.plural },
      );
    }
    await this.runAdmission(type, 'DELETE', undefined, existing, user);
    if (bucket.get(key) !== existing) return this.deleteObject(ref, namespace, name, as, opts);
    const next = clone(existing);
    const policyFinalizer =
      opts.propagationPolicy === 'Foreground'
        ? 'foregroundDeletion'
        : opts.propagationPolicy === 'Orphan'
          ? 'orphan'
          : undefined;
    if (policyFinalizer && !existing.metadata.deletionTimestamp) {
      next.metadata.finalizers = [...(next.metadata.finalizers ?? []), policyFinalizer];
    }
    if (finalizersOf(next).length > 0) {
      if (existing.metadata.deletionTimestamp && comparable(next) === comparable(existing)) {
        return { object: clone(existing), deleted: false };
      }
      next.metadata.deletionTimestamp ??= nowTimestamp();
      (next.metadata as Record<string, unknown>).deletionGracePeriodSeconds = 0;
      if (type.kind === 'Namespace' && type.group === '') {
        next.status = { ...(next.status as object | undefined), phase: 'Terminating' };
      }
      if (opts.dryRun) return { object: next, deleted: false };
      this.rv++;
      next.metadata.resourceVersion = String(this.rv);
      bucket.set(key, next);
      const durable = this.emit({
        type: 'MODIFIED',
        rv: this.rv,
        resourceType: type,
        object: next,
        oldObject: existing,
      });
      const out = { object: clone(next), deleted: false };
      await this.answered(durable, as);
      return out;
    }
    if (opts.dryRun) return { object: next, deleted: true };
    this.rv++;
    next.metadata.resourceVersion = String(this.rv);
    bucket.delete(key);
    this.uids.delete(existing.metadata.uid ?? '');
    const durable = this.emit({
      type: 'DELETED',
      rv: this.rv,
      resourceType: type,
      object: next,
      oldObject: existing,
    });
    const out = { object: clone(next), deleted: true };
    await this.answered(durable, as);
    return out;
  }
}
