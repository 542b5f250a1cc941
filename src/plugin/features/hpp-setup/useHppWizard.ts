// The wizard's state: the preflight (re-runnable), the values (from an existing CR when there is one), the
// SELinux choices, the YAML edits, and the derived plan of objects.
import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  buildStorageClass,
  defaultHppValues,
  isHppProvisioner,
  modesFor,
  needsSelinuxLabel,
  storageClassDifferences,
  suggestClassName,
  valuesFromHpp,
} from '../../../lib/hpp-manifests';
import type { ClassDifference, HppObject, HppValues } from '../../../lib/hpp-manifests';
import { validateBackingPath, validatePoolName } from '../../../lib/host-paths';
import { orphanedClasses } from '../../../lib/hpp-orphans';
import type { OrphanedClass } from '../../../lib/hpp-orphans';
import type { HppSpecLike } from '../../../lib/hpp-manifests';
import type { ObjectChange } from '../../../lib/hpp-review-diff';
import { objectNameError } from '../../../lib/k8s-names';
import { classifyNodes, selinuxPlan } from './node-targets';
import {
  checkEditedYaml,
  planObjects,
  planProblems,
  plannedChange,
  toYaml,
} from './planned-objects';
import type { PlannedObject, PlanProblem, PlannedYamlProblem } from './planned-objects';
import { runPreflight } from './preflight';

export interface EditedObject extends PlannedObject {
  yaml: string;
  edited: boolean;
  problems: PlannedYamlProblem[];
  /** How it differs from what exists (the review's diff). */
  change: ObjectChange;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const nameOf = (o: { metadata?: { name?: string } }): string => o.metadata?.name ?? '';

export const useHppWizard = () => {
  const [smokeNamespace, setSmokeNamespace] = useState('default');
  const preflight = useQuery({
    queryKey: ['hpp-setup', 'preflight', smokeNamespace],
    queryFn: () => runPreflight(smokeNamespace),
    staleTime: 0,
  });
  const result = preflight.data;
  const [editedValues, setValues] = useState<HppValues | undefined>(undefined);
  const [selinuxEnabled, setSelinuxEnabled] = useState(true);
  const [manualDone, setManualDone] = useState<Partial<Record<string, boolean>>>({});
  const [edits, setEdits] = useState<Partial<Record<string, string>>>({});
  const [selectorInvalid, setSelectorInvalid] = useState(false);

  // Initial values once the preflight has said which version is served and whether a CR exists.
  const existing = result?.existing.data;
  const initialValues = useMemo(() => {
    if (!result?.version) return undefined;
    const base = defaultHppValues(result.version);
    return existing ? valuesFromHpp(existing as HppObject, base) : base;
  }, [result, existing]);
  const values = editedValues ?? initialValues;

  const update = useCallback(
    (patch: Partial<HppValues>) => {
      setValues((v) => {
        const current = v ?? initialValues;
        return current ? { ...current, ...patch } : current;
      });
    },
    [initialValues],
  );

  const targets = useMemo(
    () =>
      result && values
        ? classifyNodes(result.nodes.data, result.pools.data, values.nodeSelector)
        : [],
    [result, values],
  );
  const plan = useMemo(() => selinuxPlan(targets, result?.mcServed ?? false), [targets, result]);
  const rhcosTargeted = targets.some((n) => n.targeted && n.rhcos);
  const pathProblems = values ? validateBackingPath(values.path, { rhcosTargeted }) : [];
  const poolProblems = values && values.mode === 'csi' ? validatePoolName(values.poolName) : [];
  const modes = values
    ? modesFor(values.version, {
        v1alpha1Served: result?.hppVersions.includes('v1alpha1') ?? false,
        ...(existing && initialValues ? { current: initialValues.mode } : {}),
      })
    : [];

  const hppClasses = (result?.storageClasses.data ?? []).filter((sc) =>
    isHppProvisioner(sc.provisioner),
  );
  const classNames = (result?.storageClasses.data ?? []).map((sc) => sc.metadata?.name ?? '');
  const sameNameClass = values
    ? result?.storageClasses.data.find((sc) => sc.metadata?.name === values.className.trim())
    : undefined;
  const classDifferences: ClassDifference[] =
    values && sameNameClass
      ? storageClassDifferences(sameNameClass, buildStorageClass(values))
      : [];
  const suggestedClassName = values
    ? suggestClassName(values.className.trim(), values.mode, classNames)
    : '';
  // A StorageClass name is a DNS-1123 subdomain of at most 253 characters (kubernetes/kubernetes
  // pkg/apis/storage/validation/validation.go `ValidateStorageClass` → `ValidateObjectMeta` with
  // `NameIsDNSSubdomain`); checked here, before anything is applied.
  const classNameError = values ? objectNameError(values.className.trim()) : undefined;
  const classNameValid = Boolean(values) && classNameError === undefined;

  const selinuxRequired = values ? needsSelinuxLabel(values.mode) : true;
  const labelling = selinuxEnabled || selinuxRequired;
  const manualPending = labelling ? plan.manualNodes.filter((n) => !manualDone[n]) : [];

  const generated: PlannedObject[] = useMemo(
    () =>
      values && result
        ? planObjects(values, {
            selinuxPools: labelling ? plan.pools.map((p) => p.pool) : [],
            pools: result.pools.data,
            machineConfigs: result.machineConfigs.data,
          })
        : [],
    [values, result, labelling, plan],
  );
  const existingOf = (o: PlannedObject): Record<string, unknown> | undefined => {
    const name = isRecord(o.object.metadata) ? o.object.metadata.name : undefined;
    const pool: readonly { metadata?: { name?: string } }[] =
      o.kind === 'MachineConfig'
        ? (result?.machineConfigs.data ?? [])
        : o.kind === 'StorageClass'
          ? (result?.storageClasses.data ?? [])
          : existing
            ? [existing]
            : [];
    const found = pool.find((x) => nameOf(x) === name);
    return found ? { ...found } : undefined;
  };
  const objects: EditedObject[] = generated.map((o) => {
    const yaml = edits[o.key];
    const base =
      yaml === undefined
        ? { ...o, yaml: toYaml(o.object), edited: false, problems: [] }
        : (() => {
            const checked = checkEditedYaml(o.kind, yaml);
            return {
              ...o,
              object: checked.object ?? o.object,
              yaml,
              edited: true,
              problems: checked.problems,
            };
          })();
    return { ...base, change: plannedChange(base, existingOf(base)) };
  });
  const problemsOfPlan: PlanProblem[] = planProblems(objects);

  // The classes this change would leave without a provisioner, with the claims using them.
  const plannedCr = objects.find((o) => o.kind === 'HostPathProvisioner');
  const plannedSpec: HppSpecLike | undefined =
    plannedCr && isRecord(plannedCr.object.spec) ? plannedCr.object.spec : undefined;
  const existingSpec: HppSpecLike | undefined =
    existing && isRecord(existing.spec) ? existing.spec : undefined;
  const orphans: OrphanedClass[] = plannedSpec
    ? orphanedClasses(
        existingSpec,
        // The apply replaces pathConfig and storagePools with the planned ones (mergeHppSpec).
        plannedSpec,
        result?.storageClasses.data ?? [],
        result?.claims.data ?? [],
      )
    : [];
  const claimsUnknown = Boolean(result?.claims.error);

  return {
    preflight,
    result,
    values,
    update,
    smokeNamespace,
    setSmokeNamespace,
    targets,
    plan,
    pathProblems,
    poolProblems,
    modes,
    hppClasses,
    sameNameClass,
    classDifferences,
    suggestedClassName,
    classNameValid,
    classNameError,
    selectorInvalid,
    setSelectorInvalid,
    problemsOfPlan,
    orphans,
    claimsUnknown,
    selinuxRequired,
    selinuxEnabled,
    setSelinuxEnabled,
    labelling,
    manualDone,
    setManualDone,
    manualPending,
    objects,
    setEdit: (key: string, yaml: string | undefined) => {
      setEdits((e) => ({ ...e, [key]: yaml }));
    },
  };
};

export type HppWizard = ReturnType<typeof useHppWizard>;
