import { describe, expect, it } from 'vitest';
import {
  buildHppCR,
  buildStorageClass,
  defaultHppValues,
  hppVolumeDirectory,
  mergeHppSpec,
  modesFor,
  parseNodeSelector,
  preferredHppVersion,
  sameSpec,
  storageClassDifferences,
  suggestClassName,
  valuesFromHpp,
} from './hpp-manifests';
import type { HppObject } from './hpp-manifests';

describe('HostPathProvisioner CR', () => {
  it('prefers v1beta1', () => {
    expect(preferredHppVersion(['v1alpha1', 'v1beta1'])).toBe('v1beta1');
    expect(preferredHppVersion(['v1alpha1'])).toBe('v1alpha1');
    expect(preferredHppVersion([])).toBeUndefined();
  });

  it('v1beta1 CSI: a storage pool, optional workload selector', () => {
    const values = {
      ...defaultHppValues('v1beta1'),
      nodeSelector: { 'kubernetes.io/os': 'linux' },
    };
    expect(buildHppCR(values)).toEqual({
      apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
      kind: 'HostPathProvisioner',
      metadata: { name: 'hostpath-provisioner' },
      spec: {
        imagePullPolicy: 'IfNotPresent',
        storagePools: [{ name: 'local', path: '/var/hpvolumes' }],
        workload: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
      },
    });
  });

  it('v1alpha1 is the seed CR: pathConfig with useNamingPrefix as a string', () => {
    const cr = buildHppCR({ ...defaultHppValues('v1alpha1'), path: '/var/hp' });
    expect(cr.apiVersion).toBe('hostpathprovisioner.kubevirt.io/v1alpha1');
    expect(cr.spec).toEqual({
      imagePullPolicy: 'IfNotPresent',
      pathConfig: { path: '/var/hp', useNamingPrefix: 'false' },
    });
    const beta = buildHppCR({
      ...defaultHppValues('v1beta1'),
      mode: 'legacy',
      useNamingPrefix: true,
    });
    expect(beta.spec.pathConfig).toEqual({ path: '/var/hpvolumes', useNamingPrefix: true });
  });

  it('merges into an existing CR: keeps metadata and unmanaged fields, swaps pathConfig for pools', () => {
    const existing: HppObject = {
      apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
      kind: 'HostPathProvisioner',
      metadata: { name: 'hpp', resourceVersion: '7' },
      spec: {
        imagePullPolicy: 'Always',
        pathConfig: { path: '/var/old', useNamingPrefix: false },
        featureGates: ['Snapshotting'],
        workload: { nodeSelector: { a: 'b' }, tolerations: [] },
      },
    };
    const desired = buildHppCR({ ...defaultHppValues('v1beta1'), crName: 'hpp' });
    const merged = mergeHppSpec(existing, desired);
    expect(merged.metadata).toEqual({ name: 'hpp', resourceVersion: '7' });
    expect(merged.spec).toEqual({
      imagePullPolicy: 'IfNotPresent',
      storagePools: [{ name: 'local', path: '/var/hpvolumes' }],
      featureGates: ['Snapshotting'],
      workload: { tolerations: [] },
    });
    expect(sameSpec(mergeHppSpec(merged, desired).spec, merged.spec)).toBe(true);
  });

  it('reads wizard values back from an existing CR', () => {
    const base = defaultHppValues('v1beta1');
    const v = valuesFromHpp(
      {
        apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
        kind: 'HostPathProvisioner',
        metadata: { name: 'mine' },
        spec: {
          pathConfig: { path: '/var/x', useNamingPrefix: 'true' },
          workload: { nodeSelector: { role: 'hpp' } },
        },
      },
      base,
    );
    expect(v).toMatchObject({
      crName: 'mine',
      mode: 'legacy',
      path: '/var/x',
      useNamingPrefix: true,
      nodeSelector: { role: 'hpp' },
    });
  });
});

describe('StorageClass', () => {
  it('CSI: storagePool parameter, always WaitForFirstConsumer', () => {
    const sc = buildStorageClass({
      ...defaultHppValues('v1beta1'),
      bindingMode: 'Immediate',
      makeDefault: true,
      reclaimPolicy: 'Retain',
    });
    expect(sc).toEqual({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'hostpath-provisioner',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'kubevirt.io.hostpath-provisioner',
      parameters: { storagePool: 'local' },
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
  });

  it('legacy: the seed class, no parameters', () => {
    const sc = buildStorageClass({ ...defaultHppValues('v1alpha1') });
    expect(sc.provisioner).toBe('kubevirt.io/hostpath-provisioner');
    expect(sc.parameters).toBeUndefined();
    expect(sc.volumeBindingMode).toBe('WaitForFirstConsumer');
  });

  it('finds the immutable differences (defaults applied) and offers a free name', () => {
    const desired = buildStorageClass(defaultHppValues('v1beta1'));
    expect(
      storageClassDifferences(
        {
          provisioner: 'kubevirt.io.hostpath-provisioner',
          parameters: { storagePool: 'local' },
          volumeBindingMode: 'WaitForFirstConsumer',
        },
        desired,
      ),
    ).toEqual([]);
    expect(
      storageClassDifferences(
        { provisioner: 'kubevirt.io/hostpath-provisioner', reclaimPolicy: 'Retain' },
        desired,
      ).map((d) => d.field),
    ).toEqual(['provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode']);
    expect(suggestClassName('hostpath-provisioner', 'csi', [])).toBe('hostpath-provisioner-csi');
    expect(
      suggestClassName('hostpath-provisioner', 'csi', [
        'hostpath-provisioner-csi',
        'hostpath-provisioner-2',
      ]),
    ).toBe('hostpath-provisioner-3');
    expect(suggestClassName('hp', 'legacy', [])).toBe('hp-2');
  });

  it('parses a node selector', () => {
    expect(parseNodeSelector('a=b, kubernetes.io/os=linux')).toEqual({
      a: 'b',
      'kubernetes.io/os': 'linux',
    });
    expect(parseNodeSelector('')).toEqual({});
    expect(parseNodeSelector('novalue')).toBeUndefined();
    expect(parseNodeSelector('a=b c')).toBeUndefined();
  });

  // kubernetes/kubernetes apimachinery pkg/util/validation/validation.go IsQualifiedName / IsValidLabelValue.
  it.each([
    ['name of 63', `${'a'.repeat(63)}=x`, true],
    ['name of 64', `${'a'.repeat(64)}=x`, false],
    ['value of 64', `a=${'v'.repeat(64)}`, false],
    ['empty value', 'a=', true],
    ['prefix with uppercase', 'Example.com/a=b', false],
    ['empty name after prefix', 'example.com/=b', false],
    ['two slashes', 'a/b/c=d', false],
    ['key starting with -', '-a=b', false],
  ])('label key/value rules: %s', (_t, text, valid) => {
    expect(parseNodeSelector(text) !== undefined).toBe(valid);
  });
});

// kubevirt/hostpath-provisioner-operator: v1alpha1 removed in v0.15.0; pkg/controller/hostpathprovisioner/
// controller.go isLegacy (pathConfig still deploys the legacy provisioner on v1beta1).
describe('modesFor', () => {
  it('offers only the CSI driver where v1alpha1 is no longer served', () => {
    expect(modesFor('v1beta1')).toEqual(['csi']);
    expect(modesFor('v1beta1', { v1alpha1Served: false })).toEqual(['csi']);
    expect(modesFor('v1beta1', { v1alpha1Served: true })).toEqual(['csi', 'legacy']);
    expect(modesFor('v1alpha1')).toEqual(['legacy']);
  });
  it('keeps the legacy mode of an existing pathConfig CR so it can be edited', () => {
    expect(modesFor('v1beta1', { current: 'legacy' })).toEqual(['csi', 'legacy']);
  });
});

// kubevirt/hostpath-provisioner-operator pkg/controller/hostpathprovisioner/daemonset.go
// buildPathArgFromStoragePoolInfo (pool path + /csi) and kubevirt/hostpath-provisioner
// pkg/hostpath/controllerserver.go CreateVolume (a directory named after the volume, pool from the class
// parameter storagePool).
describe('hppVolumeDirectory', () => {
  const pools = { spec: { storagePools: [{ name: 'local', path: '/var/hpvolumes/' }] } };
  it('puts CSI volumes under <pool path>/csi', () => {
    expect(
      hppVolumeDirectory(
        {
          metadata: { name: 'pvc-1234' },
          spec: {
            csi: {
              driver: 'kubevirt.io.hostpath-provisioner',
              volumeHandle: 'pvc-1234',
              volumeAttributes: { storagePool: 'local' },
            },
          },
        },
        pools,
      ),
    ).toBe('/var/hpvolumes/csi/pvc-1234');
  });
  it('uses pathConfig for the CSI driver of a legacy CR, hostPath for the legacy provisioner', () => {
    const legacyCr = { spec: { pathConfig: { path: '/var/hpvolumes' } } };
    expect(
      hppVolumeDirectory(
        { spec: { csi: { driver: 'kubevirt.io.hostpath-provisioner', volumeHandle: 'pvc-9' } } },
        legacyCr,
      ),
    ).toBe('/var/hpvolumes/csi/pvc-9');
    expect(
      hppVolumeDirectory({ spec: { hostPath: { path: '/var/hpvolumes/pvc-7' } } }, legacyCr),
    ).toBe('/var/hpvolumes/pvc-7');
  });
  it('knows nothing of other drivers or unknown pools', () => {
    expect(
      hppVolumeDirectory({ spec: { csi: { driver: 'other', volumeHandle: 'x' } } }, pools),
    ).toBe(undefined);
    expect(
      hppVolumeDirectory(
        {
          spec: {
            csi: {
              driver: 'kubevirt.io.hostpath-provisioner',
              volumeHandle: 'x',
              volumeAttributes: { storagePool: 'fast' },
            },
          },
        },
        pools,
      ),
    ).toBeUndefined();
  });
});
