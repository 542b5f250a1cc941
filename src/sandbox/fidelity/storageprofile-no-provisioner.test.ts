// StorageProfiles of `kubernetes.io/no-provisioner` classes on `current` (CDI v1.66), checked with the real
// kubectl against kubevirt/containerized-data-importer:
// - pkg/storagecapabilities/storagecapabilities.go `GetCapabilities` / `capabilitiesForNoProvisioner` (one set
//   per distinct access mode and volume mode of the class's PVs; none without PVs),
// - pkg/controller/storageprofile-controller.go `reconcilePropertySets` (the status follows the PVs it watches),
// - pkg/controller/datavolume/util.go `renderPvcSpec` (a `spec.storage` DataVolume without access modes takes
//   them from the profile instead of failing with "no accessMode specified in StorageProfile").
// The seed's era (`legacy`, CDI v1.38) leaves these classes without sets: src/sandbox/fidelity/seed-world.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldHarness } from '../world/testing/harness';
import { field, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;

beforeAll(async () => {
  w = await startWorld('current');
});

afterAll(async () => {
  await w.close();
});

const sets = async (name: string): Promise<unknown> =>
  field(await w.get('storageprofile', name), 'status.claimPropertySets');

describe('current: CDI derives claim property sets of no-provisioner classes from their PVs', () => {
  it("recommends the seed's local PVs' modes for the class local", async () => {
    await waitFor('local profile sets', async () => (await sets('local')) !== undefined);
    expect(await sets('local')).toEqual([
      { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
    ]);
  });

  it('follows the PVs: a Block PV of the class adds a set, removing it takes the set away', async () => {
    await w.apply(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: np-block-pv
spec:
  accessModes: [ReadWriteOnce, ReadOnlyMany]
  capacity:
    storage: 1Gi
  local:
    path: /dev/loop77
  volumeMode: Block
  storageClassName: local
  nodeAffinity:
    required:
      nodeSelectorTerms:
        - matchExpressions:
            - key: kubernetes.io/hostname
              operator: In
              values: [worker-1]
`);
    await waitFor('Block sets', async () => JSON.stringify(await sets('local')).includes('Block'));
    expect(await sets('local')).toEqual([
      { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
      { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
      { accessModes: ['ReadOnlyMany'], volumeMode: 'Block' },
    ]);
    expect((await w.kubectl(['delete', 'pv', 'np-block-pv'])).code).toBe(0);
    await waitFor(
      'Block sets gone',
      async () => !JSON.stringify(await sets('local')).includes('Block'),
    );
  });

  it('a no-provisioner class without PVs gets no sets', async () => {
    await w.apply(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: np-empty
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
`);
    const profile = await waitFor('np-empty profile', () => w.get('storageprofile', 'np-empty'));
    expect(field(profile, 'status.provisioner')).toBe('kubernetes.io/no-provisioner');
    expect(field(profile, 'status.claimPropertySets')).toBeUndefined();
  });

  it('a blank DataVolume with spec.storage and no modes on local gets them from the profile', async () => {
    await w.apply(`apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: np-blank
  namespace: vm-images
spec:
  source:
    blank: {}
  storage:
    storageClassName: local
    resources:
      requests:
        storage: 1Gi
`);
    const pvc = await waitFor('np-blank PVC', () => w.get('pvc', 'np-blank', 'vm-images'));
    expect(field(pvc, 'spec.accessModes')).toEqual(['ReadWriteOnce']);
    expect(field(pvc, 'spec.volumeMode')).toBe('Filesystem');
    const dv = await w.get('dv', 'np-blank', 'vm-images');
    expect(field(dv, 'status.phase')).not.toBe('Failed');
  });
});
