// Pure getters for Node objects.
import type { NodeKind } from '../types';
import { conditionStatusOf } from './api-enums';
import type { ConditionStatus } from './api-enums';
import { findCondition } from './conditions';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** Roles from `node-role.kubernetes.io/<role>` labels (and the legacy `kubernetes.io/role`), sorted, unique. */
export const getNodeRoles = (node: NodeKind): string[] => {
  const labels = node.metadata?.labels ?? {};
  const roles = new Set<string>();
  for (const key of Object.keys(labels)) {
    if (key.startsWith(ROLE_PREFIX) && key.length > ROLE_PREFIX.length) {
      roles.add(key.slice(ROLE_PREFIX.length));
    }
  }
  const legacy = labels['kubernetes.io/role'];
  if (legacy) roles.add(legacy);
  return [...roles].sort();
};

export const getNodeOSImage = (node: NodeKind): string => node.status?.nodeInfo?.osImage ?? '';

/** Red Hat Enterprise Linux CoreOS (the OS that needs a MachineConfig for SELinux labels). */
export const isRHCOS = (node: NodeKind): boolean => {
  const image = getNodeOSImage(node);
  return /Red Hat Enterprise Linux CoreOS|\bRHCOS\b/i.test(image);
};

export type ReadyState = ConditionStatus;

/** The Ready condition's status; `Unknown` when the node reports none. */
export const getNodeReady = (node: NodeKind): ReadyState =>
  conditionStatusOf(findCondition(node.status?.conditions, 'Ready')?.status) ?? 'Unknown';

/** The node's `kubernetes.io/hostname` label (what PV node affinity names), else its name. */
export const getNodeHostname = (node: NodeKind): string =>
  node.metadata?.labels?.[HOSTNAME_LABEL] ?? node.metadata?.name ?? '';
