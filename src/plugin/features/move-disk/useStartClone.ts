// Starting the clone of move disk, as one mutation (useClusterWrite): resume a clone of the same VM volume made
// meanwhile (another tab) instead of a second one, else label the target PV uniquely and create the clone
// DataVolume whose claim selects that label, so the copy lands on the chosen node (seed 6.12.4; the selector is
// a PVC `spec.selector`, kubernetes/kubernetes pkg/controller/volume/persistentvolume/util/util.go FindMatchingVolume matches it).
import { k8sCreate, k8sListItems, k8sPatch } from '@openshift-console/dynamic-plugin-sdk';
import {
  CLONE_TARGET_LABEL,
  MOVE_SOURCE_NAMESPACE_LABEL,
  MOVE_SOURCE_VM_LABEL,
  MOVE_SOURCE_VOLUME_LABEL,
  cloneTargetLabelValue,
  labelPatch,
} from '../../../lib/clone-datavolume';
import type { CloneDataVolumeManifest } from '../../../lib/clone-datavolume';
import { DataVolumeModel, PersistentVolumeModel } from '../../k8s/models';
import type { PersistentVolumeKind } from '../../k8s/types';
import { useClusterWrite, type ClusterWriteState } from '../../k8s/hooks/useClusterWrite';

export interface StartCloneInput {
  name: string;
  targetNamespace: string;
  pv: PersistentVolumeKind;
  manifest: CloneDataVolumeManifest;
  move?: { namespace: string; vm: string; volume: string };
}

const randomSuffix = (): string => Math.random().toString(36).slice(2, 7);

/** Resolves to the clone's DataVolume name (an existing one when resumed). */
const startClone = async ({ name, targetNamespace, pv, manifest, move }: StartCloneInput) => {
  if (move) {
    const existing = await k8sListItems({
      model: DataVolumeModel,
      queryParams: {
        ns: targetNamespace,
        labelSelector: {
          matchLabels: {
            [MOVE_SOURCE_NAMESPACE_LABEL]: move.namespace,
            [MOVE_SOURCE_VM_LABEL]: move.vm,
            [MOVE_SOURCE_VOLUME_LABEL]: move.volume,
          },
        },
      },
    });
    const running = existing.find((d) => !d.metadata?.deletionTimestamp);
    if (running?.metadata?.name) return running.metadata.name;
  }
  const value = cloneTargetLabelValue(name, randomSuffix());
  await k8sPatch({
    model: PersistentVolumeModel,
    resource: pv,
    data: labelPatch(pv.metadata?.labels, CLONE_TARGET_LABEL, value),
  });
  await k8sCreate({
    model: DataVolumeModel,
    data: {
      ...manifest,
      spec: {
        ...manifest.spec,
        pvc: { ...manifest.spec.pvc, selector: { matchLabels: { [CLONE_TARGET_LABEL]: value } } },
      },
    },
  });
  return name;
};

export const useStartClone = (
  onStarted: (dv: string) => void,
): [(input: StartCloneInput) => Promise<boolean>, ClusterWriteState] =>
  useClusterWrite((input: StartCloneInput) => startClone(input).then(onStarted));
