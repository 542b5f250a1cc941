// The scratch space page's model: what the cluster says (CDIConfig status, the setting's owner, this cluster's
// classes and CDI version), what the user picked, and the save to the owner with its convergence afterwards.
// Pure facts; the page's cards put them into words.
import { useState } from 'react';
import { k8sPatch } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import {
  fallbackIfMissing,
  filesystemSupport,
  resolveScratchClass,
  scratchConvergence,
  scratchPatch,
  scratchSettingOwner,
  withCdiConfigValue,
} from '../../../lib/scratch-space';
import { CDIConfigModel, CDIModel, HyperConvergedModel } from '../../k8s/models';
import { messageOf } from '../../k8s/load-error';
import {
  useCdiConfig,
  useCdis,
  useHyperConvergedModel,
  useHyperConvergeds,
  useStorageProfiles,
} from '../../k8s/hooks/useCdiSettings';
import { useStorageClasses } from '../../k8s/hooks/useStorageClasses';
import type { K8sResourceCommon } from '../../k8s/types';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';
import { useDirectEditReverts } from './useDirectEditReverts';
import { unreadableFacts } from './unreadable-facts';

const MODEL_OF: Record<string, K8sModel> = {
  HyperConverged: HyperConvergedModel,
  CDI: CDIModel,
  CDIConfig: CDIConfigModel,
};

export const useScratchSpace = () => {
  const [hcos, hcosLoaded, hcosError] = useHyperConvergeds();
  const { model: hcoModel } = useHyperConvergedModel();
  const modelOf = (kind: string): K8sModel =>
    kind === 'HyperConverged' && hcoModel ? hcoModel : (MODEL_OF[kind] ?? CDIConfigModel);
  const [cdis, cdisLoaded, cdisError] = useCdis();
  const [cdiConfig, configLoaded, configError] = useCdiConfig();
  const [classes, classesLoaded, classesError] = useStorageClasses();
  const [profiles] = useStorageProfiles();
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const [wanted, setWanted] = useState<{ value: string | undefined } | undefined>(undefined);

  const loaded =
    (hcosLoaded || Boolean(hcosError)) &&
    (cdisLoaded || Boolean(cdisError)) &&
    (configLoaded || Boolean(configError)) &&
    (classesLoaded || Boolean(classesError));
  const hco = hcos.find((h) => !h.metadata?.deletionTimestamp);
  const cdi = cdis.at(0);
  const owner = withCdiConfigValue(scratchSettingOwner({ hyperConverged: hco, cdi }), cdiConfig);
  const unknown = unreadableFacts({
    hyperConvergedFound: hco !== undefined,
    hyperConvergedsError: hcosError,
    cdiFound: cdi !== undefined,
    cdisError,
    cdiConfigError: configError,
  });
  const ownerObject: K8sResourceCommon | undefined = unknown.owner
    ? undefined
    : owner.kind === 'HyperConverged'
      ? hco
      : owner.kind === 'CDI'
        ? cdi
        : cdiConfig;
  const [denied, accessLoaded] = useAccessNeeds(
    ownerObject
      ? [
          needOf('patch', modelOf(owner.kind), {
            ...(owner.namespace ? { namespace: owner.namespace } : {}),
            name: owner.name,
          }),
        ]
      : [],
  );
  const cdiVersion = cdi?.status?.observedVersion ?? cdi?.status?.operatorVersion;
  const effective = cdiConfig?.status?.scratchSpaceStorageClass || undefined;
  const edits = useDirectEditReverts({
    active: owner.kind !== 'CDIConfig',
    loaded: loaded && cdiConfig !== undefined,
    spec: cdiConfig?.spec,
    generation: cdiConfig?.metadata?.generation,
    ownerValue: cdi?.spec?.config?.scratchSpaceStorageClass || undefined,
  });

  const selected = choice ?? owner.value ?? '';
  const selectedClass = classes.find((sc) => sc.metadata?.name === selected);
  const resolution = resolveScratchClass({
    configured: owner.value,
    storageClasses: classes,
    cdiVersion,
  });
  const support = selectedClass
    ? filesystemSupport(
        selectedClass,
        profiles.find((p) => p.metadata?.name === selected),
      )
    : undefined;
  const fallback = selected
    ? fallbackIfMissing({ storageClass: selected, storageClasses: classes, cdiVersion })
    : undefined;
  const convergence = wanted
    ? scratchConvergence({
        owner,
        wanted: wanted.value,
        cdi,
        cdiConfig,
        storageClasses: classes,
        cdiVersion,
      })
    : [];
  const converged = convergence.length > 0 && convergence.every((s) => s.done);

  const save = async () => {
    if (!ownerObject) return;
    const value = selected || undefined;
    setSaving(true);
    setSaveError(undefined);
    try {
      const model = modelOf(owner.kind);
      const patch = scratchPatch(owner, ownerObject, value);
      if (patch.length > 0) await k8sPatch({ model, resource: ownerObject, data: patch });
      setWanted({ value });
      setChoice(undefined);
    } catch (error) {
      setSaveError(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return {
    loaded,
    configError,
    classesError,
    unknown,
    owner,
    ownerObject,
    ownerModel: modelOf(owner.kind),
    denied,
    accessLoaded,
    cdiVersion,
    effective,
    edits,
    classes,
    profiles,
    choice,
    setChoice,
    selected,
    selectedClass,
    resolution,
    support,
    fallback,
    saving,
    saveError,
    save,
    wanted,
    convergence,
    converged,
  };
};

export type ScratchSpace = ReturnType<typeof useScratchSpace>;
