import { describe, expect, it } from 'vitest';
import {
  changedKeys,
  copyToProfilePatch,
  chooseStorageDefaultsNamespace,
  dataFromForm,
  formFromData,
  hasErrors,
  isManagedByHyperConverged,
  keysHyperConvergedReverts,
  parseKey,
  reapplyOnTop,
  resolveStorageDefaults,
  supportWarnings,
  validateData,
  validateForm,
} from './storage-defaults';

// The seed's example (6.12.6.4).
const SEED = {
  accessMode: 'ReadWriteOnce',
  volumeMode: 'Filesystem',
  'nfs-sc.accessMode': 'ReadWriteMany',
  'nfs-sc.volumeMode': 'Filesystem',
  'block-sc.accessMode': 'ReadWriteMany',
  'block-sc.volumeMode': 'Block',
};

describe('keys', () => {
  it('classifies defaults, class overrides (dots in class names) and unknown keys', () => {
    expect(parseKey('accessMode')).toEqual({ kind: 'default', attribute: 'accessMode' });
    expect(parseKey('my.class.volumeMode')).toEqual({
      kind: 'class',
      storageClass: 'my.class',
      attribute: 'volumeMode',
    });
    expect(parseKey('nfs-sc.accesMode')).toEqual({ kind: 'unknown' });
    expect(parseKey('.accessMode')).toEqual({ kind: 'unknown' });
  });
});

describe('form model', () => {
  it('round-trips the seed example', () => {
    const form = formFromData(SEED);
    expect(form.accessMode).toBe('ReadWriteOnce');
    expect(form.overrides).toEqual([
      { storageClass: 'nfs-sc', accessMode: 'ReadWriteMany', volumeMode: 'Filesystem' },
      { storageClass: 'block-sc', accessMode: 'ReadWriteMany', volumeMode: 'Block' },
    ]);
    expect(dataFromForm(form)).toEqual(SEED);
  });

  it('keeps unknown keys and invalid values, drops unset values and empty rows', () => {
    const form = formFromData({ foo: 'bar', volumeMode: 'Blok' });
    form.overrides.push({ storageClass: '', accessMode: 'ReadWriteOnce', volumeMode: '' });
    form.overrides.push({ storageClass: 'x', accessMode: '', volumeMode: 'Block' });
    expect(dataFromForm(form)).toEqual({ volumeMode: 'Blok', 'x.volumeMode': 'Block', foo: 'bar' });
  });
});

describe('validation', () => {
  it('reports unknown keys, invalid values and missing classes as errors', () => {
    const problems = validateData(
      { accessMode: 'ReadWriteSometimes', 'gone.volumeMode': 'Block', colour: 'blue' },
      { storageClasses: ['local'] },
    );
    expect(problems.map((p) => [p.kind, p.key, p.severity])).toEqual([
      ['invalid-value', 'accessMode', 'error'],
      ['unknown-class', 'gone.volumeMode', 'error'],
      ['unknown-key', 'colour', 'error'],
    ]);
    expect(hasErrors(problems)).toBe(true);
  });

  it('only warns about keys unchanged from the stored object', () => {
    const stored = { 'local-sc.accessMode': 'ReadWriteOnce' };
    const problems = validateData(
      { ...stored, 'other.accessMode': 'ReadWriteOnce' },
      { storageClasses: ['local'], stored },
    );
    expect(problems.map((p) => [p.key, p.severity])).toEqual([
      ['local-sc.accessMode', 'warning'],
      ['other.accessMode', 'error'],
    ]);
  });

  it('refuses form rows without a class and duplicate classes', () => {
    const form = formFromData({});
    form.overrides = [
      { storageClass: '', accessMode: 'ReadWriteOnce', volumeMode: '' },
      { storageClass: 'local', accessMode: 'ReadWriteOnce', volumeMode: '' },
      { storageClass: 'local', accessMode: '', volumeMode: 'Block' },
    ];
    const kinds = validateForm(form, { storageClasses: ['local'] }).map((p) => p.kind);
    expect(kinds).toEqual(['empty-class', 'duplicate-class']);
  });
});

describe('resolveStorageDefaults', () => {
  const profile = {
    status: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] },
  };

  it('uses the class override first', () => {
    expect(resolveStorageDefaults({ data: SEED }, profile, 'nfs-sc')).toEqual({
      accessMode: 'ReadWriteMany',
      volumeMode: 'Filesystem',
      source: 'configmap-class',
      sources: { accessMode: 'configmap-class', volumeMode: 'configmap-class' },
    });
  });

  it('then the StorageProfile, then the global keys, then RWO/Filesystem', () => {
    expect(resolveStorageDefaults({ data: SEED }, profile, 'ceph')).toMatchObject({
      accessMode: 'ReadWriteMany',
      volumeMode: 'Block',
      source: 'storageprofile',
    });
    expect(resolveStorageDefaults({ data: { accessMode: 'ReadWriteMany' } }, {}, 'x')).toEqual({
      accessMode: 'ReadWriteMany',
      volumeMode: 'Filesystem',
      source: 'configmap-default',
      sources: { accessMode: 'configmap-default', volumeMode: 'builtin' },
    });
    expect(resolveStorageDefaults(undefined, undefined, undefined)).toMatchObject({
      accessMode: 'ReadWriteOnce',
      volumeMode: 'Filesystem',
      source: 'builtin',
    });
  });

  it('fills a partial class override from a consistent profile set and ignores invalid values', () => {
    const sets = {
      status: {
        claimPropertySets: [
          { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
          { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
        ],
      },
    };
    const resolved = resolveStorageDefaults(
      { data: { 'c.accessMode': 'ReadWriteOnce', 'c.volumeMode': 'Blok' } },
      sets,
      'c',
    );
    expect(resolved.accessMode).toBe('ReadWriteOnce');
    expect(resolved.volumeMode).toBe('Filesystem');
    expect(resolved.sources).toEqual({
      accessMode: 'configmap-class',
      volumeMode: 'storageprofile',
    });
  });
});

describe('namespace discovery', () => {
  it('prefers an existing ConfigMap, then the HyperConverged namespace, then openshift-cnv', () => {
    expect(chooseStorageDefaultsNamespace({ configMapNamespaces: ['kubevirt-native'] })).toBe(
      'kubevirt-native',
    );
    expect(
      chooseStorageDefaultsNamespace({
        configMapNamespaces: ['openshift', 'kubevirt-hyperconverged'],
        hyperConvergedNamespace: 'kubevirt-hyperconverged',
      }),
    ).toBe('kubevirt-hyperconverged');
    expect(
      chooseStorageDefaultsNamespace({ configMapNamespaces: [], hyperConvergedNamespace: 'cnv' }),
    ).toBe('cnv');
    expect(chooseStorageDefaultsNamespace({ configMapNamespaces: [] })).toBe('openshift-cnv');
  });
});

describe('HyperConverged', () => {
  it('detects ownership and the default keys it will put back', () => {
    expect(
      isManagedByHyperConverged({
        metadata: {
          ownerReferences: [{ kind: 'HyperConverged', apiVersion: 'hco.kubevirt.io/v1beta1' }],
        },
      }),
    ).toBe(true);
    expect(isManagedByHyperConverged({ metadata: { labels: { app: 'x' } } })).toBe(false);
    const reverted = keysHyperConvergedReverts({
      accessMode: 'ReadWriteMany',
      volumeMode: 'Filesystem',
      'local-sc.accessMode': 'ReadWriteOnce',
      'local-sc.volumeMode': 'Filesystem',
      'ocs-storagecluster-ceph-rbd.accessMode': 'ReadWriteMany',
    });
    expect(reverted).toEqual([
      { key: 'accessMode', wanted: 'ReadWriteMany', restored: 'ReadWriteOnce' },
      { key: 'ocs-storagecluster-ceph-rbd.volumeMode', wanted: undefined, restored: 'Block' },
    ]);
  });
});

describe('support warnings', () => {
  it('warns about shared access on node-local storage and Block on hostpath', () => {
    expect(
      supportWarnings('local', 'kubernetes.io/no-provisioner', { accessMode: 'ReadWriteMany' }).map(
        (w) => w.kind,
      ),
    ).toEqual(['shared-access-on-node-local']);
    expect(
      supportWarnings('hpp', 'kubevirt.io.hostpath-provisioner', {
        accessMode: 'ReadWriteOnce',
        volumeMode: 'Block',
      }).map((w) => w.kind),
    ).toEqual(['block-on-filesystem-only']);
    expect(
      supportWarnings('local', 'kubernetes.io/no-provisioner', {
        accessMode: 'ReadWriteOnce',
        volumeMode: 'Block',
      }),
    ).toEqual([]);
  });

  it('warns when the StorageProfile does not list the combination', () => {
    const profile = {
      status: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }] },
    };
    expect(
      supportWarnings('ceph', 'rbd.csi.ceph.com', { volumeMode: 'Block' }, profile).map(
        (w) => w.kind,
      ),
    ).toEqual(['not-in-storageprofile']);
  });
});

describe('concurrent edits', () => {
  const base = { accessMode: 'ReadWriteOnce', 'a.accessMode': 'ReadWriteOnce' };
  it('lists changed keys', () => {
    expect(changedKeys(base, { accessMode: 'ReadWriteMany', 'b.volumeMode': 'Block' })).toEqual([
      { key: 'a.accessMode', before: 'ReadWriteOnce', after: undefined },
      { key: 'accessMode', before: 'ReadWriteOnce', after: 'ReadWriteMany' },
      { key: 'b.volumeMode', before: undefined, after: 'Block' },
    ]);
  });

  it('re-applies my edit on top of theirs and names what it overwrites', () => {
    const mine = {
      accessMode: 'ReadWriteMany',
      'a.accessMode': 'ReadWriteOnce',
      'm.volumeMode': 'Block',
    };
    const theirs = {
      accessMode: 'ReadOnlyMany',
      'a.accessMode': 'ReadWriteOnce',
      't.volumeMode': 'Block',
    };
    expect(reapplyOnTop(base, mine, theirs)).toEqual({
      data: {
        accessMode: 'ReadWriteMany',
        'a.accessMode': 'ReadWriteOnce',
        'm.volumeMode': 'Block',
        't.volumeMode': 'Block',
      },
      overwritten: [{ key: 'accessMode', before: 'ReadOnlyMany', after: 'ReadWriteMany' }],
    });
  });
});

describe('copyToProfilePatch', () => {
  it('puts the row first and keeps the admin sets', () => {
    const profile = {
      spec: {
        claimPropertySets: [
          { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
          { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
        ],
      },
    };
    expect(
      copyToProfilePatch(profile, { accessMode: 'ReadWriteMany', volumeMode: 'Block' }),
    ).toEqual([
      {
        op: 'add',
        path: '/spec/claimPropertySets',
        value: [
          { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
          { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
        ],
      },
    ]);
    expect(
      copyToProfilePatch({}, { accessMode: 'ReadWriteOnce', volumeMode: 'Filesystem' }),
    ).toEqual([
      {
        op: 'add',
        path: '/spec',
        value: {
          claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
        },
      },
    ]);
  });
});
