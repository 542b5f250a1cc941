import { describe, expect, it } from 'vitest';
import type { NodeKind, PersistentVolumeKind } from '../types';
import {
  getPVAffinityHostnames,
  getPVCapacity,
  getPVClaim,
  getPVLocalPath,
  getPVNodeName,
  getPVPhase,
  getPVVolumeMode,
  groupPVsByNode,
  hostnameIndex,
} from './persistent-volume';

const pinned = (name: string, ...hosts: string[]): PersistentVolumeKind => ({
  metadata: { name },
  spec: {
    capacity: { storage: '10Gi' },
    local: { path: `/mnt/local/${name}` },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: hosts }] },
        ],
      },
    },
  },
});

const nodeNamed = (name: string, hostname = name): NodeKind => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': hostname } },
});

describe('PV node', () => {
  it.each<[string, PersistentVolumeKind, string | undefined]>([
    ['local PV pinned to one host', pinned('a', 'worker-0'), 'worker-0'],
    ['PV allowed on two hosts', pinned('b', 'worker-0', 'worker-1'), undefined],
    [
      'network PV',
      { metadata: { name: 'nfs' }, spec: { capacity: { storage: '1Gi' } } },
      undefined,
    ],
    [
      'hostPath PV provisioned by the legacy HostPathProvisioner',
      {
        metadata: { name: 'pvc-1', annotations: { 'kubevirt.io/provisionOnNode': 'worker-2' } },
        spec: { hostPath: { path: '/var/hpvolumes/pvc-1' } },
      },
      'worker-2',
    ],
    [
      'HostPathProvisioner CSI PV (its own topology key)',
      {
        metadata: { name: 'pvc-7f3a' },
        spec: {
          csi: { driver: 'kubevirt.io.hostpath-provisioner', volumeHandle: 'pvc-7f3a' },
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'topology.hostpath.csi/node', operator: 'In', values: ['worker-1'] },
                  ],
                },
              ],
            },
          },
        },
      },
      'worker-1',
    ],
    [
      'zone topology is not a node',
      {
        metadata: { name: 'zonal' },
        spec: {
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a'] },
                  ],
                },
              ],
            },
          },
        },
      },
      undefined,
    ],
    [
      'affinity by node name field',
      {
        metadata: { name: 'f' },
        spec: {
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-3'] }] },
              ],
            },
          },
        },
      },
      'worker-3',
    ],
    [
      'NotIn is not a pin',
      {
        metadata: { name: 'n' },
        spec: {
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['worker-0'] },
                  ],
                },
              ],
            },
          },
        },
      },
      undefined,
    ],
    [
      'same host in two terms',
      {
        metadata: { name: 't' },
        spec: {
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-0'] },
                  ],
                },
                {
                  matchExpressions: [
                    { key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-0'] },
                  ],
                },
              ],
            },
          },
        },
      },
      'worker-0',
    ],
  ])('%s', (_, pv, node) => {
    expect(getPVNodeName(pv)).toBe(node);
  });

  it('maps hostname label values to node names', () => {
    const index = hostnameIndex([nodeNamed('worker-0', 'w0.example.com')]);
    expect(getPVNodeName(pinned('a', 'w0.example.com'), index)).toBe('worker-0');
    expect(getPVAffinityHostnames(pinned('a', 'w0.example.com'))).toEqual(['w0.example.com']);
  });
});

describe('PV fields', () => {
  it('reads path, capacity, mode, phase and claim', () => {
    const pv: PersistentVolumeKind = {
      metadata: { name: 'local-block' },
      spec: {
        capacity: { storage: '5Gi' },
        volumeMode: 'Block',
        local: { path: '/dev/loop0' },
        claimRef: { namespace: 'vms', name: 'disk-1' },
      },
      status: { phase: 'Bound' },
    };
    expect(getPVLocalPath(pv)).toBe('/dev/loop0');
    expect(getPVCapacity(pv)).toBe('5Gi');
    expect(getPVVolumeMode(pv)).toBe('Block');
    expect(getPVPhase(pv)).toBe('Bound');
    expect(getPVClaim(pv)).toEqual({ namespace: 'vms', name: 'disk-1' });
  });
  it('applies defaults', () => {
    const pv: PersistentVolumeKind = {
      metadata: { name: 'x' },
      spec: { hostPath: { path: '/data' } },
    };
    expect(getPVLocalPath(pv)).toBe('/data');
    expect(getPVVolumeMode(pv)).toBe('Filesystem');
    expect(getPVPhase(pv)).toBe('Pending');
    expect(getPVClaim(pv)).toBeUndefined();
    expect(getPVCapacity(pv)).toBeUndefined();
  });
});

describe('groupPVsByNode', () => {
  it('groups by node in name order, keeps empty nodes, puts unpinned PVs last', () => {
    const groups = groupPVsByNode(
      [
        pinned('z', 'worker-1'),
        pinned('b', 'w0.example.com'),
        { metadata: { name: 'nfs' } },
        pinned('a', 'w0.example.com'),
        pinned('orphan', 'gone-node'),
      ],
      [nodeNamed('worker-1'), nodeNamed('worker-0', 'w0.example.com'), nodeNamed('worker-2')],
    );
    expect(groups.map((g) => [g.node, g.pvs.map((pv) => pv.metadata?.name)])).toEqual([
      ['gone-node', ['orphan']],
      ['worker-0', ['a', 'b']],
      ['worker-1', ['z']],
      ['worker-2', []],
      [undefined, ['nfs']],
    ]);
  });

  it('orders numbers in names numerically', () => {
    const [group] = groupPVsByNode([
      pinned('pv-10', 'n'),
      pinned('pv-2', 'n'),
      pinned('pv-1', 'n'),
    ]);
    expect(group.pvs.map((pv) => pv.metadata?.name)).toEqual(['pv-1', 'pv-2', 'pv-10']);
    const nodes = groupPVsByNode([], [nodeNamed('worker-10'), nodeNamed('worker-9')]).map(
      (g) => g.node,
    );
    expect(nodes).toEqual(['worker-9', 'worker-10']);
  });

  it('handles 5,000 PVs in one pass', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => nodeNamed(`worker-${i}`));
    const pvs = Array.from({ length: 5000 }, (_, i) =>
      pinned(`pv-${String(i).padStart(4, '0')}`, `worker-${i % 10}`),
    );
    const groups = groupPVsByNode(pvs, nodes);
    expect(groups).toHaveLength(10);
    expect(groups.every((g) => g.pvs.length === 500)).toBe(true);
    expect(groups[3]?.pvs[0]?.metadata?.name).toBe('pv-0003');
  });
});
