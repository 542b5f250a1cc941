import { describe, expect, it } from 'vitest';
import {
  buildHppCR,
  buildStorageClass,
  defaultHppValues,
  mergeHppSpec,
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
});
