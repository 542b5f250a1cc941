import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBlankDataVolume, validateBlankDisk } from './blank-datavolume';

describe('buildBlankDataVolume', () => {
  it('is the seed 6.12.5.3 template on v1beta1 for the template values', () => {
    const seed = parse(`
apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: blank-image-datavolume
spec:
  source:
      blank: {}
  pvc:
    accessModes:
      - ReadWriteOnce
    resources:
      requests:
        storage: 500Mi
`) as unknown;
    expect(
      buildBlankDataVolume({
        name: 'blank-image-datavolume',
        namespace: '',
        size: '500Mi',
        storageClassName: '',
        accessMode: 'ReadWriteOnce',
        volumeMode: 'Filesystem',
      }),
    ).toEqual(seed);
  });

  it('writes the class, namespace and Block mode when chosen', () => {
    const dv = buildBlankDataVolume({
      name: 'data',
      namespace: 'vm-images',
      size: '2Gi',
      storageClassName: 'hostpath',
      accessMode: 'ReadWriteMany',
      volumeMode: 'Block',
    });
    expect(dv.metadata.namespace).toBe('vm-images');
    expect(dv.spec.pvc).toEqual({
      storageClassName: 'hostpath',
      accessModes: ['ReadWriteMany'],
      volumeMode: 'Block',
      resources: { requests: { storage: '2Gi' } },
    });
  });
});

// spec.storage as current virtctl writes it (kubevirt/kubevirt pkg/virtctl/imageupload/imageupload.go
// createStorageSpec); CDI fills the rest from the StorageProfile (kubevirt/containerized-data-importer
// pkg/controller/datavolume/util.go renderPvcSpecVolumeModeAndAccessModesAndStorageClass).
describe('buildBlankDataVolume with spec.storage', () => {
  const values = {
    name: 'data',
    namespace: 'vm-images',
    size: '2Gi',
    storageClassName: 'hostpath-csi',
    accessMode: 'ReadWriteOnce',
    volumeMode: 'Filesystem' as const,
  };
  it('leaves the modes the StorageProfile recommends to CDI', () => {
    const dv = buildBlankDataVolume(values, {
      api: 'storage',
      profile: { accessMode: 'ReadWriteOnce', volumeMode: 'Filesystem' },
    });
    expect(dv.spec).toEqual({
      source: { blank: {} },
      storage: { storageClassName: 'hostpath-csi', resources: { requests: { storage: '2Gi' } } },
    });
    expect(dv.spec).not.toHaveProperty('pvc');
  });
  it('keeps spec.pvc for the legacy shape', () => {
    const dv = buildBlankDataVolume(values, { api: 'pvc' });
    expect(dv.spec.pvc?.accessModes).toEqual(['ReadWriteOnce']);
    expect(dv.spec).not.toHaveProperty('storage');
  });
});

describe('validateBlankDisk', () => {
  const ok = {
    name: 'data',
    namespace: 'vm-images',
    size: '1Gi',
    storageClassName: '',
    accessMode: 'ReadWriteOnce',
    volumeMode: 'Filesystem' as const,
  };
  it('accepts good values and refuses bad ones', () => {
    expect(validateBlankDisk(ok, [])).toEqual([]);
    expect(validateBlankDisk(ok, ['data'])).toEqual([{ field: 'name', kind: 'taken' }]);
    expect(validateBlankDisk({ ...ok, size: '512Ki' }, [])).toEqual([
      { field: 'size', kind: 'too-small' },
    ]);
    expect(
      validateBlankDisk({ ...ok, size: 'lots', name: 'Bad_Name', namespace: '' }, []).map(
        (p) => p.field,
      ),
    ).toEqual(['name', 'namespace', 'size']);
  });
});

// kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidateNamespaceName: a DNS-1123 label.
describe('validateBlankDisk namespace', () => {
  const ok = {
    name: 'data',
    namespace: 'vm-images',
    size: '1Gi',
    storageClassName: '',
    accessMode: 'ReadWriteOnce',
    volumeMode: 'Filesystem' as const,
  };
  it.each([
    ['vm-images', undefined],
    ['', 'missing'],
    ['VM_Images', 'invalid'],
    ['a.b', 'invalid'],
    ['n'.repeat(64), 'invalid'],
  ])('%s', (namespace, kind) => {
    expect(
      validateBlankDisk({ ...ok, namespace }, []).find((p) => p.field === 'namespace')?.kind,
    ).toBe(kind);
  });
});
