import { describe, expect, it } from 'vitest';
import { uploadDataVolume, uploadPersistentVolumeClaim, virtctlCommand } from './manifests';
import type { TargetValues } from './manifests';

const v: TargetValues = {
  kind: 'new-dv',
  name: 'fedora',
  namespace: 'vm-images',
  size: '11Gi',
  storageClassName: 'local',
  accessMode: 'ReadWriteOnce',
  volumeMode: 'Block',
  forceBind: true,
};

describe('upload target manifests', () => {
  it('builds an upload DataVolume with force-bind and the storage choices', () => {
    expect(uploadDataVolume(v)).toEqual({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: {
        name: 'fedora',
        namespace: 'vm-images',
        annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      },
      spec: {
        source: { upload: {} },
        pvc: {
          accessModes: ['ReadWriteOnce'],
          volumeMode: 'Block',
          resources: { requests: { storage: '11Gi' } },
          storageClassName: 'local',
        },
      },
    });
  });

  // kubevirt/kubevirt pkg/virtctl/imageupload/imageupload.go createUploadDataVolume / createStorageSpec: current
  // virtctl writes spec.storage; access and volume mode only when asked for.
  it('builds the spec.storage DataVolume current virtctl writes', () => {
    const dv = uploadDataVolume({
      ...v,
      volumeMode: 'Filesystem',
      claim: { api: 'storage', profile: { accessMode: 'ReadWriteOnce', volumeMode: 'Block' } },
    });
    expect(dv.spec).toEqual({
      source: { upload: {} },
      storage: {
        storageClassName: 'local',
        volumeMode: 'Filesystem',
        resources: { requests: { storage: '11Gi' } },
      },
    });
    expect(uploadDataVolume({ ...v, claim: { api: 'pvc' } }).spec).toHaveProperty('pvc');
  });

  it('builds an upload-target PVC like virtctl image-upload pvc', () => {
    const pvc = uploadPersistentVolumeClaim({
      ...v,
      kind: 'new-pvc',
      forceBind: false,
      storageClassName: '',
    });
    expect(pvc.metadata.annotations).toEqual({
      'cdi.kubevirt.io/storage.upload.target': '',
      'cdi.kubevirt.io/storage.contentType': 'kubevirt',
    });
    expect(pvc.spec).not.toHaveProperty('storageClassName');
  });

  it('prints the equivalent virtctl command', () => {
    expect(virtctlCommand(v, 'my disk.qcow2')).toBe(
      "virtctl image-upload dv fedora --namespace=vm-images --image-path='my disk.qcow2' --size=11Gi " +
        '--storage-class=local --access-mode=ReadWriteOnce --volume-mode=block --force-bind',
    );
    expect(virtctlCommand({ ...v, kind: 'existing-dv' }, 'a.img')).toBe(
      'virtctl image-upload dv fedora --namespace=vm-images --image-path=a.img --no-create',
    );
  });
});
