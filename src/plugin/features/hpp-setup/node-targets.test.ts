import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../../k8s/types';
import type { MachineConfigPoolKind } from '../../k8s/types/hpp-setup';
import { nodeInfo } from '../../testing/kind-fixtures';
import { classifyNodes, selinuxPlan } from './node-targets';

const node = (
  name: string,
  os: string,
  labels: Record<string, string>,
  master = false,
): NodeKind => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  spec: master ? { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] } : {},
  status: { nodeInfo: nodeInfo({ osImage: os }) },
});
const RHCOS = 'Red Hat Enterprise Linux CoreOS 418.94';
const RHEL = 'Red Hat Enterprise Linux 8.10 (Ootpa)';
const pool = (name: string, label: string): MachineConfigPoolKind => ({
  metadata: { name },
  spec: { nodeSelector: { matchLabels: { [label]: '' } } },
});
const pools = [
  pool('worker', 'node-role.kubernetes.io/worker'),
  pool('master', 'node-role.kubernetes.io/master'),
  pool('infra', 'node-role.kubernetes.io/infra'),
];
const nodes = [
  node('master-0', RHCOS, { 'node-role.kubernetes.io/master': '' }, true),
  node('worker-0', RHCOS, { 'node-role.kubernetes.io/worker': '', os: 'rhcos' }),
  node('infra-0', RHCOS, {
    'node-role.kubernetes.io/worker': '',
    'node-role.kubernetes.io/infra': '',
    os: 'rhcos',
  }),
  node('worker-2', RHEL, { 'node-role.kubernetes.io/worker': '', os: 'rhel' }),
];

describe('node targets and the SELinux plan', () => {
  it('targets schedulable nodes; RHCOS nodes get their (custom first) pool', () => {
    const targets = classifyNodes(nodes, pools, {});
    expect(targets.map((n) => [n.name, n.rhcos, n.pool, n.targeted])).toEqual([
      ['infra-0', true, 'infra', true],
      ['master-0', true, 'master', false],
      ['worker-0', true, 'worker', true],
      ['worker-2', false, undefined, true],
    ]);
    expect(selinuxPlan(targets, true)).toEqual({
      pools: [
        { pool: 'infra', nodes: ['infra-0'] },
        { pool: 'worker', nodes: ['worker-0'] },
      ],
      manualNodes: ['worker-2'],
    });
  });

  it('a node selector narrows the targets (RHCOS only: no manual command)', () => {
    const targets = classifyNodes(nodes, pools, { os: 'rhcos' });
    expect(targets.find((n) => n.name === 'worker-2')?.reasonNotTargeted).toBe('selector');
    expect(selinuxPlan(targets, true).manualNodes).toEqual([]);
  });

  it('without the MachineConfig API every node needs the manual command', () => {
    expect(selinuxPlan(classifyNodes(nodes, pools, {}), false)).toEqual({
      pools: [],
      manualNodes: ['infra-0', 'worker-0', 'worker-2'],
    });
  });
});
