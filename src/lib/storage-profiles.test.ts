// StorageProfile editing model. Facts checked against kubevirt/containerized-data-importer v1.66:
// staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go (schema),
// pkg/controller/storageprofile-controller.go (status from spec or capabilities),
// pkg/storagecapabilities/storagecapabilities.go (capabilities, provisioner keys, no-provisioner from PVs).
import { describe, expect, it } from 'vitest';
import { cdiCapabilities, impossibleFor, provisionerKey } from './storage-capabilities';
import {
  cdiRecommendation,
  formFromSpec,
  reapplySpecOnTop,
  sameSets,
  specChanges,
  specFromForm,
  validateProfileSpec,
} from './storage-profiles';
import type { ProfileContext, StorageProfileSpec } from './storage-profiles';
import { checkStorageProfileYaml, fieldPath, profileToYaml } from './storage-profiles-yaml';

const HPP: ProfileContext = {
  storageClass: 'hpp-csi',
  provisioner: 'kubevirt.io.hostpath-provisioner',
};
const RBD: ProfileContext = {
  storageClass: 'ceph-rbd',
  provisioner: 'openshift-storage.rbd.csi.ceph.com',
};
const LOCAL: ProfileContext = {
  storageClass: 'local',
  provisioner: 'kubernetes.io/no-provisioner',
  persistentVolumes: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
};
const set = (accessModes: unknown, volumeMode?: unknown) =>
  ({ claimPropertySets: [{ accessModes, volumeMode }] }) as StorageProfileSpec;

describe('validateProfileSpec', () => {
  it.each([
    ['no sets (CDI decides)', {}, HPP, []],
    ['a valid set', set(['ReadWriteOnce'], 'Filesystem'), HPP, []],
    [
      'empty access modes',
      set([], 'Filesystem'),
      HPP,
      [['empty-access-modes', 'error', 'spec.claimPropertySets[0].accessModes']],
    ],
    [
      'missing access modes',
      set(undefined, 'Filesystem'),
      HPP,
      [['empty-access-modes', 'error', 'spec.claimPropertySets[0].accessModes']],
    ],
    [
      'missing volume mode',
      set(['ReadWriteOnce']),
      HPP,
      [['missing-volume-mode', 'error', 'spec.claimPropertySets[0].volumeMode']],
    ],
    [
      'unknown volume mode',
      set(['ReadWriteOnce'], 'Blok'),
      HPP,
      [['unknown-volume-mode', 'error', 'spec.claimPropertySets[0].volumeMode']],
    ],
    [
      'unknown access mode',
      set(['ReadWriteSome'], 'Filesystem'),
      HPP,
      [['unknown-access-mode', 'error', 'spec.claimPropertySets[0].accessModes[0]']],
    ],
    [
      'five access modes',
      set(
        ['ReadWriteOnce', 'ReadWriteOnce', 'ReadWriteOnce', 'ReadWriteOnce', 'ReadWriteOnce'],
        'Filesystem',
      ),
      { storageClass: 'x' },
      [
        ['too-many-access-modes', 'error', 'spec.claimPropertySets[0].accessModes'],
        ...[1, 2, 3, 4].map((i) => [
          'duplicate-access-mode',
          'warning',
          `spec.claimPropertySets[0].accessModes[${String(i)}]`,
        ]),
      ],
    ],
    [
      'RWX on node-local HPP',
      set(['ReadWriteMany'], 'Filesystem'),
      HPP,
      [['node-local', 'error', 'spec.claimPropertySets[0].accessModes']],
    ],
    [
      'Block on HPP (directories)',
      set(['ReadWriteOnce'], 'Block'),
      HPP,
      [['filesystem-only', 'error', 'spec.claimPropertySets[0].volumeMode']],
    ],
    [
      'RWX Filesystem on Ceph RBD',
      set(['ReadWriteMany'], 'Filesystem'),
      RBD,
      [['shared-only-as-block', 'error', 'spec.claimPropertySets[0].accessModes']],
    ],
    ['RWX Block on Ceph RBD', set(['ReadWriteMany'], 'Block'), RBD, []],
    [
      'RWOP on RBD: possible, not in CDI table',
      set(['ReadWriteOncePod'], 'Block'),
      RBD,
      [['not-in-capabilities', 'warning', 'spec.claimPropertySets[0].accessModes']],
    ],
    [
      'RWX on HPP overlay (shared)',
      set(['ReadWriteMany'], 'Filesystem'),
      { ...HPP, parameters: { overlayCSI: 'true' } },
      [],
    ],
    [
      'no-provisioner: no PV offers Block',
      set(['ReadWriteOnce'], 'Block'),
      LOCAL,
      [['no-matching-pv', 'warning', 'spec.claimPropertySets[0].accessModes']],
    ],
    ['no-provisioner: a PV offers it', set(['ReadWriteOnce'], 'Filesystem'), LOCAL, []],
    [
      'unknown clone strategy',
      { cloneStrategy: 'rsync' },
      HPP,
      [['unknown-clone-strategy', 'error', 'spec.cloneStrategy']],
    ],
    [
      'unknown source format',
      { dataImportCronSourceFormat: 'qcow2' },
      HPP,
      [['unknown-source-format', 'error', 'spec.dataImportCronSourceFormat']],
    ],
    [
      'sets not a list',
      { claimPropertySets: 'RWO' },
      HPP,
      [['not-a-list', 'error', 'spec.claimPropertySets']],
    ],
    [
      'nine sets',
      {
        claimPropertySets: Array.from({ length: 9 }, () => ({
          accessModes: ['ReadWriteOnce'],
          volumeMode: 'Filesystem',
        })),
      },
      { storageClass: 'x' },
      [
        ['too-many-sets', 'error', 'spec.claimPropertySets'],
        ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => [
          'duplicate-set',
          'warning',
          `spec.claimPropertySets[${String(i)}]`,
        ]),
      ],
    ],
  ] as [string, StorageProfileSpec, ProfileContext, [string, string, string][]][])(
    '%s',
    (_name, spec, context, expected) => {
      const problems = validateProfileSpec(spec, context).map((p) => [p.kind, p.severity, p.field]);
      expect(problems).toEqual(expected);
    },
  );
});

describe('form model', () => {
  it('round-trips the spec and keeps the fields the form does not edit', () => {
    const spec: StorageProfileSpec = {
      claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }],
      cloneStrategy: 'csi-clone',
      snapshotClass: 'ocs-rbd-snap',
    };
    expect(specFromForm(formFromSpec(spec), spec)).toEqual(spec);
  });
  it('drops claimPropertySets when the form has no sets and keeps unset fields out', () => {
    const form = formFromSpec({
      claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
    });
    expect(specFromForm({ ...form, sets: [] }, { claimPropertySets: [] })).toEqual({});
  });
  it('keeps an invalid value so a view switch loses nothing', () => {
    const form = formFromSpec(set(['ReadWriteSome'], 'Blok'));
    expect(form.sets).toEqual([{ accessModes: ['ReadWriteSome'], volumeMode: 'Blok' }]);
  });
});

describe('cdiRecommendation', () => {
  it('is the status CDI computed while the spec sets nothing', () => {
    const r = cdiRecommendation({
      spec: {},
      status: {
        provisioner: 'x',
        claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
      },
    });
    expect(r).toEqual({
      source: 'status',
      sets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
    });
  });
  it('is CDI’s capabilities table once the spec overrides the status', () => {
    const r = cdiRecommendation({
      spec: { claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }] },
      status: {
        provisioner: 'openshift-storage.rbd.csi.ceph.com',
        claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
      },
    });
    expect(r?.source).toBe('capabilities');
    expect(r?.sets.map((s) => `${s.accessModes.join()}/${s.volumeMode}`)).toEqual([
      'ReadWriteMany/Block',
      'ReadWriteOnce/Block',
      'ReadWriteOnce/Filesystem',
    ]);
  });
  it('is nothing for a provisioner CDI does not know', () => {
    expect(
      cdiRecommendation({ spec: {}, status: { provisioner: 'example.com/x' } }),
    ).toBeUndefined();
  });
});

describe('storage capabilities', () => {
  it('derives no-provisioner pairs from the class PVs, each pair once (CDI ≥ 1.49)', () => {
    expect(
      cdiCapabilities('kubernetes.io/no-provisioner', undefined, [
        { accessModes: ['ReadWriteOnce'] },
        { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
        { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], volumeMode: 'Block' },
      ]),
    ).toEqual([
      { accessMode: 'ReadWriteOnce', volumeMode: 'Filesystem' },
      { accessMode: 'ReadWriteOnce', volumeMode: 'Block' },
      { accessMode: 'ReadOnlyMany', volumeMode: 'Block' },
    ]);
    expect(cdiCapabilities('kubernetes.io/no-provisioner', undefined, [])).toBeUndefined();
  });
  it('tells the HPP overlay variant apart by the overlayCSI parameter', () => {
    expect(
      provisionerKey('kubevirt.io.hostpath-provisioner', { overlayCSI: 'true', storagePool: 'x' }),
    ).toBe('kubevirt.io.hostpath-provisioner/overlay');
    expect(provisionerKey('kubevirt.io.hostpath-provisioner', { storagePool: 'x' })).toBe(
      'kubevirt.io.hostpath-provisioner',
    );
    expect(
      impossibleFor('kubevirt.io.hostpath-provisioner/overlay', 'ReadWriteMany', 'Filesystem'),
    ).toBeUndefined();
  });
});

describe('conflicts', () => {
  const base: StorageProfileSpec = {
    claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
  };
  it('lists changed fields as one line each', () => {
    expect(specChanges(base, { ...base, cloneStrategy: 'copy' })).toEqual([
      { field: 'cloneStrategy', before: undefined, after: 'copy' },
    ]);
    expect(specChanges(base, {})).toEqual([
      { field: 'claimPropertySets', before: 'ReadWriteOnce / Filesystem', after: undefined },
    ]);
  });
  it('re-applies my fields on top of theirs and names what mine overwrites', () => {
    const mine: StorageProfileSpec = {
      claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }],
    };
    const theirs: StorageProfileSpec = {
      claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }],
      cloneStrategy: 'snapshot',
    };
    const result = reapplySpecOnTop(base, mine, theirs);
    expect(result.spec).toEqual({ ...mine, cloneStrategy: 'snapshot' });
    expect(result.overwritten).toEqual([
      {
        field: 'claimPropertySets',
        before: 'ReadWriteMany / Block',
        after: 'ReadWriteOnce / Block',
      },
    ]);
  });
  it('compares set lists in order', () => {
    const a = [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }];
    const b = [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Block' }];
    expect(sameSets(a, a)).toBe(true);
    expect(sameSets([...a, ...b], [...b, ...a])).toBe(false);
  });
});

describe('checkStorageProfileYaml', () => {
  const header = [
    'apiVersion: cdi.kubevirt.io/v1beta1',
    'kind: StorageProfile',
    'metadata:',
    '  name: hpp-csi',
    'spec:',
    '  claimPropertySets:',
  ];
  it('puts each problem on its line', () => {
    const text = [
      ...header,
      '  - accessModes: []',
      '    volumeMode: Filesystem',
      '  - accessModes: [ReadWriteOnce]',
      '    volumeMode: Blok',
      '',
    ].join('\n');
    const check = checkStorageProfileYaml(text, HPP);
    expect(check.problems.map((p) => [p.kind, p.line])).toEqual([
      ['empty-access-modes', 7],
      ['unknown-volume-mode', 10],
    ]);
  });
  it('refuses another kind or name, and reports syntax errors', () => {
    const wrong = checkStorageProfileYaml(
      ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: other', ''].join('\n'),
      HPP,
    );
    expect(wrong.problems.map((p) => [p.kind, p.line])).toEqual([
      ['wrong-kind', 2],
      ['wrong-name', 4],
    ]);
    expect(checkStorageProfileYaml('spec: [', HPP).problems[0]?.kind).toBe('syntax');
  });
  it('prints the editable metadata and spec, not status', () => {
    const text = profileToYaml({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'StorageProfile',
      metadata: { name: 'hpp-csi', managedFields: [], uid: 'u', labels: { a: 'b' } },
      spec: {},
      status: { provisioner: 'x' },
    });
    expect(text).not.toContain('status');
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('uid');
    expect(text).toContain('a: b');
    expect(checkStorageProfileYaml(text, HPP).problems).toEqual([]);
  });
  it('parses field paths', () => {
    expect(fieldPath('spec.claimPropertySets[2].accessModes[1]')).toEqual([
      'spec',
      'claimPropertySets',
      2,
      'accessModes',
      1,
    ]);
  });
});
