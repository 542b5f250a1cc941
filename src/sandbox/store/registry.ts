import type { KindRef, KubeObject, ResourceType } from '../contract';

export const typeKey = (ref: KindRef): string => `${ref.group}/${ref.kind}`;

/** Splits `apiVersion` into group and version (`v1` → core). */
export const splitApiVersion = (apiVersion: string): { group: string; version: string } => {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
};

export const joinApiVersion = (group: string, version: string): string =>
  group === '' ? version : `${group}/${version}`;

export const storageVersion = (type: ResourceType): string => type.versions[0] ?? 'v1';

export const listKindOf = (type: ResourceType): string => type.listKind ?? `${type.kind}List`;

/** Every served resource type, looked up by kind or by plural. */
export class TypeRegistry {
  private readonly byKind = new Map<string, ResourceType>();
  private readonly byPlural = new Map<string, ResourceType>();
  /** Types registered by the machinery itself (built-in Kubernetes types, not CRDs). */
  private readonly builtins = new Set<string>();
  private listeners: (() => void)[] = [];

  register(type: ResourceType, builtin = false): void {
    const key = typeKey(type);
    const previous = this.byKind.get(key);
    if (previous) this.byPlural.delete(`${previous.group}/${previous.plural}`);
    this.byKind.set(key, type);
    this.byPlural.set(`${type.group}/${type.plural}`, type);
    if (builtin) this.builtins.add(key);
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  isBuiltin(type: KindRef): boolean {
    return this.builtins.has(typeKey(type));
  }

  find(ref: KindRef): ResourceType | undefined {
    return this.byKind.get(typeKey(ref));
  }

  findByPlural(group: string, plural: string): ResourceType | undefined {
    return this.byPlural.get(`${group}/${plural}`);
  }

  /** The type of an object by its `apiVersion`+`kind`, only when that version is served. */
  findForObject(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): ResourceType | undefined {
    const { group, version } = splitApiVersion(obj.apiVersion);
    const type = this.find({ group, kind: obj.kind });
    return type?.versions.includes(version) ? type : undefined;
  }

  all(): ResourceType[] {
    return [...this.byKind.values()];
  }

  /** Served groups with their versions (preferred first), core group first. */
  groups(): { group: string; versions: string[] }[] {
    const map = new Map<string, string[]>();
    for (const t of this.byKind.values()) {
      const versions = map.get(t.group) ?? [];
      for (const v of t.versions) if (!versions.includes(v)) versions.push(v);
      map.set(t.group, versions);
    }
    return [...map.entries()]
      .map(([group, versions]) => ({ group, versions: sortVersions(versions) }))
      .sort((a, b) => (a.group === '' ? -1 : b.group === '' ? 1 : a.group.localeCompare(b.group)));
  }

  typesIn(group: string, version: string): ResourceType[] {
    return this.all().filter((t) => t.group === group && t.versions.includes(version));
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
const sortVersions = (versions: string[]): string[] => {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const stageName = m.at(2);
    const stageNumber = m.at(3);
    const stage = stageName === undefined ? 0 : stageName === 'beta' ? 1 : 2;
    return [stage, -Number(m[1]), -Number(stageNumber ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b);
  });
};
