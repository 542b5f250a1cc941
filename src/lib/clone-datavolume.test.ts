import { describe, expect, it } from 'vitest';
import { objectNameError } from './k8s-names';
import {
  CLONE_TARGET_LABEL,
  buildCloneDataVolume,
  cloneRbacManifests,
  cloneTargetLabelValue,
  labelPatch,
  moveRefusals,
  needsCloneAuthorization,
  suggestCloneName,
  targetRefusals,
  usableSize,
} from './clone-datavolume';
import type { MoveSourceFacts, MoveTargetFacts } from './clone-datavolume';

const GiB = 1024 ** 3;
const source: MoveSourceFacts = {
  node: 'worker-0',
  usableBytes: usableSize(10 * GiB, 'Filesystem', 0.055),
  vmsUsing: ['vm-images/rhel8-vm'],
  vmRunning: false,
};
const target = (overrides: Partial<MoveTargetFacts> = {}): MoveTargetFacts => ({
  name: 'local-pv-5d7c2a10',
  node: 'worker-1',
  phase: 'Available',
  claim: undefined,
  usableBytes: usableSize(10 * GiB, 'Filesystem', 0.055),
  ...overrides,
});

describe('usableSize', () => {
  it('takes off the filesystem overhead, rounded down to a MiB; Block is whole', () => {
    expect(usableSize(10 * GiB, 'Block', 0.055)).toBe(10 * GiB);
    expect(usableSize(10 * GiB, 'Filesystem', 0.055)).toBe(9676 * 1024 * 1024);
    expect(usableSize(10 * GiB, 'Filesystem', 0)).toBe(10 * GiB);
  });
});

describe('move refusals', () => {
  it('accepts an Available PV as large as the source on another node', () => {
    expect(moveRefusals(source, target(), 'worker-1')).toEqual([]);
  });

  it('refuses a running VM and a disk shared by several VMs', () => {
    expect(
      moveRefusals(
        { ...source, vmRunning: true, vmsUsing: ['ns/a', 'ns/b'] },
        undefined,
        undefined,
      ),
    ).toEqual([{ kind: 'shared-disk', vms: ['ns/a', 'ns/b'] }, { kind: 'vm-running' }]);
  });

  it('refuses the node the disk is already on', () => {
    expect(moveRefusals(source, undefined, 'worker-0')).toEqual([
      { kind: 'same-node', node: 'worker-0' },
    ]);
    expect(targetRefusals(source, target({ node: 'worker-0' }))).toContainEqual({
      kind: 'same-node',
      node: 'worker-0',
    });
  });

  it('refuses a bound PV, a Released one and a smaller one, with the sizes compared', () => {
    expect(targetRefusals(source, target({ claim: 'ns/other', phase: 'Bound' }))).toEqual([
      { kind: 'target-bound', pv: 'local-pv-5d7c2a10', claim: 'ns/other' },
    ]);
    expect(targetRefusals(source, target({ phase: 'Released' }))).toEqual([
      { kind: 'target-unavailable', pv: 'local-pv-5d7c2a10', phase: 'Released' },
    ]);
    const small = usableSize(5 * GiB, 'Filesystem', 0.055);
    expect(targetRefusals(source, target({ usableBytes: small }))).toEqual([
      {
        kind: 'target-smaller',
        pv: 'local-pv-5d7c2a10',
        targetBytes: small,
        sourceBytes: source.usableBytes,
      },
    ]);
    // Same nominal size, but a Filesystem target loses the overhead a Block source does not have.
    expect(
      targetRefusals(
        { ...source, usableBytes: usableSize(10 * GiB, 'Block', 0.055) },
        target(),
      ).map((r) => r.kind),
    ).toEqual(['target-smaller']);
  });

  it('refuses a PV that is not pinned to a node', () => {
    expect(targetRefusals(source, target({ node: undefined })).map((r) => r.kind)).toEqual([
      'target-not-pinned',
    ]);
  });
});

describe('clone DataVolume', () => {
  it('selects the labelled PV, with its size, modes and class (seed 6.12.4.1 step 3)', () => {
    const dv = buildCloneDataVolume({
      name: 'rhel8-vm-rootdisk-worker-1',
      namespace: 'vm-images',
      source: { namespace: 'vm-images', name: 'rhel8-vm-rootdisk' },
      target: {
        name: 'local-pv-5d7c2a10',
        capacity: '10Gi',
        volumeMode: 'Filesystem',
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local',
      },
      label: { key: CLONE_TARGET_LABEL, value: 'abc-123' },
      sourceNode: 'worker-0',
    });
    expect(dv.spec).toEqual({
      source: { pvc: { namespace: 'vm-images', name: 'rhel8-vm-rootdisk' } },
      pvc: {
        accessModes: ['ReadWriteOnce'],
        volumeMode: 'Filesystem',
        storageClassName: 'local',
        selector: { matchLabels: { [CLONE_TARGET_LABEL]: 'abc-123' } },
        resources: { requests: { storage: '10Gi' } },
      },
    });
    // spec.pvc even on clusters where new DataVolumes use spec.storage: CDI would inflate a spec.storage
    // Filesystem request by the overhead (kubevirt/containerized-data-importer
    // pkg/controller/datavolume/util.go renderPvcSpecVolumeSize) beyond the PV's capacity.
    expect(dv.spec).not.toHaveProperty('storage');
    expect(dv.metadata.annotations['vm-disks.kubevirt.io/moved-from-node']).toBe('worker-0');
    // Local classes wait for a first consumer; the clone must bind to the selected PV now.
    expect(dv.metadata.annotations['cdi.kubevirt.io/storage.bind.immediate.requested']).toBe(
      'true',
    );
  });

  it('keeps an empty class so the default class is not injected', () => {
    const dv = buildCloneDataVolume({
      name: 'x',
      namespace: 'ns',
      source: { namespace: 'ns', name: 'y' },
      target: {
        name: 'pv',
        capacity: '1Gi',
        volumeMode: 'Block',
        accessModes: [],
        storageClassName: '',
      },
      label: { key: CLONE_TARGET_LABEL, value: 'v' },
    });
    expect(dv.spec.pvc.storageClassName).toBe('');
    expect(dv.spec.pvc.accessModes).toEqual(['ReadWriteOnce']);
  });

  it('makes valid, unique label values and names', () => {
    const value = cloneTargetLabelValue('A'.repeat(80), 'k3j9x');
    expect(value.length).toBeLessThanOrEqual(63);
    expect(value).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    expect(cloneTargetLabelValue('disk', 'ab')).not.toBe(cloneTargetLabelValue('disk', 'cd'));
    expect(objectNameError(suggestCloneName('rhel8-vm-rootdisk', 'worker-1'))).toBeUndefined();
    expect(suggestCloneName('rhel8-vm-rootdisk', 'worker-1')).toBe('rhel8-vm-rootdisk-worker-1');
  });

  it('adds a label to a PV with or without labels', () => {
    expect(labelPatch(undefined, CLONE_TARGET_LABEL, 'v')).toEqual([
      { op: 'add', path: '/metadata/labels', value: { [CLONE_TARGET_LABEL]: 'v' } },
    ]);
    expect(labelPatch({ a: 'b' }, CLONE_TARGET_LABEL, 'v')).toEqual([
      { op: 'add', path: '/metadata/labels/vm-disks.kubevirt.io~1clone-target', value: 'v' },
    ]);
  });
});

describe('clone permission', () => {
  it('is needed across namespaces only', () => {
    expect(needsCloneAuthorization('a', 'a')).toBe(false);
    expect(needsCloneAuthorization('a', 'b')).toBe(true);
  });

  it('names the datavolumes/source rule and binds it in the source namespace', () => {
    const [role, binding] = cloneRbacManifests({ sourceNamespace: 'vm-images', user: 'developer' });
    expect(role).toMatchObject({
      kind: 'ClusterRole',
      rules: [
        { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] },
      ],
    });
    expect(binding).toMatchObject({
      kind: 'RoleBinding',
      metadata: { namespace: 'vm-images' },
      subjects: [{ kind: 'User', name: 'developer' }],
      roleRef: { kind: 'ClusterRole', name: (role.metadata as { name: string }).name },
    });
    const [, sa] = cloneRbacManifests({
      sourceNamespace: 'x',
      user: 'system:serviceaccount:ci:cloner',
    });
    expect(sa.subjects).toEqual([{ kind: 'ServiceAccount', name: 'cloner', namespace: 'ci' }]);
  });
});
