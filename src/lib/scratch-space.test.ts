import { describe, expect, it } from 'vitest';
import {
  fallbackIfMissing,
  fallsBackToDefaultClass,
  filesystemSupport,
  resolveScratchClass,
  resolvedScratchClass,
  scratchConvergence,
  scratchPatch,
  scratchSettingOwner,
  withCdiConfigValue,
} from './scratch-space';

const hco = {
  apiVersion: 'hco.kubevirt.io/v1beta1',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  spec: { scratchSpaceStorageClass: 'hpp' },
};
const cdi = {
  metadata: { name: 'cdi', annotations: { 'cdi.kubevirt.io/configAuthority': '' } },
  spec: { config: { featureGates: [] } },
};
const classes = [
  {
    metadata: {
      name: 'local',
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
  },
  { metadata: { name: 'hpp' } },
];

describe('owner', () => {
  it('is HyperConverged when installed, then the CDI resource with authority, then CDIConfig', () => {
    expect(scratchSettingOwner({ hyperConverged: hco, cdi })).toEqual({
      kind: 'HyperConverged',
      name: 'kubevirt-hyperconverged',
      namespace: 'openshift-cnv',
      path: ['spec', 'scratchSpaceStorageClass'],
      value: 'hpp',
    });
    expect(
      scratchSettingOwner({ hyperConverged: { ...hco, apiVersion: 'hco.kubevirt.io/v1' } }).path,
    ).toEqual(['spec', 'storage', 'scratchSpaceStorageClass']);
    expect(scratchSettingOwner({ cdi })).toMatchObject({ kind: 'CDI', value: undefined });
    const plain = scratchSettingOwner({ cdi: { metadata: { name: 'cdi' } } });
    expect(plain.kind).toBe('CDIConfig');
    expect(withCdiConfigValue(plain, { spec: { scratchSpaceStorageClass: 'x' } }).value).toBe('x');
  });
});

describe('patch', () => {
  it('creates missing parents, sets and removes', () => {
    const owner = scratchSettingOwner({ cdi });
    expect(scratchPatch(owner, cdi, 'hpp')).toEqual([
      { op: 'add', path: '/spec/config/scratchSpaceStorageClass', value: 'hpp' },
    ]);
    expect(scratchPatch(owner, { spec: {} }, 'hpp')).toEqual([
      { op: 'add', path: '/spec/config', value: { scratchSpaceStorageClass: 'hpp' } },
    ]);
    const hcoOwner = scratchSettingOwner({ hyperConverged: hco });
    expect(scratchPatch(hcoOwner, hco, undefined)).toEqual([
      { op: 'remove', path: '/spec/scratchSpaceStorageClass' },
    ]);
    expect(scratchPatch(hcoOwner, { spec: {} }, undefined)).toEqual([]);
  });
});

describe('resolution', () => {
  it('uses the configured class when it exists, else the default class (CDI ≤ 1.64)', () => {
    expect(resolveScratchClass({ configured: 'hpp', storageClasses: classes })).toEqual([
      { kind: 'configured', storageClass: 'hpp' },
    ]);
    const missing = resolveScratchClass({
      configured: 'gone',
      storageClasses: classes,
      cdiVersion: 'v1.38.4',
    });
    expect(missing).toEqual([
      { kind: 'configured-missing', storageClass: 'gone' },
      { kind: 'cluster-default', storageClass: 'local' },
    ]);
    expect(resolvedScratchClass(missing)).toBe('local');
  });

  // kubevirt/containerized-data-importer pkg/controller/config-controller.go reconcileStorageClass (v1.65.0 on:
  // status empty unless the configured class exists) and pkg/controller/util.go GetScratchPvcStorageClass.
  it('leaves it to the target class on CDI ≥ 1.65 or without a default class', () => {
    expect(fallsBackToDefaultClass('v1.65.0')).toBe(false);
    expect(fallsBackToDefaultClass('v1.64.2')).toBe(true);
    const steps = resolveScratchClass({
      configured: undefined,
      storageClasses: classes,
      cdiVersion: 'v1.66.0',
    });
    expect(steps).toEqual([{ kind: 'target-class' }]);
    expect(resolvedScratchClass(steps)).toBeUndefined();
    expect(fallbackIfMissing({ storageClass: 'local', storageClasses: classes })).toEqual({
      kind: 'target-class',
    });
    expect(fallbackIfMissing({ storageClass: 'hpp', storageClasses: classes })).toEqual({
      kind: 'cluster-default',
      storageClass: 'local',
    });
  });
});

describe('filesystem support', () => {
  it('reads the StorageProfile and knows static local classes', () => {
    const rwoFs = {
      status: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }] },
    };
    const block = {
      status: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] },
    };
    expect(filesystemSupport({ provisioner: 'kubevirt.io.hostpath-provisioner' }, rwoFs)).toBe(
      'yes',
    );
    expect(filesystemSupport({ provisioner: 'x' }, block)).toBe('block-only');
    expect(filesystemSupport({ provisioner: 'kubernetes.io/no-provisioner' }, rwoFs)).toBe(
      'static',
    );
    expect(filesystemSupport({ provisioner: 'x' }, { status: {} })).toBe('unknown');
  });
});

describe('convergence', () => {
  it('follows the value from HyperConverged to the CDIConfig status', () => {
    const owner = scratchSettingOwner({ hyperConverged: hco });
    const pending = scratchConvergence({
      owner,
      wanted: 'hpp',
      cdi,
      cdiConfig: { spec: {}, status: { scratchSpaceStorageClass: 'local' } },
      storageClasses: classes,
    });
    expect(pending.map((s) => [s.kind, s.done])).toEqual([
      ['owner', true],
      ['cdi', false],
      ['cdiconfig-spec', false],
      ['cdiconfig-status', false],
    ]);
    const done = scratchConvergence({
      owner,
      wanted: 'hpp',
      cdi: { spec: { config: { scratchSpaceStorageClass: 'hpp' } } },
      cdiConfig: {
        spec: { scratchSpaceStorageClass: 'hpp' },
        status: { scratchSpaceStorageClass: 'hpp' },
      },
      storageClasses: classes,
    });
    expect(done.every((s) => s.done)).toBe(true);
  });
});
