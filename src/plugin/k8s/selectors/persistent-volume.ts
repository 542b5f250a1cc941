// Pure getters for PersistentVolume objects, and the grouping of PVs by node.
import type { NodeKind, PersistentVolumeKind } from '../types';
import { volumeModeOf } from './api-enums';
import { HOSTNAME_LABEL, getNodeHostname } from './node';

/** Topology key of the HostPathProvisioner CSI driver; its values are node names. */
export const HPP_CSI_TOPOLOGY_KEY = 'topology.hostpath.csi/node';

/** Node-affinity keys whose values each designate one node. */
const NODE_KEYS = new Set([HOSTNAME_LABEL, HPP_CSI_TOPOLOGY_KEY]);

/**
 * The hosts a PV is pinned to by `In` node-affinity terms on `kubernetes.io/hostname` (local PVs, legacy
 * HostPathProvisioner), `topology.hostpath.csi/node` (HostPathProvisioner CSI) or the `metadata.name` field.
 */
export const getPVAffinityHostnames = (pv: PersistentVolumeKind): string[] => {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  const hostnames: string[] = [];
  for (const term of terms) {
    for (const expression of term.matchExpressions ?? []) {
      if (NODE_KEYS.has(expression.key) && expression.operator === 'In') {
        for (const value of expression.values ?? []) {
          if (!hostnames.includes(value)) hostnames.push(value);
        }
      }
    }
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In') {
        for (const value of field.values ?? []) {
          if (!hostnames.includes(value)) hostnames.push(value);
        }
      }
    }
  }
  return hostnames;
};

/** Annotation the legacy HostPathProvisioner puts on the PVs it provisions. */
export const HPP_NODE_ANNOTATION = 'kubevirt.io/provisionOnNode';

/**
 * The node a PV lives on: the single host of its node affinity (mapped from hostname label to node name when
 * `nodes` are given), else the HostPathProvisioner annotation. `undefined` for network storage or PVs that may
 * be used from several nodes.
 */
export const getPVNodeName = (
  pv: PersistentVolumeKind,
  hostnameToNode?: ReadonlyMap<string, string>,
): string | undefined => {
  const hostnames = getPVAffinityHostnames(pv);
  if (hostnames.length === 1) {
    const hostname = hostnames[0] ?? '';
    return hostnameToNode?.get(hostname) ?? hostname;
  }
  if (hostnames.length > 1) return undefined;
  const annotated = pv.metadata?.annotations?.[HPP_NODE_ANNOTATION];
  return annotated ? (hostnameToNode?.get(annotated) ?? annotated) : undefined;
};

/** The directory or device on the node: `spec.local.path` or `spec.hostPath.path`. */
export const getPVLocalPath = (pv: PersistentVolumeKind): string | undefined =>
  pv.spec?.local?.path ?? pv.spec?.hostPath?.path;

export const getPVCapacity = (pv: PersistentVolumeKind): string | undefined =>
  pv.spec?.capacity?.storage;

/** `Filesystem` unless the PV says `Block` (the API default). */
export const getPVVolumeMode = (pv: PersistentVolumeKind): 'Filesystem' | 'Block' =>
  volumeModeOf(pv.spec?.volumeMode) ?? 'Filesystem';

export const getPVPhase = (pv: PersistentVolumeKind): string => pv.status?.phase ?? 'Pending';

/** `namespace/name` of the bound (or reserved) claim. */
export const getPVClaim = (
  pv: PersistentVolumeKind,
): { namespace: string; name: string } | undefined => {
  const claim = pv.spec?.claimRef;
  if (!claim?.name) return undefined;
  return { namespace: claim.namespace ?? '', name: claim.name };
};

/** Maps `kubernetes.io/hostname` label values to node names. */
export const hostnameIndex = (nodes: readonly NodeKind[]): Map<string, string> => {
  const index = new Map<string, string>();
  for (const node of nodes) {
    const name = node.metadata?.name;
    if (name) index.set(getNodeHostname(node), name);
  }
  return index;
};

export interface NodePVGroup {
  /** The node name; `undefined` for PVs not pinned to one node. */
  node: string | undefined;
  pvs: PersistentVolumeKind[];
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Name order with numbers compared as numbers (`pv-2` before `pv-10`). */
const byName = (a: PersistentVolumeKind, b: PersistentVolumeKind): number =>
  collator.compare(a.metadata?.name ?? '', b.metadata?.name ?? '');

/**
 * Groups PVs by node (one pass, then a sort per group): nodes in name order, every known node present even with no
 * PV (so empty nodes are visible), PVs without a single node last.
 */
export const groupPVsByNode = (
  pvs: readonly PersistentVolumeKind[],
  nodes: readonly NodeKind[] = [],
): NodePVGroup[] => {
  const index = hostnameIndex(nodes);
  const groups = new Map<string, PersistentVolumeKind[]>();
  for (const node of nodes) {
    const name = node.metadata?.name;
    if (name) groups.set(name, []);
  }
  const unpinned: PersistentVolumeKind[] = [];
  for (const pv of pvs) {
    const node = getPVNodeName(pv, index);
    if (node === undefined) {
      unpinned.push(pv);
      continue;
    }
    const group = groups.get(node);
    if (group) group.push(pv);
    else groups.set(node, [pv]);
  }
  const result: NodePVGroup[] = [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([node, list]) => ({ node, pvs: list.sort(byName) }));
  if (unpinned.length > 0) result.push({ node: undefined, pvs: unpinned.sort(byName) });
  return result;
};
