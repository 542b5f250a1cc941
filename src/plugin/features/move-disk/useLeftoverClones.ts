// The wizard's clone DataVolumes that no VM reads, in every namespace the user may list: one label-selector watch
// over all namespaces when a cluster-wide SelfSubjectAccessReview allows listing DataVolumes and VirtualMachines,
// otherwise the wizard's namespace only (and the page says the others were not searched). The selector is the
// API's `key` (exists) form (kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/labels/selector.go).
import { useMemo } from 'react';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { WatchK8sResource } from '@openshift-console/dynamic-plugin-sdk';
import { MOVE_SOURCE_VM_LABEL, leftoverClones } from '../../../lib/clone-datavolume';
import { needOf } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';
import { DataVolumeModel, VirtualMachineModel, gvkOf } from '../../k8s/models';
import type { DataVolumeKind, VirtualMachineKind } from '../../k8s/types';

const CLUSTER_NEEDS = [needOf('list', DataVolumeModel), needOf('list', VirtualMachineModel)];

export interface LeftoverClones {
  clones: DataVolumeKind[];
  /** Searched every namespace; false: only `namespace` (the user may not list cluster-wide). */
  allNamespaces: boolean;
  namespace: string;
}

const NO_ITEMS: never[] = [];

/** `[leftovers, loaded, error]`; `shown` (the clone the wizard follows) is never a leftover. */
export const useLeftoverClones = (
  namespace: string,
  shown: { namespace: string; name: string } | undefined,
): [LeftoverClones, boolean, unknown] => {
  const [denied, accessLoaded] = useAccessNeeds(CLUSTER_NEEDS);
  const allNamespaces = accessLoaded && denied.length === 0;
  // Until the review answers nothing is watched; without cluster-wide rights and no namespace, nothing either.
  const scope = !accessLoaded ? null : allNamespaces ? '' : namespace || null;
  const dvResource = useMemo<WatchK8sResource | null>(
    () =>
      scope === null
        ? null
        : {
            groupVersionKind: gvkOf(DataVolumeModel),
            isList: true,
            ...(scope ? { namespace: scope } : {}),
            selector: { matchExpressions: [{ key: MOVE_SOURCE_VM_LABEL, operator: 'Exists' }] },
          },
    [scope],
  );
  const vmResource = useMemo<WatchK8sResource | null>(
    () =>
      scope === null
        ? null
        : {
            groupVersionKind: gvkOf(VirtualMachineModel),
            isList: true,
            ...(scope ? { namespace: scope } : {}),
          },
    [scope],
  );
  const dvWatch = useK8sWatchResource<DataVolumeKind[]>(dvResource);
  const vmWatch = useK8sWatchResource<VirtualMachineKind[]>(vmResource);
  const dvData = dvWatch[0];
  const vmData = vmWatch[0];
  const dvsLoaded = dvWatch[1];
  const vmsLoaded = vmWatch[1];
  const dvsError: unknown = dvWatch[2];
  const vmsError: unknown = vmWatch[2];
  const dvs = Array.isArray(dvData) ? dvData : NO_ITEMS;
  const vms = Array.isArray(vmData) ? vmData : NO_ITEMS;
  const clones = useMemo(
    () =>
      leftoverClones(dvs, vms).filter(
        (d) => !(d.metadata?.namespace === shown?.namespace && d.metadata?.name === shown?.name),
      ),
    [dvs, vms, shown?.namespace, shown?.name],
  );
  const error = dvsError ?? vmsError;
  return [
    { clones, allNamespaces, namespace },
    accessLoaded && (scope === null || (dvsLoaded && vmsLoaded)),
    error,
  ];
};
