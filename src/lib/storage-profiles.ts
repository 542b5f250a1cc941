/**
 * Editing a StorageProfile (cdi.kubevirt.io/v1beta1), the storage defaults of today's platform: CDI fills the
 * access and volume mode of DataVolumes that use `spec.storage` from it. Facts from kubevirt/containerized-data-importer
 * (v1.66): the types and their CRD schema (staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go:
 * `spec.claimPropertySets` at most 8 items, each with `accessModes` (required, at most 4, each one of ReadWriteOnce,
 * ReadOnlyMany, ReadWriteMany, ReadWriteOncePod: "Illegal AccessMode") and `volumeMode` (required, Block or
 * Filesystem); `cloneStrategy` copy / snapshot / csi-clone; `dataImportCronSourceFormat` pvc / snapshot), and the
 * controller (pkg/controller/storageprofile-controller.go `reconcileStorageProfile`): `status.claimPropertySets` is
 * the spec's sets when it has any (a set without volume mode or access modes stops the reconcile: "each
 * ClaimPropertySet must provide both volume mode and access modes"), else what CDI computes from its capabilities
 * table (src/lib/storage-capabilities.ts). Pure: the form model and back, validation with field paths,
 * CDI's recommendation, and what changed between versions (conflicts).
 */
import {
  cdiCapabilities,
  impossibleFor,
  provisionerKey,
  NO_PROVISIONER,
} from './storage-capabilities';
import type {
  CapabilityPair,
  ImpossibleReason,
  PersistentVolumeModes,
} from './storage-capabilities';

export const PROFILE_ACCESS_MODES = [
  'ReadWriteOnce',
  'ReadWriteMany',
  'ReadOnlyMany',
  'ReadWriteOncePod',
] as const;
export const PROFILE_VOLUME_MODES = ['Filesystem', 'Block'] as const;
export const CLONE_STRATEGIES = ['copy', 'snapshot', 'csi-clone'] as const;
export const SOURCE_FORMATS = ['pvc', 'snapshot'] as const;
export const MAX_CLAIM_PROPERTY_SETS = 8;
export const MAX_ACCESS_MODES = 4;

export interface ClaimPropertySetValue {
  accessModes?: string[];
  volumeMode?: string;
}

export interface StorageProfileSpec {
  claimPropertySets?: ClaimPropertySetValue[];
  cloneStrategy?: string;
  dataImportCronSourceFormat?: string;
  snapshotClass?: string;
  [key: string]: unknown;
}

export interface StorageProfileObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; resourceVersion?: string; [key: string]: unknown };
  spec?: StorageProfileSpec;
  status?: {
    storageClass?: string;
    provisioner?: string;
    claimPropertySets?: ClaimPropertySetValue[];
    cloneStrategy?: string;
    dataImportCronSourceFormat?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** One row of the form. Values stay strings, so what the form cannot show survives a view switch. */
export interface ClaimPropertySetDraft {
  accessModes: string[];
  volumeMode: string;
}

export interface StorageProfileForm {
  sets: ClaimPropertySetDraft[];
  /** `''` = not set (CDI decides). */
  cloneStrategy: string;
  dataImportCronSourceFormat: string;
}

export const formFromSpec = (spec: StorageProfileSpec | undefined): StorageProfileForm => ({
  sets: (spec?.claimPropertySets ?? []).map((set) => ({
    accessModes: [...(set.accessModes ?? [])],
    volumeMode: set.volumeMode ?? '',
  })),
  cloneStrategy: spec?.cloneStrategy ?? '',
  dataImportCronSourceFormat: spec?.dataImportCronSourceFormat ?? '',
});

/** The form on top of `base` (fields the form does not edit, such as `snapshotClass`, are kept). */
export const specFromForm = (
  form: StorageProfileForm,
  base: StorageProfileSpec | undefined,
): StorageProfileSpec => {
  const spec: StorageProfileSpec = { ...(base ?? {}) };
  delete spec.claimPropertySets;
  delete spec.cloneStrategy;
  delete spec.dataImportCronSourceFormat;
  if (form.sets.length > 0) {
    spec.claimPropertySets = form.sets.map((set) => ({
      accessModes: [...set.accessModes],
      ...(set.volumeMode ? { volumeMode: set.volumeMode } : {}),
    }));
  }
  if (form.cloneStrategy) spec.cloneStrategy = form.cloneStrategy;
  if (form.dataImportCronSourceFormat)
    spec.dataImportCronSourceFormat = form.dataImportCronSourceFormat;
  return spec;
};

// ---------------------------------------------------------------------------------------------------------------
// Validation

export type ProfileProblemKind =
  | 'too-many-sets'
  | 'empty-access-modes'
  | 'too-many-access-modes'
  | 'unknown-access-mode'
  | 'duplicate-access-mode'
  | 'missing-volume-mode'
  | 'unknown-volume-mode'
  | 'duplicate-set'
  | ImpossibleReason
  | 'no-matching-pv'
  | 'not-in-capabilities'
  | 'unknown-clone-strategy'
  | 'unknown-source-format'
  | 'not-a-list';

export interface ProfileProblem {
  kind: ProfileProblemKind;
  /** Error blocks saving; warning does not. */
  severity: 'error' | 'warning';
  /** The field, as a path: `spec.claimPropertySets[0].accessModes`. */
  field: string;
  /** The set concerned, if any. */
  setIndex?: number;
  value?: string;
  storageClass?: string;
  provisioner?: string;
}

export interface ProfileContext {
  /** The profile's (= its class's) name. */
  storageClass: string;
  /** The class's provisioner; `undefined` when the class is unknown (then provisioner checks are skipped). */
  provisioner?: string;
  parameters?: Record<string, string>;
  /** The class's PersistentVolumes (for no-provisioner classes); `undefined` when unknown. */
  persistentVolumes?: readonly PersistentVolumeModes[];
}

const includes = (list: readonly string[], value: unknown): value is string =>
  typeof value === 'string' && list.includes(value);

/** Problems of a spec (errors block saving), each naming its field. Tolerates values of the wrong type. */
export const validateProfileSpec = (
  spec: StorageProfileSpec | undefined,
  context: ProfileContext,
): ProfileProblem[] => {
  const problems: ProfileProblem[] = [];
  const rawSets: unknown = spec?.claimPropertySets;
  const { storageClass, provisioner } = context;
  if (rawSets !== undefined && rawSets !== null && !Array.isArray(rawSets)) {
    problems.push({ kind: 'not-a-list', severity: 'error', field: 'spec.claimPropertySets' });
  }
  const sets: unknown[] = Array.isArray(rawSets) ? rawSets : [];
  if (sets.length > MAX_CLAIM_PROPERTY_SETS)
    problems.push({
      kind: 'too-many-sets',
      severity: 'error',
      field: 'spec.claimPropertySets',
      value: String(sets.length),
    });
  const key =
    provisioner === undefined ? undefined : provisionerKey(provisioner, context.parameters);
  const known =
    provisioner === undefined ? undefined : cdiCapabilities(provisioner, context.parameters);
  const seenSets = new Set<string>();
  sets.forEach((raw, setIndex) => {
    const set = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const at = `spec.claimPropertySets[${String(setIndex)}]`;
    const accessField = `${at}.accessModes`;
    const volumeField = `${at}.volumeMode`;
    const rawModes = set.accessModes;
    const modes: unknown[] = Array.isArray(rawModes) ? rawModes : [];
    if (rawModes !== undefined && rawModes !== null && !Array.isArray(rawModes))
      problems.push({ kind: 'not-a-list', severity: 'error', field: accessField, setIndex });
    else if (modes.length === 0)
      problems.push({
        kind: 'empty-access-modes',
        severity: 'error',
        field: accessField,
        setIndex,
      });
    if (modes.length > MAX_ACCESS_MODES)
      problems.push({
        kind: 'too-many-access-modes',
        severity: 'error',
        field: accessField,
        setIndex,
        value: String(modes.length),
      });
    const seenModes = new Set<string>();
    modes.forEach((mode, i) => {
      const field = `${accessField}[${String(i)}]`;
      if (!includes(PROFILE_ACCESS_MODES, mode)) {
        problems.push({
          kind: 'unknown-access-mode',
          severity: 'error',
          field,
          setIndex,
          value: typeof mode === 'string' ? mode : JSON.stringify(mode),
        });
        return;
      }
      if (seenModes.has(mode))
        problems.push({
          kind: 'duplicate-access-mode',
          severity: 'warning',
          field,
          setIndex,
          value: mode,
        });
      seenModes.add(mode);
    });
    const volumeMode = set.volumeMode;
    if (volumeMode === undefined || volumeMode === null || volumeMode === '')
      problems.push({
        kind: 'missing-volume-mode',
        severity: 'error',
        field: volumeField,
        setIndex,
      });
    else if (!includes(PROFILE_VOLUME_MODES, volumeMode))
      problems.push({
        kind: 'unknown-volume-mode',
        severity: 'error',
        field: volumeField,
        setIndex,
        value: typeof volumeMode === 'string' ? volumeMode : JSON.stringify(volumeMode),
      });
    const validVolume = includes(PROFILE_VOLUME_MODES, volumeMode) ? volumeMode : undefined;
    const validModes = [...seenModes];
    if (validVolume && validModes.length > 0) {
      const signature = `${[...validModes].sort().join(',')}/${validVolume}`;
      if (seenSets.has(signature))
        problems.push({ kind: 'duplicate-set', severity: 'warning', field: at, setIndex });
      seenSets.add(signature);
    }
    if (!validVolume || key === undefined || provisioner === undefined) return;
    for (const mode of validModes) {
      const reason = impossibleFor(key, mode, validVolume);
      if (reason) {
        problems.push({
          kind: reason,
          severity: 'error',
          field: reason === 'filesystem-only' ? volumeField : accessField,
          setIndex,
          value: `${mode}/${validVolume}`,
          storageClass,
          provisioner,
        });
        continue;
      }
      if (provisioner === NO_PROVISIONER) {
        // A claim binds only to a PV whose access modes include the claim's and whose volume mode is the same.
        const pvs = context.persistentVolumes;
        if (pvs && !pvs.some((pv) => offers(pv, mode, validVolume)))
          problems.push({
            kind: 'no-matching-pv',
            severity: 'warning',
            field: accessField,
            setIndex,
            value: `${mode}/${validVolume}`,
            storageClass,
            provisioner,
          });
      } else if (
        known &&
        !known.some((p) => p.accessMode === mode && p.volumeMode === validVolume)
      ) {
        problems.push({
          kind: 'not-in-capabilities',
          severity: 'warning',
          field: accessField,
          setIndex,
          value: `${mode}/${validVolume}`,
          storageClass,
          provisioner,
        });
      }
    }
  });
  const clone = spec?.cloneStrategy;
  if (clone !== undefined && !includes(CLONE_STRATEGIES, clone))
    problems.push({
      kind: 'unknown-clone-strategy',
      severity: 'error',
      field: 'spec.cloneStrategy',
      value: typeof clone === 'string' ? clone : JSON.stringify(clone),
    });
  const format = spec?.dataImportCronSourceFormat;
  if (format !== undefined && !includes(SOURCE_FORMATS, format))
    problems.push({
      kind: 'unknown-source-format',
      severity: 'error',
      field: 'spec.dataImportCronSourceFormat',
      value: typeof format === 'string' ? format : JSON.stringify(format),
    });
  return problems;
};

const offers = (pv: PersistentVolumeModes, accessMode: string, volumeMode: string): boolean =>
  (pv.volumeMode === 'Block' ? 'Block' : 'Filesystem') === volumeMode &&
  (pv.accessModes ?? []).includes(accessMode);

// ---------------------------------------------------------------------------------------------------------------
// CDI's recommendation

export type RecommendationSource =
  /** `status.claimPropertySets` while the spec sets none: what CDI computed. */
  | 'status'
  /** The spec overrides it; CDI's own computation, re-done here from its capabilities table / the PVs. */
  | 'capabilities';

export interface Recommendation {
  sets: ClaimPropertySetDraft[];
  source: RecommendationSource;
}

const fromPairs = (list: CapabilityPair[]): ClaimPropertySetDraft[] =>
  list.map((p) => ({ accessModes: [p.accessMode], volumeMode: p.volumeMode }));

/**
 * What CDI recommends for a profile: while its spec sets no claimPropertySets, the status CDI computed; once an
 * admin set some, the status only mirrors them, so CDI's own answer is computed the way CDI does (capabilities
 * table, or the class's PVs for no-provisioner classes). `undefined` when CDI knows nothing for the class.
 */
export const cdiRecommendation = (
  profile: StorageProfileObject,
  storageClass?: {
    provisioner?: string;
    parameters?: Record<string, string>;
    persistentVolumes?: readonly PersistentVolumeModes[];
  },
): Recommendation | undefined => {
  const specSets = profile.spec?.claimPropertySets ?? [];
  if (specSets.length === 0) {
    const status = profile.status?.claimPropertySets ?? [];
    if (status.length === 0) return undefined;
    return {
      source: 'status',
      sets: status.map((s) => ({
        accessModes: [...(s.accessModes ?? [])],
        volumeMode: s.volumeMode ?? '',
      })),
    };
  }
  const provisioner = storageClass?.provisioner ?? profile.status?.provisioner;
  if (!provisioner) return undefined;
  const pairs = cdiCapabilities(
    provisioner,
    storageClass?.parameters,
    storageClass?.persistentVolumes,
  );
  return pairs ? { source: 'capabilities', sets: fromPairs(pairs) } : undefined;
};

const setKey = (set: ClaimPropertySetDraft): string =>
  `${[...set.accessModes].sort().join(',')}/${set.volumeMode}`;

/** Whether two lists of sets say the same (order matters: CDI uses the first set that fits). */
export const sameSets = (
  a: readonly ClaimPropertySetDraft[],
  b: readonly ClaimPropertySetDraft[],
): boolean => a.length === b.length && a.every((set, i) => setKey(set) === setKey(b[i]));

/** `ReadWriteOnce / Filesystem`, or `ReadWriteMany, ReadWriteOnce / Block`. */
export const describeSet = (set: ClaimPropertySetValue): string =>
  `${(set.accessModes ?? []).join(', ')} / ${set.volumeMode ?? ''}`;

// ---------------------------------------------------------------------------------------------------------------
// Concurrent edits

export interface SpecChange {
  /** `claimPropertySets`, `cloneStrategy`, … */
  field: string;
  before: string | undefined;
  after: string | undefined;
}

const fieldText = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object'))
    return value.length === 0
      ? '[]'
      : (value as ClaimPropertySetValue[]).map(describeSet).join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/** The spec fields that differ (added, removed or changed), in field order, values as one line each. */
export const specChanges = (
  before: StorageProfileSpec | undefined,
  after: StorageProfileSpec | undefined,
): SpecChange[] => {
  const a = before ?? {};
  const b = after ?? {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .sort()
    .filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]))
    .map((field) => ({ field, before: fieldText(a[field]), after: fieldText(b[field]) }));
};

export interface ReappliedSpec {
  spec: StorageProfileSpec;
  /** Fields both sides changed differently: the user's edit wins over the remote value. */
  overwritten: SpecChange[];
}

/** The user's edit (base → mine), field by field, on top of the remote version (base → theirs). */
export const reapplySpecOnTop = (
  base: StorageProfileSpec | undefined,
  mine: StorageProfileSpec,
  theirs: StorageProfileSpec | undefined,
): ReappliedSpec => {
  const result = new Map(Object.entries(theirs ?? {}));
  const overwritten: SpecChange[] = [];
  const remote = theirs ?? {};
  const original = base ?? {};
  for (const change of specChanges(base, mine)) {
    const theirsValue = JSON.stringify(remote[change.field]);
    if (
      theirsValue !== JSON.stringify(original[change.field]) &&
      theirsValue !== JSON.stringify(mine[change.field])
    )
      overwritten.push({
        field: change.field,
        before: fieldText(remote[change.field]),
        after: change.after,
      });
    if (mine[change.field] === undefined) result.delete(change.field);
    else result.set(change.field, mine[change.field]);
  }
  return { spec: Object.fromEntries(result), overwritten };
};
