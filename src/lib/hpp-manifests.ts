// Manifests of the HostPathProvisioner setup (seed 6.12.1.3 / 6.12.1.4): the HostPathProvisioner CR in the
// version the cluster serves (v1beta1 storagePools + CSI, or pathConfig + the legacy provisioner), its
// StorageClass, the comparison with an existing class (parameters are immutable), and reading an existing CR
// back into wizard values. Pure.
import { isLabelKey, isLabelValue } from './k8s-names';

export const HPP_GROUP = 'hostpathprovisioner.kubevirt.io';
export const LEGACY_PROVISIONER = 'kubevirt.io/hostpath-provisioner';
export const CSI_PROVISIONER = 'kubevirt.io.hostpath-provisioner';
const DEFAULT_CR_NAME = 'hostpath-provisioner';
const DEFAULT_CLASS_NAME = 'hostpath-provisioner';
const DEFAULT_POOL_NAME = 'local';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export type HppVersion = 'v1beta1' | 'v1alpha1';
/** `csi`: v1beta1 storagePools and the CSI driver; `legacy`: pathConfig and the legacy provisioner. */
export type ProvisionerMode = 'csi' | 'legacy';
export const PULL_POLICIES = ['IfNotPresent', 'Always', 'Never'] as const;
export type PullPolicy = (typeof PULL_POLICIES)[number];
export type ReclaimPolicy = 'Delete' | 'Retain';
export type BindingMode = 'WaitForFirstConsumer' | 'Immediate';

export interface HppValues {
  crName: string;
  version: HppVersion;
  mode: ProvisionerMode;
  path: string;
  poolName: string;
  useNamingPrefix: boolean;
  imagePullPolicy: PullPolicy;
  /** Workload node selector, `key=value` pairs; empty for every node. */
  nodeSelector: Record<string, string>;
  className: string;
  reclaimPolicy: ReclaimPolicy;
  bindingMode: BindingMode;
  makeDefault: boolean;
}

export const defaultHppValues = (version: HppVersion): HppValues => ({
  crName: DEFAULT_CR_NAME,
  version,
  mode: version === 'v1beta1' ? 'csi' : 'legacy',
  path: '/var/hpvolumes',
  poolName: DEFAULT_POOL_NAME,
  useNamingPrefix: false,
  imagePullPolicy: 'IfNotPresent',
  nodeSelector: {},
  className: DEFAULT_CLASS_NAME,
  reclaimPolicy: 'Delete',
  bindingMode: 'WaitForFirstConsumer',
  makeDefault: false,
});

/**
 * The provisioners the wizard offers. v1alpha1 has only pathConfig (legacy). v1beta1 offers storage pools with the
 * CSI driver, and the legacy provisioner (pathConfig) only while the cluster still serves v1alpha1, i.e. on the
 * seed's operator generation: the operator removed v1alpha1 in v0.15.0 (kubevirt/hostpath-provisioner-operator),
 * and although v1beta1 still accepts `pathConfig` there (pkg/controller/hostpathprovisioner/controller.go
 * `isLegacy` deploys the legacy provisioner next to the CSI driver), a new setup on such a cluster gets the CSI
 * driver only. A CR that already uses pathConfig keeps its mode (`current`), so the wizard can edit it.
 */
export const modesFor = (
  version: HppVersion,
  options: { v1alpha1Served?: boolean; current?: ProvisionerMode } = {},
): ProvisionerMode[] => {
  if (version === 'v1alpha1') return ['legacy'];
  return options.v1alpha1Served === true || options.current === 'legacy'
    ? ['csi', 'legacy']
    : ['csi'];
};

/** The subdirectory of a storage pool that the CSI driver keeps its volumes in. */
const CSI_SUBDIRECTORY = 'csi';
/** The storage pool name the operator gives a pathConfig CR's CSI driver. */
export const LEGACY_POOL_NAME = 'legacy';

interface VolumeLike {
  metadata?: { name?: string };
  spec?: {
    hostPath?: { path?: string };
    csi?: { driver?: string; volumeHandle?: string; volumeAttributes?: Record<string, string> };
  };
}

/**
 * The directory on the node that holds a HostPathProvisioner volume. Legacy provisioner: the PV's `hostPath`
 * (`<path>/pvc-<uid>`). CSI driver: `<pool path>/csi/<volume>`: the operator hands the driver each pool's path
 * with `/csi` appended so CSI and legacy volumes never mix (kubevirt/hostpath-provisioner-operator
 * pkg/controller/hostpathprovisioner/daemonset.go `buildPathArgFromStoragePoolInfo`), and the driver creates the
 * volume directory under it named after the volume (kubevirt/hostpath-provisioner pkg/hostpath/controllerserver.go
 * `CreateVolume`), its pool taken from the class's `storagePool` parameter (the volume context). `undefined` when
 * the PV is not HPP's or its pool is unknown.
 */
export const hppVolumeDirectory = (
  pv: VolumeLike,
  cr: { spec: HppSpecLike } | undefined,
): string | undefined => {
  const hostPath = pv.spec?.hostPath?.path;
  if (hostPath) return hostPath;
  const csi = pv.spec?.csi;
  if (csi?.driver !== CSI_PROVISIONER) return undefined;
  const pool = csi.volumeAttributes?.storagePool;
  const volume = csi.volumeHandle ?? pv.metadata?.name;
  if (!volume) return undefined;
  const poolPath =
    cr?.spec.storagePools?.find((p) => p.name === pool)?.path ??
    (pool === LEGACY_POOL_NAME || pool === undefined ? cr?.spec.pathConfig?.path : undefined);
  if (!poolPath) return undefined;
  return `${poolPath.replace(/\/+$/, '')}/${CSI_SUBDIRECTORY}/${volume}`;
};

/** v1beta1 when served, else v1alpha1; `undefined` when neither is. */
export const preferredHppVersion = (served: readonly string[]): HppVersion | undefined => {
  if (served.includes('v1beta1')) return 'v1beta1';
  if (served.includes('v1alpha1')) return 'v1alpha1';
  return undefined;
};

export const provisionerFor = (mode: ProvisionerMode): string =>
  mode === 'csi' ? CSI_PROVISIONER : LEGACY_PROVISIONER;

/** Whether the legacy provisioner serves the class (it needs the `container_file_t` label on every node). */
export const needsSelinuxLabel = (mode: ProvisionerMode): boolean => mode === 'legacy';

export interface HppSpecLike {
  imagePullPolicy?: string;
  pathConfig?: { path?: string; useNamingPrefix?: boolean | string };
  storagePools?: { name?: string; path?: string }[];
  workload?: { nodeSelector?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export interface HppObject {
  apiVersion: string;
  kind: 'HostPathProvisioner';
  metadata: { name: string; [key: string]: unknown };
  spec: HppSpecLike;
  [key: string]: unknown;
}

/** The spec fields the wizard owns. */
const hppSpecFor = (values: HppValues): HppSpecLike => {
  const path = values.path.trim();
  const spec: HppSpecLike = { imagePullPolicy: values.imagePullPolicy };
  if (values.mode === 'csi') {
    spec.storagePools = [{ name: values.poolName.trim(), path }];
  } else {
    spec.pathConfig = {
      path,
      // v1alpha1 declares useNamingPrefix a string; v1beta1 a boolean.
      useNamingPrefix:
        values.version === 'v1alpha1' ? String(values.useNamingPrefix) : values.useNamingPrefix,
    };
  }
  if (Object.keys(values.nodeSelector).length > 0) {
    spec.workload = { nodeSelector: { ...values.nodeSelector } };
  }
  return spec;
};

export const buildHppCR = (values: HppValues): HppObject => ({
  apiVersion: `${HPP_GROUP}/${values.version}`,
  kind: 'HostPathProvisioner',
  metadata: { name: values.crName },
  spec: hppSpecFor(values),
});

/**
 * The CR to write over an existing one: its metadata kept (resourceVersion included, so a concurrent change
 * is a conflict), spec fields the wizard does not manage kept, pathConfig/storagePools/workload.nodeSelector
 * replaced.
 */
export const mergeHppSpec = (existing: HppObject, desired: HppObject): HppObject => {
  const rest: HppSpecLike = { ...existing.spec };
  delete rest.pathConfig;
  delete rest.storagePools;
  const workload = { ...(rest.workload ?? {}) };
  delete workload.nodeSelector;
  delete rest.workload;
  const spec: HppSpecLike = { ...rest, ...desired.spec };
  const merged = { ...workload, ...(desired.spec.workload ?? {}) };
  if (Object.keys(merged).length > 0) spec.workload = merged;
  else delete spec.workload;
  return { ...existing, apiVersion: desired.apiVersion, spec };
};

const stable = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );

/** Whether two specs are the same (key order ignored). */
export const sameSpec = (a: unknown, b: unknown): boolean => stable(a) === stable(b);

/** Wizard values read back from an existing CR (the wizard then edits it instead of creating another). */
export const valuesFromHpp = (cr: HppObject, base: HppValues): HppValues => {
  const spec = cr.spec;
  const pool = spec.storagePools?.[0];
  const prefix = spec.pathConfig?.useNamingPrefix;
  const raw = cr.apiVersion.split('/')[1];
  return {
    ...base,
    crName: cr.metadata.name,
    mode: pool ? 'csi' : spec.pathConfig ? 'legacy' : base.mode,
    path: pool?.path ?? spec.pathConfig?.path ?? base.path,
    poolName: pool?.name ?? base.poolName,
    useNamingPrefix: prefix === true || prefix === 'true',
    imagePullPolicy: (spec.imagePullPolicy as PullPolicy | undefined) ?? base.imagePullPolicy,
    nodeSelector: { ...(spec.workload?.nodeSelector ?? {}) },
    version: raw === 'v1alpha1' || raw === 'v1beta1' ? raw : base.version,
  };
};

export interface StorageClassObject {
  apiVersion: 'storage.k8s.io/v1';
  kind: 'StorageClass';
  metadata: { name: string; annotations?: Record<string, string>; [key: string]: unknown };
  provisioner: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  [key: string]: unknown;
}

export const buildStorageClass = (values: HppValues): StorageClassObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name: values.className.trim(),
    ...(values.makeDefault ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } : {}),
  },
  provisioner: provisionerFor(values.mode),
  ...(values.mode === 'csi' ? { parameters: { storagePool: values.poolName.trim() } } : {}),
  reclaimPolicy: values.reclaimPolicy,
  // The CSI driver supports only WaitForFirstConsumer.
  volumeBindingMode: values.mode === 'csi' ? 'WaitForFirstConsumer' : values.bindingMode,
});

export interface ClassDifference {
  field: 'provisioner' | 'parameters' | 'reclaimPolicy' | 'volumeBindingMode';
  existing: string;
  desired: string;
}

const describeParameters = (p: Record<string, string> | undefined): string => stable(p ?? {});

/** The immutable fields in which an existing class differs from the desired one (defaults applied). */
export const storageClassDifferences = (
  existing: Pick<
    StorageClassObject,
    'provisioner' | 'parameters' | 'reclaimPolicy' | 'volumeBindingMode'
  >,
  desired: StorageClassObject,
): ClassDifference[] => {
  const out: ClassDifference[] = [];
  if (existing.provisioner !== desired.provisioner)
    out.push({
      field: 'provisioner',
      existing: existing.provisioner,
      desired: desired.provisioner,
    });
  const ep = describeParameters(existing.parameters);
  const dp = describeParameters(desired.parameters);
  if (ep !== dp) out.push({ field: 'parameters', existing: ep, desired: dp });
  const er = existing.reclaimPolicy ?? 'Delete';
  const dr = desired.reclaimPolicy ?? 'Delete';
  if (er !== dr) out.push({ field: 'reclaimPolicy', existing: er, desired: dr });
  const eb = existing.volumeBindingMode ?? 'Immediate';
  const db = desired.volumeBindingMode ?? 'Immediate';
  if (eb !== db) out.push({ field: 'volumeBindingMode', existing: eb, desired: db });
  return out;
};

/** A free class name derived from `base` (`base-csi`, then `base-2`, `base-3`, …). */
export const suggestClassName = (
  base: string,
  mode: ProvisionerMode,
  taken: readonly string[],
): string => {
  const first = mode === 'csi' && !base.endsWith('-csi') ? `${base}-csi` : `${base}-2`;
  if (!taken.includes(first)) return first;
  for (let i = 2; ; i += 1) {
    const candidate = `${base}-${i}`;
    if (!taken.includes(candidate)) return candidate;
  }
};

/** Whether an existing class belongs to either HostPathProvisioner provisioner. */
export const isHppProvisioner = (provisioner: string | undefined): boolean =>
  provisioner === LEGACY_PROVISIONER || provisioner === CSI_PROVISIONER;

/** Parses `key=value` lines or comma-separated pairs of a node selector; `undefined` when malformed. */
export const parseNodeSelector = (text: string): Record<string, string> | undefined => {
  const out: Record<string, string> = {};
  for (const part of text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!isLabelKey(key)) return undefined;
    if (!isLabelValue(value)) return undefined;
    out[key] = value;
  }
  return out;
};

export const formatNodeSelector = (selector: Record<string, string>): string =>
  Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
