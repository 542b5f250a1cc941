// Which nodes the HostPathProvisioner will run on, their OS and machine config pool, and how each gets the
// SELinux label: a MachineConfig per pool for RHCOS nodes, a manual `chcon` on every other node. Pure.
import { matchesSelector } from '../../../lib/machine-config';
import type { MachineConfigPoolKind } from '../../k8s/types/hpp-setup';
import type { NodeKind } from '../../k8s/types';
import { getNodeOSImage, getNodeRoles, isRHCOS } from '../../k8s/selectors/node';

export interface TargetNode {
  name: string;
  osImage: string;
  rhcos: boolean;
  roles: string[];
  /** The machine config pool managing the node (RHCOS only); custom pools win over `worker`/`master`. */
  pool?: string;
  /** Not tainted NoSchedule and matched by the workload node selector: the provisioner runs there. */
  targeted: boolean;
  reasonNotTargeted?: 'tainted' | 'selector';
}

const BUILT_IN_POOLS = ['worker', 'master'];

export const poolOfNode = (
  node: NodeKind,
  pools: readonly MachineConfigPoolKind[],
): string | undefined => {
  const matching = pools
    .filter((p) => matchesSelector(node.metadata?.labels, p.spec?.nodeSelector))
    .map((p) => p.metadata?.name ?? '')
    .filter(Boolean);
  return matching.find((p) => !BUILT_IN_POOLS.includes(p)) ?? matching[0];
};

export const classifyNodes = (
  nodes: readonly NodeKind[],
  pools: readonly MachineConfigPoolKind[],
  nodeSelector: Record<string, string>,
): TargetNode[] =>
  nodes
    .map((node): TargetNode => {
      const tainted = (node.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule');
      const selected = matchesSelector(node.metadata?.labels, { matchLabels: nodeSelector });
      const rhcos = isRHCOS(node);
      return {
        name: node.metadata?.name ?? '',
        osImage: getNodeOSImage(node),
        rhcos,
        roles: getNodeRoles(node),
        pool: rhcos ? poolOfNode(node, pools) : undefined,
        targeted: !tainted && selected,
        ...(tainted
          ? { reasonNotTargeted: 'tainted' as const }
          : !selected
            ? { reasonNotTargeted: 'selector' as const }
            : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

export interface SelinuxPlan {
  /** Pools that get a MachineConfig, with their targeted nodes. */
  pools: { pool: string; nodes: string[] }[];
  /** Targeted nodes that need the manual command (not RHCOS, or no pool manages them). */
  manualNodes: string[];
}

export const selinuxPlan = (targets: readonly TargetNode[], mcServed: boolean): SelinuxPlan => {
  const pools = new Map<string, string[]>();
  const manualNodes: string[] = [];
  for (const node of targets.filter((n) => n.targeted)) {
    if (mcServed && node.rhcos && node.pool) {
      pools.set(node.pool, [...(pools.get(node.pool) ?? []), node.name]);
    } else manualNodes.push(node.name);
  }
  return {
    pools: [...pools.entries()]
      .map(([pool, names]) => ({ pool, nodes: names }))
      .sort((a, b) => a.pool.localeCompare(b.pool)),
    manualNodes,
  };
};
