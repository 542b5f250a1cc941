// The host's K8sModel registry: built-in models plus ones found through API discovery on demand
// (`/api/kubernetes/apis/<group>/<version>` is read the first time a kind of that group version is asked for).
import type { K8sGroupVersionKind, K8sModel } from '../k8s-types';
import { K8S_API_BASE } from '../k8s-types';
import { referenceForGroupVersionKind, referenceForModel } from '../k8s-resource';

interface APIResource {
  name: string;
  singularName?: string;
  namespaced: boolean;
  kind: string;
  verbs?: string[];
  shortNames?: string[];
}

/** Parses a console reference (`group~version~kind`, `core~v1~Kind`) or a bare kind. */
export const parseReference = (ref: string): { group?: string; version?: string; kind: string } => {
  const parts = ref.split('~');
  if (parts.length === 3) {
    const [group, version, kind] = parts as [string, string, string];
    return { group: group === 'core' ? undefined : group, version, kind };
  }
  return { kind: ref };
};

const abbrFor = (kind: string): string => {
  const capitals = kind.replace(/[^A-Z]/g, '');
  return (capitals.length >= 2 ? capitals : kind.slice(0, 2)).toUpperCase().slice(0, 4);
};

/** A K8sModel for one entry of a discovery `APIResourceList`. */
export const modelFromAPIResource = (
  group: string | undefined,
  version: string,
  resource: APIResource,
): K8sModel => ({
  ...(group ? { apiGroup: group, crd: true } : {}),
  apiVersion: version,
  kind: resource.kind,
  plural: resource.name,
  abbr: resource.shortNames?.[0]?.toUpperCase().slice(0, 4) ?? abbrFor(resource.kind),
  label: resource.kind,
  labelPlural: `${resource.kind}s`,
  namespaced: resource.namespaced,
  ...(resource.verbs ? { verbs: resource.verbs as K8sModel['verbs'] } : {}),
  ...(resource.shortNames ? { shortNames: resource.shortNames } : {}),
});

type Listener = () => void;

export interface RegistrySnapshot {
  models: ReadonlyMap<string, K8sModel>;
  settled: ReadonlySet<string>;
}

/** The model for a group/version/kind (version optional: any served version), if known. */
export const findModel = (
  snapshot: RegistrySnapshot,
  gvk: { group?: string; version?: string; kind: string },
): K8sModel | undefined => {
  if (gvk.version)
    return snapshot.models.get(referenceForGroupVersionKind({ ...gvk, version: gvk.version }));
  for (const m of snapshot.models.values()) {
    if (m.kind === gvk.kind && (gvk.group === undefined || (m.apiGroup ?? '') === gvk.group))
      return m;
  }
  return undefined;
};

const discoveryKey = (gvk: { group?: string; version?: string }): string =>
  gvk.version ? `${gvk.group ?? ''}/${gvk.version}` : `group:${gvk.group ?? ''}`;

/** Whether discovery for this lookup has finished (successfully or not). */
export const isSettled = (
  snapshot: RegistrySnapshot,
  gvk: { group?: string; version?: string },
): boolean => (!gvk.version && gvk.group === undefined) || snapshot.settled.has(discoveryKey(gvk));

export class ModelRegistry {
  private snapshot: RegistrySnapshot = { models: new Map(), settled: new Set() };
  private readonly discovered = new Map<string, Promise<void>>();
  private readonly listeners = new Set<Listener>();

  constructor(
    initial: readonly K8sModel[],
    private readonly fetchJSON: (url: string) => Promise<unknown>,
  ) {
    this.snapshot = {
      models: new Map(initial.map((m) => [referenceForModel(m), m])),
      settled: new Set(),
    };
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RegistrySnapshot => this.snapshot;

  all(): K8sModel[] {
    return [...this.snapshot.models.values()];
  }

  find(gvk: { group?: string; version?: string; kind: string }): K8sModel | undefined {
    return findModel(this.snapshot, gvk);
  }

  private update(next: Partial<RegistrySnapshot>): void {
    this.snapshot = { ...this.snapshot, ...next };
    this.listeners.forEach((l) => {
      l();
    });
  }

  private register(models: K8sModel[]): void {
    const next = new Map(this.snapshot.models);
    for (const m of models) {
      const ref = referenceForModel(m);
      if (!next.has(ref)) next.set(ref, m);
    }
    if (next.size !== this.snapshot.models.size) this.update({ models: next });
  }

  /** Reads discovery for one group version (once) and registers its kinds. */
  discover(group: string | undefined, version: string): Promise<void> {
    const key = `${group ?? ''}/${version}`;
    let pending = this.discovered.get(key);
    if (!pending) {
      const url = group
        ? `${K8S_API_BASE}/apis/${group}/${version}`
        : `${K8S_API_BASE}/api/${version}`;
      pending = this.fetchJSON(url)
        .then((body) => {
          const resources = ((body as { resources?: APIResource[] }).resources ?? []).filter(
            (r) => !r.name.includes('/'),
          );
          this.register(resources.map((r) => modelFromAPIResource(group, version, r)));
        })
        .catch((error: unknown) => {
          this.discovered.delete(key);
          throw error;
        });
      this.discovered.set(key, pending);
    }
    return pending;
  }

  /** Discovers a group's preferred version (for version-less lookups). */
  async discoverGroup(group: string): Promise<void> {
    const key = `group:${group}`;
    let pending = this.discovered.get(key);
    if (!pending) {
      pending = this.fetchJSON(`${K8S_API_BASE}/apis/${group}`).then(async (body) => {
        const preferred = (body as { preferredVersion?: { version?: string } }).preferredVersion
          ?.version;
        if (preferred) await this.discover(group, preferred);
      });
      this.discovered.set(key, pending);
    }
    return pending;
  }

  /** Resolves a model, discovering it when needed; undefined when the cluster does not serve it. */
  async resolve(gvk: {
    group?: string;
    version?: string;
    kind: string;
  }): Promise<K8sModel | undefined> {
    const known = this.find(gvk);
    if (known) return known;
    const key = discoveryKey(gvk);
    try {
      if (gvk.version) await this.discover(gvk.group, gvk.version);
      else if (gvk.group) await this.discoverGroup(gvk.group);
    } catch {
      // Not served (404) or not allowed: the model stays unknown.
    } finally {
      if (!this.snapshot.settled.has(key))
        this.update({ settled: new Set([...this.snapshot.settled, key]) });
    }
    return this.find(gvk);
  }
}

export const toGVK = (
  groupVersionKind: string | K8sGroupVersionKind | undefined,
): { group?: string; version?: string; kind: string } | undefined => {
  if (!groupVersionKind) return undefined;
  if (typeof groupVersionKind === 'string') return parseReference(groupVersionKind);
  return {
    ...(groupVersionKind.group ? { group: groupVersionKind.group } : {}),
    version: groupVersionKind.version,
    kind: groupVersionKind.kind,
  };
};
