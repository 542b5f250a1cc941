import { describe, expect, it } from 'vitest';
import { vmTemplate } from '../../testing/kind-fixtures';
import type { VirtualMachineKind } from '../types';
import { getVMClaimNames, getVMNodeName, getVMStatus, vmiNodeIndex } from './virtual-machine';

describe('getVMStatus', () => {
  it.each<[VirtualMachineKind, string]>([
    [{ status: { printableStatus: 'Migrating' } }, 'Migrating'],
    [{ spec: { running: true, template: vmTemplate() }, status: { ready: true } }, 'Running'],
    [{ spec: { running: true, template: vmTemplate() } }, 'Starting'],
    [
      { spec: { runStrategy: 'Always', template: vmTemplate() }, status: { ready: true } },
      'Running',
    ],
    [{ spec: { running: false, template: vmTemplate() } }, 'Stopped'],
    [{ spec: { runStrategy: 'Halted', template: vmTemplate() } }, 'Stopped'],
    [{}, 'Stopped'],
  ])('%j → %s', (vm, status) => {
    expect(getVMStatus(vm)).toBe(status);
  });
});

describe('VM node and claims', () => {
  it('finds the node of the instance with the same namespace and name', () => {
    const index = vmiNodeIndex([
      { metadata: { namespace: 'vms', name: 'fedora' }, status: { nodeName: 'worker-1' } },
      { metadata: { namespace: 'other', name: 'fedora' }, status: { nodeName: 'worker-2' } },
      { metadata: { namespace: 'vms', name: 'starting' }, status: {} },
    ]);
    expect(getVMNodeName({ metadata: { namespace: 'vms', name: 'fedora' } }, index)).toBe(
      'worker-1',
    );
    expect(getVMNodeName({ metadata: { namespace: 'other', name: 'fedora' } }, index)).toBe(
      'worker-2',
    );
    expect(
      getVMNodeName({ metadata: { namespace: 'vms', name: 'starting' } }, index),
    ).toBeUndefined();
  });

  it('lists PVC and DataVolume volumes once', () => {
    const vm: VirtualMachineKind = {
      spec: {
        template: vmTemplate([
          { name: 'root', dataVolume: { name: 'fedora-root' } },
          { name: 'data', persistentVolumeClaim: { claimName: 'data-disk' } },
          { name: 'again', persistentVolumeClaim: { claimName: 'data-disk' } },
          { name: 'cloudinit' },
        ]),
      },
    };
    expect(getVMClaimNames(vm)).toEqual(['fedora-root', 'data-disk']);
  });
});
