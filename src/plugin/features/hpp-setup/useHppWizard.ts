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
import { classifyNodes, selinuxPlan } from './node-targets';
import { checkEditedYaml, planObjects, toYaml } from './planned-objects';
import type { PlannedObject, YamlProblem } from './planned-objects';
import { runPreflight } from './preflight';

export interface EditedObject extends PlannedObject {
  yaml: string;
  edited: boolean;
  problems: YamlProblem[];
}

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

  // Initial values once the preflight has said which version is served and whether a CR exists.
  const existing = result?.existing.data;
  const initialValues = useMemo(() => {
    if (!result?.version) return undefined;
    const base = defaultHppValues(result.version);
    return existing ? valuesFromHpp(existing as unknown as HppObject, base) : base;
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
  const classNameValid = Boolean(
    values && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(values.className.trim()),
  );

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
  const objects: EditedObject[] = generated.map((o) => {
    const yaml = edits[o.key];
    if (yaml === undefined) return { ...o, yaml: toYaml(o.object), edited: false, problems: [] };
    const checked = checkEditedYaml(o.kind, yaml);
    return {
      ...o,
      object: checked.object ?? o.object,
      yaml,
      edited: true,
      problems: checked.problems,
    };
  });

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
