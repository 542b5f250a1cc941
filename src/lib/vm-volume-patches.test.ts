import { describe, expect, it } from 'vitest';
import {
  attachDataVolumePatch,
  freeDiskName,
  rewireVolumePatch,
  runPatch,
  unreferencedTemplates,
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

// kubevirt/kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go validateRunStrategy: running and
// runStrategy are mutually exclusive, one of them is required, and spec.running is deprecated.
describe('runPatch', () => {
  it('keeps whichever field the VM uses and never sends both', () => {
    expect(runPatch(vm(), false)).toEqual([
      { op: 'test', path: '/spec/running', value: true },
      { op: 'replace', path: '/spec/running', value: false },
    ]);
    expect(runPatch({ spec: { runStrategy: 'Always' } }, false)).toEqual([
      { op: 'test', path: '/spec/runStrategy', value: 'Always' },
      { op: 'replace', path: '/spec/runStrategy', value: 'Halted' },
    ]);
    expect(runPatch({ spec: { runStrategy: 'Halted' } }, true)).toEqual([
      { op: 'test', path: '/spec/runStrategy', value: 'Halted' },
      { op: 'replace', path: '/spec/runStrategy', value: 'Always' },
    ]);
    for (const run of [true, false]) {
      for (const shape of [vm(), { spec: { runStrategy: 'Manual' } }, { spec: {} }]) {
        const paths = new Set(runPatch(shape, run).map((op) => op.path));
        expect(paths.size).toBe(1);
      }
    }
  });

  it('uses runStrategy for a VM with neither field', () => {
    expect(runPatch({ spec: {} }, true)).toEqual([
      { op: 'add', path: '/spec/runStrategy', value: 'Always' },
    ]);
    expect(runPatch({ spec: {} }, false)).toEqual([
      { op: 'add', path: '/spec/runStrategy', value: 'Halted' },
    ]);
  });
});

/** A VM as the console's VM wizard writes it: runStrategy and a dataVolumeTemplates entry per disk. */
const wizardVM = (): VirtualMachineLike => ({
  metadata: { name: 'fedora-vm', namespace: 'vm-images', resourceVersion: '7' },
  spec: {
    runStrategy: 'Halted',
    dataVolumeTemplates: [
      {
        metadata: { name: 'fedora-vm-rootdisk' },
        spec: { sourceRef: { kind: 'DataSource', name: 'fedora' }, storage: {} },
      },
      {
        metadata: { name: 'fedora-vm-data' },
        spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '1Gi' } } } },
      },
    ],
    template: {
      spec: {
        domain: { devices: { disks: [{ name: 'rootdisk' }, { name: 'data' }] } },
        volumes: [
          { name: 'rootdisk', dataVolume: { name: 'fedora-vm-rootdisk' } },
          { name: 'data', dataVolume: { name: 'fedora-vm-data' } },
        ],
      },
    },
  },
});

/** Applies the ops the way the API server does (only what these patches use). */
const apply = (doc: VirtualMachineLike, ops: ReturnType<typeof rewireVolumePatch>) => {
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  for (const op of ops) {
    const parts = op.path.split('/').slice(1);
    const last = parts.pop() ?? '';
    let node: unknown = copy;
    for (const part of parts) node = (node as Record<string, unknown>)[part];
    if (op.op === 'test') {
      expect((node as Record<string, unknown>)[last]).toEqual(op.value);
    } else if (op.op === 'replace') {
      (node as Record<string, unknown>)[last] = op.value;
    } else if (op.op === 'remove' && Array.isArray(node)) {
      node.splice(Number(last), 1);
    }
  }
  return copy as VirtualMachineLike;
};

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

  // kubevirt/kubevirt pkg/storage/admitters/data-volume-template.go ValidateDataVolumeTemplate: every
  // dataVolumeTemplates entry must be referenced by a volume (dataVolume.name or persistentVolumeClaim.claimName).
  it("removes the template entry the old volume came from, so the VM passes KubeVirt's rule", () => {
    const before = wizardVM();
    expect(unreferencedTemplates(before)).toEqual([]);
    const ops = rewireVolumePatch(before, 'data', 'fedora-vm-data-worker-1');
    expect(ops.slice(2)).toEqual([
      {
        op: 'test',
        path: '/spec/dataVolumeTemplates/1',
        value: before.spec?.dataVolumeTemplates?.[1],
      },
      { op: 'remove', path: '/spec/dataVolumeTemplates/1' },
    ]);
    const after = apply(before, ops);
    expect(unreferencedTemplates(after)).toEqual([]);
    expect(after.spec?.dataVolumeTemplates?.map((t) => t.metadata?.name)).toEqual([
      'fedora-vm-rootdisk',
    ]);
    expect(after.spec?.template?.spec?.volumes?.[1]).toEqual({
      name: 'data',
      dataVolume: { name: 'fedora-vm-data-worker-1' },
    });
    // Without the removal the VM would be refused.
    expect(unreferencedTemplates(apply(before, ops.slice(0, 2)))).toEqual(['fedora-vm-data']);
  });

  it('keeps a template entry another volume still reads', () => {
    const shared = wizardVM();
    shared.spec?.template?.spec?.volumes?.push({
      name: 'again',
      persistentVolumeClaim: { claimName: 'fedora-vm-rootdisk' },
    });
    const ops = rewireVolumePatch(shared, 'rootdisk', 'moved');
    expect(ops).toHaveLength(2);
    expect(unreferencedTemplates(apply(shared, ops))).toEqual([]);
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
