import { describe, expect, it } from 'vitest';
import { nodeInfo } from '../../testing/kind-fixtures';
import type { NodeKind } from '../types';
import { getNodeHostname, getNodeOSImage, getNodeReady, getNodeRoles, isRHCOS } from './node';

const node = (labels: Record<string, string>, status: NodeKind['status'] = {}): NodeKind => ({
  metadata: { name: 'worker-0', labels },
  status,
});

describe('getNodeRoles', () => {
  it.each([
    [{}, []],
    [{ 'node-role.kubernetes.io/worker': '' }, ['worker']],
    [
      { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/master': '' },
      ['master', 'worker'],
    ],
    [
      { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' },
      ['control-plane', 'master'],
    ],
    [{ 'node-role.kubernetes.io/': '' }, []],
    [{ 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/worker': '' }, ['worker']],
    [{ 'example.com/role': 'x' }, []],
  ] as [Record<string, string>, string[]][])('%j → %j', (labels, roles) => {
    expect(getNodeRoles(node(labels))).toEqual(roles);
  });
});

describe('OS image', () => {
  it.each([
    ['Red Hat Enterprise Linux CoreOS 416.94.202406172220-0 (Plow)', true],
    ['Red Hat Enterprise Linux CoreOS 4.3 (Ootpa)', true],
    ['RHCOS 9.6', true],
    ['Red Hat Enterprise Linux 8.4 (Ootpa)', false],
    ['Fedora CoreOS 39', false],
    ['Ubuntu 22.04.4 LTS', false],
    ['', false],
  ])('%j is RHCOS: %s', (osImage, expected) => {
    const n = node({}, { nodeInfo: nodeInfo({ osImage }) });
    expect(isRHCOS(n)).toBe(expected);
    expect(getNodeOSImage(n)).toBe(osImage);
  });
  it('is empty without nodeInfo', () => {
    expect(getNodeOSImage(node({}))).toBe('');
  });
});

describe('getNodeReady', () => {
  it.each([
    [[{ type: 'Ready', status: 'True' }], 'True'],
    [
      [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: 'False' },
      ],
      'False',
    ],
    [[{ type: 'Ready', status: 'Unknown' }], 'Unknown'],
    [[{ type: 'DiskPressure', status: 'True' }], 'Unknown'],
    [undefined, 'Unknown'],
  ] as [NonNullable<NodeKind['status']>['conditions'], string][])(
    '%j → %s',
    (conditions, ready) => {
      expect(getNodeReady(node({}, { conditions }))).toBe(ready);
    },
  );
});

describe('getNodeHostname', () => {
  it('prefers the hostname label over the name', () => {
    expect(getNodeHostname(node({ 'kubernetes.io/hostname': 'w0.example.com' }))).toBe(
      'w0.example.com',
    );
    expect(getNodeHostname(node({}))).toBe('worker-0');
  });
});
