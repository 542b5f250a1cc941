/**
 * The `legacy` profile (the seed's era) through the real kubectl: the storage-defaults ConfigMap
 * HCO < 1.7 reconciles, HyperConverged only `v1beta1`, and CDI v1.38 without volume populators even
 * for the CSI class (kubevirt/containerized-data-importer gained populators in v1.58,
 * `pkg/controller/datavolume/controller-base.go shouldUseCDIPopulator`). Deleting an unfinished
 * upload frees its claim at once on this profile too (`pkg/controller/upload-controller.go`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldHarness } from '../world/testing/harness';
import { expectAbandonedUploadCleanedUp } from '../world/testing/abandoned-upload';
import { field, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;

beforeAll(async () => {
  w = await startWorld('legacy');
});

afterAll(async () => {
  await w.close();
});

const phase = async (name: string): Promise<unknown> =>
  field(await w.get('dv', name, 'vm-images'), 'status.phase');

describe('profile legacy', () => {
  it('keeps the storage-defaults ConfigMap and serves HyperConverged only as v1beta1', async () => {
    const cm = await w.get('configmap', 'kubevirt-storage-class-defaults', 'openshift-cnv');
    expect(field(cm, 'data.accessMode')).toBe('ReadWriteOnce');
    const versions = (await w.kubectl(['api-versions'])).stdout.trim().split('\n');
    expect(versions).toContain('hco.kubevirt.io/v1beta1');
    expect(versions).not.toContain('hco.kubevirt.io/v1');
    expect(versions).toContain('cdi.kubevirt.io/v1alpha1');
    const config = await w.get('cdiconfig', 'config');
    expect(field(config, 'status.scratchSpaceStorageClass')).toBe('local');
  });

  it('uses no populator for the CSI class: a blank DataVolume waits for its first consumer', async () => {
    await w.apply(`apiVersion: hostpathprovisioner.kubevirt.io/v1beta1
kind: HostPathProvisioner
metadata:
  name: hostpath-provisioner
spec:
  imagePullPolicy: IfNotPresent
  storagePools:
    - name: local
      path: /var/hpvolumes
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: hostpath-csi
provisioner: kubevirt.io.hostpath-provisioner
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
parameters:
  storagePool: local
---
apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: blank-legacy
  namespace: vm-images
spec:
  source:
    blank: {}
  pvc:
    storageClassName: hostpath-csi
    accessModes: [ReadWriteOnce]
    resources:
      requests:
        storage: 1Gi
`);
    await waitFor('CSIDriver', () => w.get('csidriver', 'kubevirt.io.hostpath-provisioner'));
    await waitFor(
      'WaitForFirstConsumer',
      async () => (await phase('blank-legacy')) === 'WaitForFirstConsumer',
    );
    const pvc = await w.get('pvc', 'blank-legacy', 'vm-images');
    expect(field(pvc, 'spec.dataSourceRef')).toBeUndefined();
    expect(field(pvc, 'metadata.annotations')).not.toHaveProperty(
      'cdi.kubevirt.io/storage.usePopulator',
    );
  });

  it('deleting an unfinished upload DataVolume removes its PVC and upload pod promptly', async () => {
    await expectAbandonedUploadCleanedUp(w);
  });
});
