/**
 * The `kubevirt-storage-class-defaults` ConfigMap (seed 6.12.6): default access mode and volume mode for the
 * DataVolumes a UI creates, globally (`accessMode`, `volumeMode`) and per storage class (`<class>.accessMode`,
 * `<class>.volumeMode`). HyperConverged creates it and (HCO v1.3–v1.6) resets its own default keys on every
 * reconcile; CDI never reads it; its successor is the StorageProfile (`claimPropertySets`). Pure and
 * framework-free: parsing, the form model and back, validation, the defaults a DataVolume form should use, and
 * warnings about settings the class's provisioner is unlikely to support.
 */

export const STORAGE_DEFAULTS_CONFIG_MAP = 'kubevirt-storage-class-defaults';
/** Namespaces UIs have looked in, in order (the console's kubevirt plugin; upstream HCO's namespace last). */
const STORAGE_DEFAULTS_NAMESPACE_CANDIDATES = [
  'openshift-cnv',
  'openshift',
  'kubevirt-native',
  'kubevirt-hyperconverged',
] as const;

export const ACCESS_MODES = [
  'ReadWriteOnce',
  'ReadWriteMany',
  'ReadOnlyMany',
  'ReadWriteOncePod',
] as const;
export const VOLUME_MODES = ['Filesystem', 'Block'] as const;
export type StorageAccessMode = (typeof ACCESS_MODES)[number];
export type StorageVolumeMode = (typeof VOLUME_MODES)[number];

/** What a DataVolume gets when nothing else says otherwise (seed 6.12.6.1). */
const BUILTIN_ACCESS_MODE: StorageAccessMode = 'ReadWriteOnce';
const BUILTIN_VOLUME_MODE: StorageVolumeMode = 'Filesystem';

const isAccessMode = (value: unknown): value is StorageAccessMode =>
  typeof value === 'string' && (ACCESS_MODES as readonly string[]).includes(value);
const isVolumeMode = (value: unknown): value is StorageVolumeMode =>
  typeof value === 'string' && (VOLUME_MODES as readonly string[]).includes(value);

export type SettingAttribute = 'accessMode' | 'volumeMode';
const ATTRIBUTES: readonly SettingAttribute[] = ['accessMode', 'volumeMode'];

/** A data key, classified. Storage class names may contain dots: the attribute is after the last one. */
export type ParsedKey =
  | { kind: 'default'; attribute: SettingAttribute }
  | { kind: 'class'; storageClass: string; attribute: SettingAttribute }
  | { kind: 'unknown' };

export const parseKey = (key: string): ParsedKey => {
  if (key === 'accessMode' || key === 'volumeMode') return { kind: 'default', attribute: key };
  const dot = key.lastIndexOf('.');
  if (dot > 0) {
    const attribute = key.slice(dot + 1);
    const storageClass = key.slice(0, dot);
    if ((attribute === 'accessMode' || attribute === 'volumeMode') && storageClass)
      return { kind: 'class', storageClass, attribute };
  }
  return { kind: 'unknown' };
};

export const classKey = (storageClass: string, attribute: SettingAttribute): string =>
  `${storageClass}.${attribute}`;

/** One row of the form: a storage class and its two settings (`''` = not set). */
export interface ClassOverride {
  storageClass: string;
  accessMode: string;
  volumeMode: string;
}

/** The form view of the ConfigMap's `data`. Values stay strings so invalid ones survive a view switch. */
export interface StorageDefaultsForm {
  accessMode: string;
  volumeMode: string;
  overrides: ClassOverride[];
  /** Keys that are neither settings nor overrides, kept as they are. */
  otherKeys: Record<string, string>;
}

export type ConfigMapData = Record<string, string>;

/** `data` → form, rows in the order their first key appears. */
export const formFromData = (data: ConfigMapData | undefined): StorageDefaultsForm => {
  const form: StorageDefaultsForm = {
    accessMode: '',
    volumeMode: '',
    overrides: [],
    otherKeys: {},
  };
  const rows = new Map<string, ClassOverride>();
  for (const [key, value] of Object.entries(data ?? {})) {
    const parsed = parseKey(key);
    if (parsed.kind === 'default') form[parsed.attribute] = value;
    else if (parsed.kind === 'class') {
      let row = rows.get(parsed.storageClass);
      if (!row) {
        row = { storageClass: parsed.storageClass, accessMode: '', volumeMode: '' };
        rows.set(parsed.storageClass, row);
        form.overrides.push(row);
      }
      row[parsed.attribute] = value;
    } else form.otherKeys[key] = value;
  }
  return form;
};

/** Form → `data`: defaults first, then each row's keys, then the other keys. Unset values are left out. */
export const dataFromForm = (form: StorageDefaultsForm): ConfigMapData => {
  const data: ConfigMapData = {};
  if (form.accessMode) data.accessMode = form.accessMode;
  if (form.volumeMode) data.volumeMode = form.volumeMode;
  for (const row of form.overrides) {
    const name = row.storageClass.trim();
    if (!name) continue;
    for (const attribute of ATTRIBUTES) {
      if (row[attribute]) data[classKey(name, attribute)] = row[attribute];
    }
  }
  for (const [key, value] of Object.entries(form.otherKeys)) {
    if (!(key in data)) data[key] = value;
  }
  return data;
};

// ---------------------------------------------------------------------------------------------------------------
// Validation of `data`

export type DataProblemKind =
  'unknown-key' | 'invalid-value' | 'unknown-class' | 'duplicate-class' | 'empty-class';

export interface DataProblem {
  kind: DataProblemKind;
  /** The data key concerned (for a form row without a class: `''`). */
  key: string;
  value?: string;
  /** For class problems, the class name. */
  storageClass?: string;
  /** Error blocks saving; warning does not. */
  severity: 'error' | 'warning';
}

export interface ValidationContext {
  /** Names of the cluster's storage classes; `undefined` when unknown (then class checks are skipped). */
  storageClasses?: readonly string[];
  /**
   * The data as stored on the server. A key that is unchanged from it is only a warning: the user did not write
   * it (HyperConverged writes `local-sc.*` and `ocs-storagecluster-ceph-rbd.*` whether the classes exist or not).
   */
  stored?: ConfigMapData;
}

/** Problems of a `data` map; errors block saving. */
export const validateData = (
  data: ConfigMapData,
  context: ValidationContext = {},
): DataProblem[] => {
  const problems: DataProblem[] = [];
  const untouched = (key: string): boolean =>
    context.stored !== undefined && context.stored[key] === data[key];
  const classes = context.storageClasses ? new Set(context.storageClasses) : undefined;
  for (const [key, value] of Object.entries(data)) {
    const parsed = parseKey(key);
    const severity = untouched(key) ? 'warning' : 'error';
    if (parsed.kind === 'unknown') {
      problems.push({ kind: 'unknown-key', key, value, severity });
      continue;
    }
    const valid = parsed.attribute === 'accessMode' ? isAccessMode(value) : isVolumeMode(value);
    if (!valid) problems.push({ kind: 'invalid-value', key, value, severity });
    if (parsed.kind === 'class' && classes && !classes.has(parsed.storageClass)) {
      problems.push({
        kind: 'unknown-class',
        key,
        value,
        storageClass: parsed.storageClass,
        severity,
      });
    }
  }
  return problems;
};

/** Problems of the form: those of its data plus rows without a class and classes listed twice. */
export const validateForm = (
  form: StorageDefaultsForm,
  context: ValidationContext = {},
): DataProblem[] => {
  const problems = validateData(dataFromForm(form), context);
  const seen = new Set<string>();
  for (const row of form.overrides) {
    const name = row.storageClass.trim();
    if (!name) {
      problems.push({ kind: 'empty-class', key: '', severity: 'error' });
      continue;
    }
    if (seen.has(name))
      problems.push({ kind: 'duplicate-class', key: name, storageClass: name, severity: 'error' });
    seen.add(name);
  }
  return problems;
};

export const hasErrors = (problems: readonly { severity: string }[]): boolean =>
  problems.some((p) => p.severity === 'error');

// ---------------------------------------------------------------------------------------------------------------
// Defaults for DataVolume forms

export interface ClaimPropertySet {
  accessModes?: string[];
  volumeMode?: string;
}

/** The parts of a StorageProfile read here (status is what CDI resolved; spec what an admin set). */
export interface StorageProfileLike {
  metadata?: { name?: string };
  spec?: { claimPropertySets?: ClaimPropertySet[] };
  status?: { provisioner?: string; storageClass?: string; claimPropertySets?: ClaimPropertySet[] };
}

export type DefaultsSource = 'configmap-class' | 'storageprofile' | 'configmap-default' | 'builtin';

export interface ResolvedStorageDefaults {
  accessMode: StorageAccessMode;
  volumeMode: StorageVolumeMode;
  /** The most specific source that contributed. */
  source: DefaultsSource;
  /** Where each value came from. */
  sources: { accessMode: DefaultsSource; volumeMode: DefaultsSource };
}

const SOURCE_RANK: Record<DefaultsSource, number> = {
  'configmap-class': 0,
  storageprofile: 1,
  'configmap-default': 2,
  builtin: 3,
};

/** The StorageProfile's valid property sets: status (CDI's resolution) first, else spec. */
export const profilePropertySets = (
  profile: StorageProfileLike | undefined,
): { accessModes: StorageAccessMode[]; volumeMode: StorageVolumeMode }[] => {
  const sets = profile?.status?.claimPropertySets?.length
    ? profile.status.claimPropertySets
    : (profile?.spec?.claimPropertySets ?? []);
  return sets
    .map((set) => ({
      accessModes: (set.accessModes ?? []).filter(isAccessMode),
      volumeMode: isVolumeMode(set.volumeMode) ? set.volumeMode : BUILTIN_VOLUME_MODE,
    }))
    .filter((set) => set.accessModes.length > 0);
};

/**
 * The access and volume mode a DataVolume form should start with for a storage class. Per value, in order: the
 * ConfigMap's `<class>.<attr>` (an admin's explicit choice for the class), the class's StorageProfile (CDI's
 * recommendation, the ConfigMap's successor), the ConfigMap's global `<attr>`, and ReadWriteOnce / Filesystem.
 * Invalid ConfigMap values are ignored. `storageClassName` should be the class the claim will really get (the
 * default class when the form leaves it empty); `undefined` skips the class-specific sources.
 */
export const resolveStorageDefaults = (
  configMap: { data?: Record<string, string> } | undefined,
  storageProfile: StorageProfileLike | undefined,
  storageClassName: string | undefined,
): ResolvedStorageDefaults => {
  const data = configMap?.data ?? {};
  const classAccess = storageClassName ? data[classKey(storageClassName, 'accessMode')] : undefined;
  const classVolume = storageClassName ? data[classKey(storageClassName, 'volumeMode')] : undefined;
  const sets = storageClassName ? profilePropertySets(storageProfile) : [];
  const wantedAccess = isAccessMode(classAccess) ? classAccess : undefined;
  const wantedVolume = isVolumeMode(classVolume) ? classVolume : undefined;
  // The profile set consistent with what the class override already fixes, else the first one.
  const set =
    sets.find(
      (s) =>
        (!wantedAccess || s.accessModes.includes(wantedAccess)) &&
        (!wantedVolume || s.volumeMode === wantedVolume),
    ) ?? (wantedAccess || wantedVolume ? undefined : sets[0]);

  let accessMode: StorageAccessMode;
  let accessSource: DefaultsSource;
  if (wantedAccess) [accessMode, accessSource] = [wantedAccess, 'configmap-class'];
  else if (set?.accessModes[0]) [accessMode, accessSource] = [set.accessModes[0], 'storageprofile'];
  else if (isAccessMode(data.accessMode))
    [accessMode, accessSource] = [data.accessMode, 'configmap-default'];
  else [accessMode, accessSource] = [BUILTIN_ACCESS_MODE, 'builtin'];

  let volumeMode: StorageVolumeMode;
  let volumeSource: DefaultsSource;
  if (wantedVolume) [volumeMode, volumeSource] = [wantedVolume, 'configmap-class'];
  else if (set) [volumeMode, volumeSource] = [set.volumeMode, 'storageprofile'];
  else if (isVolumeMode(data.volumeMode))
    [volumeMode, volumeSource] = [data.volumeMode, 'configmap-default'];
  else [volumeMode, volumeSource] = [BUILTIN_VOLUME_MODE, 'builtin'];

  const source =
    SOURCE_RANK[accessSource] <= SOURCE_RANK[volumeSource] ? accessSource : volumeSource;
  return {
    accessMode,
    volumeMode,
    source,
    sources: { accessMode: accessSource, volumeMode: volumeSource },
  };
};

// ---------------------------------------------------------------------------------------------------------------
// Where the ConfigMap lives

/**
 * The namespace of the storage defaults ConfigMap: where one exists (first candidate namespace wins when several
 * do), else the HyperConverged's namespace (HCO creates it there), else the first candidate namespace.
 */
export const chooseStorageDefaultsNamespace = (input: {
  configMapNamespaces: readonly string[];
  hyperConvergedNamespace?: string;
}): string => {
  const { configMapNamespaces, hyperConvergedNamespace } = input;
  if (configMapNamespaces.length > 0) {
    const rank = (ns: string): number => {
      if (ns === hyperConvergedNamespace) return -1;
      const i = (STORAGE_DEFAULTS_NAMESPACE_CANDIDATES as readonly string[]).indexOf(ns);
      return i === -1 ? STORAGE_DEFAULTS_NAMESPACE_CANDIDATES.length : i;
    };
    return [...configMapNamespaces].sort((a, b) => rank(a) - rank(b))[0] ?? configMapNamespaces[0];
  }
  return hyperConvergedNamespace ?? STORAGE_DEFAULTS_NAMESPACE_CANDIDATES[0];
};

// ---------------------------------------------------------------------------------------------------------------
// HyperConverged's default keys

/** The keys HCO v1.3–v1.6 writes and resets (`NewKubeVirtStorageConfigForCR`). */
const hyperConvergedDefaultData = (localStorageClassName?: string): ConfigMapData => {
  const local = localStorageClassName || 'local-sc';
  return {
    accessMode: 'ReadWriteOnce',
    volumeMode: 'Filesystem',
    [classKey(local, 'accessMode')]: 'ReadWriteOnce',
    [classKey(local, 'volumeMode')]: 'Filesystem',
    'ocs-storagecluster-ceph-rbd.accessMode': 'ReadWriteMany',
    'ocs-storagecluster-ceph-rbd.volumeMode': 'Block',
  };
};

interface OwnedObject {
  metadata?: {
    labels?: Record<string, string>;
    ownerReferences?: { kind: string; apiVersion: string }[];
  };
}

/** Whether HyperConverged manages the ConfigMap (it owns it, or labels it as its operand). */
export const isManagedByHyperConverged = (configMap: OwnedObject | undefined): boolean =>
  (configMap?.metadata?.ownerReferences?.some(
    (ref) => ref.kind === 'HyperConverged' && ref.apiVersion.startsWith('hco.kubevirt.io/'),
  ) ??
    false) ||
  configMap?.metadata?.labels?.app === 'kubevirt-hyperconverged';

export interface RevertedKey {
  key: string;
  /** What the user wants; `undefined` when the user removed the key. */
  wanted: string | undefined;
  /** What HyperConverged will put back. */
  restored: string;
}

/** The user's settings HyperConverged will put back to its defaults on its next reconcile. */
export const keysHyperConvergedReverts = (
  data: ConfigMapData,
  localStorageClassName?: string,
): RevertedKey[] =>
  Object.entries(hyperConvergedDefaultData(localStorageClassName))
    .filter(([key, value]) => data[key] !== value)
    .map(([key, restored]) => ({ key, wanted: data[key], restored }));

// ---------------------------------------------------------------------------------------------------------------
// Provisioner support

/** Provisioners whose volumes live on one node: no ReadWriteMany / ReadOnlyMany across nodes. */
const NODE_LOCAL_PROVISIONERS = [
  'kubernetes.io/no-provisioner',
  'kubernetes.io/host-path',
  'kubevirt.io/hostpath-provisioner',
  'kubevirt.io.hostpath-provisioner',
  'rancher.io/local-path',
  'topolvm.io',
  'topolvm.cybozu.com',
  'lvms.topolvm.io',
  'local.csi.openebs.io',
];
/** Provisioners that only make directories: no Block volumes. */
const FILESYSTEM_ONLY_PROVISIONERS = [
  'kubernetes.io/host-path',
  'kubevirt.io/hostpath-provisioner',
  'kubevirt.io.hostpath-provisioner',
  'rancher.io/local-path',
  'nfs.csi.k8s.io',
  'kubernetes.io/nfs',
];

const isNodeLocalProvisioner = (provisioner: string): boolean =>
  NODE_LOCAL_PROVISIONERS.includes(provisioner);
const isFilesystemOnlyProvisioner = (provisioner: string): boolean =>
  FILESYSTEM_ONLY_PROVISIONERS.includes(provisioner) || /nfs/i.test(provisioner);

export type SupportWarningKind =
  'shared-access-on-node-local' | 'block-on-filesystem-only' | 'not-in-storageprofile';

export interface SupportWarning {
  kind: SupportWarningKind;
  storageClass: string;
  provisioner: string;
  attribute: SettingAttribute;
  value: string;
}

/**
 * Settings the class's provisioner is unlikely to support: ReadWriteMany/ReadOnlyMany on node-local storage,
 * Block on directory-based provisioners, and combinations the class's StorageProfile does not list.
 */
export const supportWarnings = (
  storageClass: string,
  provisioner: string,
  setting: { accessMode?: string; volumeMode?: string },
  profile?: StorageProfileLike,
): SupportWarning[] => {
  const warnings: SupportWarning[] = [];
  const { accessMode, volumeMode } = setting;
  if (
    (accessMode === 'ReadWriteMany' || accessMode === 'ReadOnlyMany') &&
    isNodeLocalProvisioner(provisioner)
  )
    warnings.push({
      kind: 'shared-access-on-node-local',
      storageClass,
      provisioner,
      attribute: 'accessMode',
      value: accessMode,
    });
  if (volumeMode === 'Block' && isFilesystemOnlyProvisioner(provisioner))
    warnings.push({
      kind: 'block-on-filesystem-only',
      storageClass,
      provisioner,
      attribute: 'volumeMode',
      value: volumeMode,
    });
  const sets = profilePropertySets(profile);
  if (warnings.length === 0 && sets.length > 0 && (accessMode || volumeMode)) {
    const listed = sets.some(
      (s) =>
        (!isAccessMode(accessMode) || s.accessModes.includes(accessMode)) &&
        (!isVolumeMode(volumeMode) || s.volumeMode === volumeMode),
    );
    if (!listed)
      warnings.push({
        kind: 'not-in-storageprofile',
        storageClass,
        provisioner,
        attribute: isAccessMode(accessMode) ? 'accessMode' : 'volumeMode',
        value: `${accessMode ?? ''}/${volumeMode ?? ''}`,
      });
  }
  return warnings;
};

// ---------------------------------------------------------------------------------------------------------------
// Concurrent edits

export interface KeyChange {
  key: string;
  before: string | undefined;
  after: string | undefined;
}

/** Keys whose value differs between two data maps (added, removed or changed), in key order. */
export const changedKeys = (before: ConfigMapData, after: ConfigMapData): KeyChange[] => {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => before[key] !== after[key])
    .map((key) => ({ key, before: before[key], after: after[key] }));
};

export interface ReappliedData {
  data: ConfigMapData;
  /** Keys both sides changed, to different values: the user's edit wins, the remote value is overwritten. */
  overwritten: KeyChange[];
}

/** The user's edit (base → mine) applied on top of the remote version (base → theirs). */
export const reapplyOnTop = (
  base: ConfigMapData,
  mine: ConfigMapData,
  theirs: ConfigMapData,
): ReappliedData => {
  const result = new Map(Object.entries(theirs));
  const overwritten: KeyChange[] = [];
  for (const change of changedKeys(base, mine)) {
    const remote = theirs[change.key];
    if (remote !== base[change.key] && remote !== change.after)
      overwritten.push({ key: change.key, before: remote, after: change.after });
    if (change.after === undefined) result.delete(change.key);
    else result.set(change.key, change.after);
  }
  return { data: Object.fromEntries(result), overwritten };
};

// ---------------------------------------------------------------------------------------------------------------
// Copying a row into a StorageProfile

/**
 * JSON patch that puts `{accessModes: [accessMode], volumeMode}` first in the profile's
 * `spec.claimPropertySets`, keeping the other sets the admin wrote (an identical one is moved, not repeated).
 */
export const copyToProfilePatch = (
  profile: StorageProfileLike,
  setting: { accessMode: StorageAccessMode; volumeMode: StorageVolumeMode },
): { op: 'add'; path: string; value: unknown }[] => {
  const set = { accessModes: [setting.accessMode], volumeMode: setting.volumeMode };
  const others = (profile.spec?.claimPropertySets ?? []).filter(
    (s) =>
      !(
        s.volumeMode === set.volumeMode &&
        s.accessModes?.length === 1 &&
        s.accessModes[0] === setting.accessMode
      ),
  );
  const sets = [set, ...others];
  return profile.spec
    ? [{ op: 'add', path: '/spec/claimPropertySets', value: sets }]
    : [{ op: 'add', path: '/spec', value: { claimPropertySets: sets } }];
};
