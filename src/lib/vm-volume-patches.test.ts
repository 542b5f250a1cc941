import { describe, expect, it } from 'vitest';
import {
  attachDataVolumePatch,
  freeDiskName,
  rewireVolumePatch,
  runPatch,
} from './vm-volume-patches';
import type { VirtualMachineLike } from './vm-volume-patches';

const vm = (): VirtualMachineLike => ({
  metadata: { name: 'rhel8-vm', namespace: 'vm-images', resourceVersion: '42' },
  spec: {
    running: true,
    template: {
      spec: {
        domain: {
          devices: { disks: [{ name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1 }] },
        },
        volumes: [
          { name: 'rootdisk', dataVolume: { name: 'rhel8-vm-rootdisk' } },
          { name: 'cloudinitdisk', cloudInitNoCloud: { userData: 'x' } },
        ],
      },
    },
  },
});

describe('runPatch', () => {
  it('uses running, or runStrategy when the VM has one', () => {
    expect(runPatch(vm(), false)).toEqual([{ op: 'replace', path: '/spec/running', value: false }]);
    expect(runPatch({ spec: { runStrategy: 'Always' } }, false)).toEqual([
      { op: 'test', path: '/spec/runStrategy', value: 'Always' },
      { op: 'replace', path: '/spec/runStrategy', value: 'Halted' },
    ]);
    expect(runPatch({ spec: {} }, true)).toEqual([
      { op: 'add', path: '/spec/running', value: true },
    ]);
  });
});

describe('rewireVolumePatch', () => {
  it('replaces the volume source only, guarded by a test of the old volume', () => {
    expect(rewireVolumePatch(vm(), 'rootdisk', 'rhel8-vm-rootdisk-worker-1')).toEqual([
      {
        op: 'test',
        path: '/spec/template/spec/volumes/0',
        value: { name: 'rootdisk', dataVolume: { name: 'rhel8-vm-rootdisk' } },
      },
      {
        op: 'replace',
        path: '/spec/template/spec/volumes/0',
        value: { name: 'rootdisk', dataVolume: { name: 'rhel8-vm-rootdisk-worker-1' } },
      },
    ]);
    expect(() => rewireVolumePatch(vm(), 'nope', 'x')).toThrow(/no volume nope/);
  });
});

describe('attachDataVolumePatch', () => {
  it('appends a disk and a volume', () => {
    expect(attachDataVolumePatch(vm(), 'blank', 'blank-dv')).toEqual([
      { op: 'test', path: '/metadata/resourceVersion', value: '42' },
      {
        op: 'add',
        path: '/spec/template/spec/domain/devices/disks/-',
        value: { name: 'blank', disk: { bus: 'virtio' } },
      },
      {
        op: 'add',
        path: '/spec/template/spec/volumes/-',
        value: { name: 'blank', dataVolume: { name: 'blank-dv' } },
      },
    ]);
  });

  it('creates the lists when the VM has none', () => {
    const ops = attachDataVolumePatch({ spec: { template: { spec: { domain: {} } } } }, 'd', 'dv');
    expect(ops).toEqual([
      {
        op: 'add',
        path: '/spec/template/spec/domain/devices',
        value: { disks: [{ name: 'd', disk: { bus: 'virtio' } }] },
      },
      {
        op: 'add',
        path: '/spec/template/spec/volumes',
        value: [{ name: 'd', dataVolume: { name: 'dv' } }],
      },
    ]);
  });

  it('refuses a taken disk name and a DataVolume the VM already uses', () => {
    expect(() => attachDataVolumePatch(vm(), 'rootdisk', 'x')).toThrow(/already has a volume/);
    expect(() => attachDataVolumePatch(vm(), 'x', 'rhel8-vm-rootdisk')).toThrow(/already uses/);
  });

  it('finds a free disk name', () => {
    expect(freeDiskName(vm(), 'rootdisk')).toBe('rootdisk-1');
    expect(freeDiskName(vm(), 'blank')).toBe('blank');
  });
});
