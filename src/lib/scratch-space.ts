/**
 * CDI scratch space (seed 6.12.7, CDI doc/scratch-space.md, doc/cdi-config.md): which object really owns the
 * `scratchSpaceStorageClass` setting, which class CDI will use (and why), whether a class can provide the
 * Filesystem volumes scratch space needs, the patch that sets it on its owner, and how far a change has
 * converged. Pure and framework-free.
 */

const CONFIG_AUTHORITY_ANNOTATION = 'cdi.kubevirt.io/configAuthority';
const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const DEFAULT_CLASS_BETA_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

interface Meta {
  name?: string;
  namespace?: string;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
}

export interface HyperConvergedLike {
  apiVersion?: string;
  metadata?: Meta;
  spec?: { scratchSpaceStorageClass?: string; storage?: { scratchSpaceStorageClass?: string } };
}
export interface CdiLike {
  metadata?: Meta;
  spec?: { config?: { scratchSpaceStorageClass?: string; [key: string]: unknown } };
  status?: { observedVersion?: string; operatorVersion?: string };
}
export interface CdiConfigLike {
  metadata?: Meta;
  spec?: { scratchSpaceStorageClass?: string };
  status?: { scratchSpaceStorageClass?: string };
}
export interface StorageClassLike {
  metadata?: Meta;
  provisioner?: string;
}

export type ScratchOwnerKind = 'HyperConverged' | 'CDI' | 'CDIConfig';

export interface ScratchOwner {
  kind: ScratchOwnerKind;
  name: string;
  namespace?: string;
  /** Path of the field in the object, e.g. `['spec', 'config', 'scratchSpaceStorageClass']`. */
  path: string[];
  /** The value set there now (`undefined` = not set). */
  value: string | undefined;
}

const hcoPath = (hco: HyperConvergedLike): string[] =>
  hco.apiVersion === 'hco.kubevirt.io/v1'
    ? ['spec', 'storage', 'scratchSpaceStorageClass']
    : ['spec', 'scratchSpaceStorageClass'];

const read = (object: unknown, path: string[]): string | undefined => {
  let node: unknown = object;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node !== '' ? node : undefined;
};

/**
 * Where the setting lives: HyperConverged when OpenShift Virtualization's operator is installed (it owns the CDI
 * resource); else the CDI resource's `spec.config` when CDI has taken authority over CDIConfig (annotation
 * `cdi.kubevirt.io/configAuthority`, CDI ≥ 1.26); else CDIConfig itself.
 */
export const scratchSettingOwner = (input: {
  hyperConverged?: HyperConvergedLike;
  cdi?: CdiLike;
}): ScratchOwner => {
  const { hyperConverged: hco, cdi } = input;
  if (hco?.metadata?.name && !hco.metadata.deletionTimestamp) {
    const path = hcoPath(hco);
    return {
      kind: 'HyperConverged',
      name: hco.metadata.name,
      namespace: hco.metadata.namespace,
      path,
      value: read(hco, path),
    };
  }
  if (
    cdi?.metadata?.name &&
    cdi.metadata.annotations?.[CONFIG_AUTHORITY_ANNOTATION] !== undefined
  ) {
    const path = ['spec', 'config', 'scratchSpaceStorageClass'];
    return { kind: 'CDI', name: cdi.metadata.name, path, value: read(cdi, path) };
  }
  return {
    kind: 'CDIConfig',
    name: 'config',
    path: ['spec', 'scratchSpaceStorageClass'],
    value: undefined,
  };
};

/** The owner with its current value read from CDIConfig when CDIConfig is the owner. */
export const withCdiConfigValue = (
  owner: ScratchOwner,
  config: CdiConfigLike | undefined,
): ScratchOwner =>
  owner.kind === 'CDIConfig'
    ? { ...owner, value: config?.spec?.scratchSpaceStorageClass || undefined }
    : owner;

/** JSON patch operations that set (or, with `undefined`, remove) the field on its owner. */
export const scratchPatch = (
  owner: ScratchOwner,
  object: unknown,
  storageClass: string | undefined,
): { op: 'add' | 'remove' | 'replace'; path: string; value?: unknown }[] => {
  const pointer = (parts: string[]): string => `/${parts.join('/')}`;
  if (storageClass === undefined) {
    return read(object, owner.path) === undefined && !hasKey(object, owner.path)
      ? []
      : [{ op: 'remove', path: pointer(owner.path) }];
  }
  // Create missing parents: the first missing one gets the rest of the path as its value.
  for (let i = 1; i < owner.path.length; i++) {
    const parent = owner.path.slice(0, i);
    if (!isObjectAt(object, parent)) {
      const rest = owner.path.slice(i);
      let value: unknown = storageClass;
      for (const part of [...rest].reverse()) value = { [part]: value };
      return [{ op: 'add', path: pointer(parent), value }];
    }
  }
  return [{ op: 'add', path: pointer(owner.path), value: storageClass }];
};

const walk = (object: unknown, path: string[]): unknown => {
  let node: unknown = object;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
};
const isObjectAt = (object: unknown, path: string[]): boolean => {
  const node = walk(object, path);
  return node !== null && typeof node === 'object' && !Array.isArray(node);
};
const hasKey = (object: unknown, path: string[]): boolean => {
  const parent = walk(object, path.slice(0, -1));
  const last = path[path.length - 1] ?? '';
  return parent !== null && typeof parent === 'object' && last in parent;
};

// ---------------------------------------------------------------------------------------------------------------
// Resolution

export const isDefaultClass = (sc: StorageClassLike): boolean =>
  sc.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' ||
  sc.metadata?.annotations?.[DEFAULT_CLASS_BETA_ANNOTATION] === 'true';

/** `v1.38.4` → [1, 38, 4]; `undefined` when it is not a version. */
const parseCdiVersion = (version: string | undefined): [number, number, number] | undefined => {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match.at(3) ?? 0)];
};

/**
 * CDI ≤ 1.64 falls back to the cluster's default class; CDI ≥ 1.65 leaves the status empty unless a configured
 * class exists (kubevirt/containerized-data-importer pkg/controller/config-controller.go `reconcileStorageClass`,
 * changed in v1.65.0), and the scratch PVC then takes the target claim's class (pkg/controller/util.go
 * `GetScratchPvcStorageClass`). Unknown version: ≤ 1.64.
 */
export const fallsBackToDefaultClass = (cdiVersion: string | undefined): boolean => {
  const v = parseCdiVersion(cdiVersion);
  return !v || v[0] < 1 || (v[0] === 1 && v[1] < 65);
};

export type ScratchResolutionStep =
  /** The configured class exists: CDI uses it. */
  | { kind: 'configured'; storageClass: string }
  /** The configured class does not exist: CDI ignores it. */
  | { kind: 'configured-missing'; storageClass: string }
  /** Nothing usable configured: the cluster default class (CDI ≤ 1.64). */
  | { kind: 'cluster-default'; storageClass: string }
  /** No default class, or CDI ≥ 1.65: each scratch PVC takes the class of the DataVolume it serves. */
  | { kind: 'target-class' };

/**
 * How CDI picks the scratch class (`reconcileStorageClass`, `GetScratchPvcStorageClass`), as the steps it goes
 * through for `configured` on this cluster. The last step is the outcome.
 */
export const resolveScratchClass = (input: {
  configured: string | undefined;
  storageClasses: readonly StorageClassLike[];
  cdiVersion?: string;
}): ScratchResolutionStep[] => {
  const steps: ScratchResolutionStep[] = [];
  const names = input.storageClasses.map((sc) => sc.metadata?.name ?? '');
  if (input.configured) {
    if (names.includes(input.configured))
      return [{ kind: 'configured', storageClass: input.configured }];
    steps.push({ kind: 'configured-missing', storageClass: input.configured });
  }
  const def = input.storageClasses.find(isDefaultClass)?.metadata?.name;
  if (def && fallsBackToDefaultClass(input.cdiVersion))
    steps.push({ kind: 'cluster-default', storageClass: def });
  else steps.push({ kind: 'target-class' });
  return steps;
};

/** The class the resolution ends with (`undefined`: the target's class). */
export const resolvedScratchClass = (
  steps: readonly ScratchResolutionStep[],
): string | undefined => {
  const last = steps.at(-1);
  return last && last.kind !== 'target-class' && last.kind !== 'configured-missing'
    ? last.storageClass
    : undefined;
};

/** What happens if `storageClass` is chosen and later disappears: the fallback with the other classes. */
export const fallbackIfMissing = (input: {
  storageClass: string;
  storageClasses: readonly StorageClassLike[];
  cdiVersion?: string;
}): ScratchResolutionStep =>
  resolveScratchClass({
    configured: undefined,
    storageClasses: input.storageClasses.filter((sc) => sc.metadata?.name !== input.storageClass),
    cdiVersion: input.cdiVersion,
  }).at(0) ?? { kind: 'target-class' };

// ---------------------------------------------------------------------------------------------------------------
// Can the class provide scratch space?

export interface ClassProfileLike {
  status?: { claimPropertySets?: { accessModes?: string[]; volumeMode?: string }[] };
}

export type FilesystemSupport =
  /** Its StorageProfile lists Filesystem with ReadWriteOnce: CDI can provision scratch PVCs there. */
  | 'yes'
  /** Its StorageProfile lists only Block: scratch PVCs (always Filesystem) cannot be provisioned. */
  | 'block-only'
  /** No dynamic provisioning: scratch PVCs wait for a matching pre-created PV. */
  | 'static'
  /** CDI does not know the provisioner (empty profile): it may work. */
  | 'unknown';

export const filesystemSupport = (
  sc: StorageClassLike,
  profile: ClassProfileLike | undefined,
): FilesystemSupport => {
  if (sc.provisioner === 'kubernetes.io/no-provisioner') return 'static';
  const sets = profile?.status?.claimPropertySets ?? [];
  if (sets.length === 0) return 'unknown';
  const filesystem = sets.some(
    (s) =>
      (s.volumeMode ?? 'Filesystem') === 'Filesystem' &&
      (s.accessModes ?? []).includes('ReadWriteOnce'),
  );
  return filesystem ? 'yes' : 'block-only';
};

// ---------------------------------------------------------------------------------------------------------------
// Convergence after a save

export type ConvergenceStepKind = 'owner' | 'cdi' | 'cdiconfig-spec' | 'cdiconfig-status';

export interface ConvergenceStep {
  kind: ConvergenceStepKind;
  done: boolean;
  /** The value seen now (`undefined` = not set). */
  current: string | undefined;
  expected: string | undefined;
}

/**
 * How far `wanted` has travelled: owner → (CDI spec.config, when HyperConverged owns it) → CDIConfig spec →
 * CDIConfig status (which is `wanted` only if such a class exists, else the fallback).
 */
export const scratchConvergence = (input: {
  owner: ScratchOwner;
  wanted: string | undefined;
  cdi?: CdiLike;
  cdiConfig?: CdiConfigLike;
  storageClasses: readonly StorageClassLike[];
  cdiVersion?: string;
}): ConvergenceStep[] => {
  const { owner, wanted, cdi, cdiConfig } = input;
  const norm = (v: string | undefined): string | undefined => (v ? v : undefined);
  const steps: ConvergenceStep[] = [];
  if (owner.kind !== 'CDIConfig')
    steps.push({
      kind: 'owner',
      current: owner.value,
      expected: wanted,
      done: owner.value === wanted,
    });
  if (owner.kind === 'HyperConverged') {
    const current = norm(cdi?.spec?.config?.scratchSpaceStorageClass);
    steps.push({ kind: 'cdi', current, expected: wanted, done: current === wanted });
  }
  const specValue = norm(cdiConfig?.spec?.scratchSpaceStorageClass);
  steps.push({
    kind: 'cdiconfig-spec',
    current: specValue,
    expected: wanted,
    done: specValue === wanted,
  });
  const expectedStatus = resolvedScratchClass(
    resolveScratchClass({
      configured: wanted,
      storageClasses: input.storageClasses,
      cdiVersion: input.cdiVersion,
    }),
  );
  const statusValue = norm(cdiConfig?.status?.scratchSpaceStorageClass);
  steps.push({
    kind: 'cdiconfig-status',
    current: statusValue,
    expected: expectedStatus,
    done: statusValue === expectedStatus,
  });
  return steps;
};
