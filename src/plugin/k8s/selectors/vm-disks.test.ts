import { describe, expect, it } from 'vitest';
import { vmTemplate } from '../../testing/kind-fixtures';
import type { VirtualMachineKind } from '../types';
import { DEFAULT_FILESYSTEM_OVERHEAD, filesystemOverheadFor } from './filesystem-overhead';
import {
  claimUsersIndex,
  claimVolumes,
  isVMStopped,
  owningDataVolume,
  vmWantsToRun,
  vmsUsingClaim,
} from './vm-disks';

const vm = (
  name: string,
  claims: string[],
  spec: Omit<NonNullable<VirtualMachineKind['spec']>, 'template'> = {},
): VirtualMachineKind => ({
  metadata: { name, namespace: 'ns' },
  spec: {
    ...spec,
    template: vmTemplate([
      ...claims.map((c, i) =>
        i % 2 === 0
          ? { name: `d${String(i)}`, dataVolume: { name: c } }
          : { name: `d${String(i)}`, persistentVolumeClaim: { claimName: c } },
      ),
      { name: 'cloudinit' },
    ]),
  },
});

describe('vm-disks selectors', () => {
  it('finds the VMs of a claim, in its namespace only', () => {
    const vms = [
      vm('a', ['disk', 'data']),
      vm('b', ['data']),
      { ...vm('c', ['disk']), metadata: { name: 'c', namespace: 'other' } },
    ];
    expect(vmsUsingClaim(vms, 'ns', 'data')).toEqual(['ns/a', 'ns/b']);
    expect(vmsUsingClaim(vms, 'ns', 'disk')).toEqual(['ns/a']);
    expect(claimUsersIndex(vms).get('other/disk')).toEqual(['c']);
    expect(claimVolumes(vms[0]).map((v) => v.claim)).toEqual(['disk', 'data']);
  });

  it('tells stopped from running, starting and stopping', () => {
    const stopped = vm('s', [], { running: false });
    expect(isVMStopped(stopped, undefined)).toBe(true);
    expect(isVMStopped(stopped, { metadata: { name: 's' } })).toBe(false);
    expect(isVMStopped(vm('r', [], { running: true }), undefined)).toBe(false);
    expect(vmWantsToRun(vm('h', [], { runStrategy: 'Halted', running: true }))).toBe(false);
    expect(vmWantsToRun(vm('h', [], { runStrategy: 'RerunOnFailure' }))).toBe(true);
  });

  it('names the DataVolume that owns a claim', () => {
    expect(
      owningDataVolume({
        metadata: {
          ownerReferences: [
            { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', name: 'dv', uid: '1' },
          ],
        },
      }),
    ).toBe('dv');
    expect(owningDataVolume({ metadata: {} })).toBeUndefined();
  });

  it('reads the filesystem overhead per class from CDIConfig status', () => {
    const config = {
      status: { filesystemOverhead: { global: '0.08', storageClass: { local: '0.1' } } },
    };
    expect(filesystemOverheadFor(config, 'local')).toBe(0.1);
    expect(filesystemOverheadFor(config, 'other')).toBe(0.08);
    expect(filesystemOverheadFor(undefined, 'local')).toBe(DEFAULT_FILESYSTEM_OVERHEAD);
    expect(
      filesystemOverheadFor({ status: { filesystemOverhead: { global: 'x' } } }, undefined),
    ).toBe(DEFAULT_FILESYSTEM_OVERHEAD);
  });
});
