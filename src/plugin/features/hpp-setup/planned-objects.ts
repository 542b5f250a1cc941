// The objects the wizard applies, in order: the SELinux MachineConfigs (before the provisioner, as the seed
// orders it), the HostPathProvisioner CR, the StorageClass. Each as an object and as editable YAML; an edited
// YAML is parsed and checked before it is carried into the apply. Pure.
import { parse, stringify } from 'yaml';
import { buildHppCR, buildStorageClass, HPP_GROUP, mergeHppSpec } from '../../../lib/hpp-manifests';
import type { HppObject, HppValues } from '../../../lib/hpp-manifests';
import { describeChange } from '../../../lib/hpp-review-diff';
import type { ObjectChange } from '../../../lib/hpp-review-diff';
import { objectNameError } from '../../../lib/k8s-names';
import { buildSelinuxMachineConfig, ignitionVersionForPool } from '../../../lib/machine-config';
import type { MachineConfigKind, MachineConfigPoolKind } from '../../k8s/types/hpp-setup';

export type PlannedKind = 'MachineConfig' | 'HostPathProvisioner' | 'StorageClass';

export interface PlannedObject {
  /** Stable key: `Kind/name` of the generated object. */
  key: string;
  kind: PlannedKind;
  object: Record<string, unknown>;
}

export const planObjects = (
  values: HppValues,
  options: {
    selinuxPools: string[];
    pools: readonly MachineConfigPoolKind[];
    machineConfigs: readonly MachineConfigKind[];
  },
): PlannedObject[] => {
  const out: PlannedObject[] = [];
  for (const poolName of options.selinuxPools) {
    const pool = options.pools.find((p) => p.metadata?.name === poolName) ?? {
      metadata: { name: poolName },
    };
    const mc = buildSelinuxMachineConfig({
      pool,
      path: values.path.trim(),
      ignitionVersion: ignitionVersionForPool(pool, options.machineConfigs),
    });
    out.push({
      key: `MachineConfig/${mc.metadata.name}`,
      kind: 'MachineConfig',
      object: { ...mc },
    });
  }
  const cr = buildHppCR(values);
  out.push({
    key: `HostPathProvisioner/${cr.metadata.name}`,
    kind: 'HostPathProvisioner',
    object: cr,
  });
  const sc = buildStorageClass(values);
  out.push({
    key: `StorageClass/${sc.metadata.name}`,
    kind: 'StorageClass',
    object: sc,
  });
  return out;
};

export const toYaml = (object: unknown): string => stringify(object, { lineWidth: 0 });

export type PlannedYamlProblem =
  | { code: 'syntax'; detail: string }
  | { code: 'not-object' }
  | { code: 'kind'; expected: string; actual: string }
  | { code: 'api-version'; expected: string; actual: string }
  | { code: 'name'; detail: string }
  | { code: 'namespaced' }
  | { code: 'hpp-spec' }
  | { code: 'provisioner' }
  | { code: 'mc-units' };

const API_VERSIONS: Record<PlannedKind, (v: string) => boolean> = {
  MachineConfig: (v) => v === 'machineconfiguration.openshift.io/v1',
  HostPathProvisioner: (v) => v === `${HPP_GROUP}/v1beta1` || v === `${HPP_GROUP}/v1alpha1`,
  StorageClass: (v) => v === 'storage.k8s.io/v1',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Parses an edited YAML of a planned object; the object when usable, with every problem found. */
export const checkEditedYaml = (
  kind: PlannedKind,
  text: string,
): { object?: Record<string, unknown>; problems: PlannedYamlProblem[] } => {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    return {
      problems: [
        { code: 'syntax', detail: error instanceof Error ? error.message : String(error) },
      ],
    };
  }
  if (!isRecord(parsed)) return { problems: [{ code: 'not-object' }] };
  const problems: PlannedYamlProblem[] = [];
  if (parsed.kind !== kind)
    problems.push({
      code: 'kind',
      expected: kind,
      actual: typeof parsed.kind === 'string' ? parsed.kind : '',
    });
  const apiVersion = typeof parsed.apiVersion === 'string' ? parsed.apiVersion : '';
  if (!API_VERSIONS[kind](apiVersion))
    problems.push({ code: 'api-version', expected: kind, actual: apiVersion });
  const metadata = isRecord(parsed.metadata) ? parsed.metadata : {};
  const nameError = objectNameError(typeof metadata.name === 'string' ? metadata.name : '');
  if (nameError) problems.push({ code: 'name', detail: nameError });
  if (metadata.namespace !== undefined) problems.push({ code: 'namespaced' });
  if (kind === 'HostPathProvisioner') {
    const spec = isRecord(parsed.spec) ? parsed.spec : {};
    const pools = Array.isArray(spec.storagePools) ? spec.storagePools : [];
    const hasPath = isRecord(spec.pathConfig);
    if (hasPath === pools.length > 0) problems.push({ code: 'hpp-spec' });
  }
  if (kind === 'StorageClass' && typeof parsed.provisioner !== 'string')
    problems.push({ code: 'provisioner' });
  if (kind === 'MachineConfig') {
    const units = (parsed.spec as { config?: { systemd?: { units?: unknown } } } | undefined)
      ?.config?.systemd?.units;
    if (!Array.isArray(units) || units.length === 0) problems.push({ code: 'mc-units' });
  }
  return problems.length > 0 ? { problems } : { object: parsed, problems };
};

/** One problem of a plan that stops the apply before anything is written. */
export interface PlanProblem {
  key: string;
  field: 'metadata.name';
  detail: string;
}

/**
 * Checks every object of a plan before the first is applied: each name must be a DNS-1123 subdomain of at most
 * 253 characters (the API server's rule for MachineConfigs, HostPathProvisioners and StorageClasses,
 * kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
 * `IsDNS1123Subdomain`), so a name the API would refuse stops the plan before the MachineConfig is written.
 */
export const planProblems = (
  objects: readonly { key: string; object: Record<string, unknown> }[],
): PlanProblem[] =>
  objects.flatMap((o) => {
    const metadata = isRecord(o.object.metadata) ? o.object.metadata : {};
    const detail = objectNameError(typeof metadata.name === 'string' ? metadata.name : '');
    return detail ? [{ key: o.key, field: 'metadata.name' as const, detail }] : [];
  });

const asHpp = (o: Record<string, unknown>): HppObject => {
  const metadata = isRecord(o.metadata) ? o.metadata : {};
  return {
    ...o,
    apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
    kind: 'HostPathProvisioner',
    metadata: { ...metadata, name: typeof metadata.name === 'string' ? metadata.name : '' },
    spec: isRecord(o.spec) ? o.spec : {},
  };
};

/** What the apply writes over `existing` (see apply-objects.ts), for the review's diff. */
export const writtenObject = (
  kind: PlannedKind,
  desired: Record<string, unknown>,
  existing: Record<string, unknown>,
): Record<string, unknown> => {
  const existingMeta = isRecord(existing.metadata) ? existing.metadata : {};
  const desiredMeta = isRecord(desired.metadata) ? desired.metadata : {};
  if (kind === 'HostPathProvisioner') return mergeHppSpec(asHpp(existing), asHpp(desired));
  if (kind === 'StorageClass') {
    const annotations = {
      ...(isRecord(existingMeta.annotations) ? existingMeta.annotations : {}),
      ...(isRecord(desiredMeta.annotations) ? desiredMeta.annotations : {}),
    };
    return {
      ...desired,
      metadata: {
        ...desiredMeta,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      },
    };
  }
  return {
    ...existing,
    metadata: { ...existingMeta, labels: desiredMeta.labels },
    spec: desired.spec,
  };
};

/** The review's change of one planned object against what exists. */
export const plannedChange = (
  o: { kind: PlannedKind; object: Record<string, unknown> },
  existing: Record<string, unknown> | undefined,
): ObjectChange =>
  describeChange(existing, existing ? writtenObject(o.kind, o.object, existing) : o.object, toYaml);
