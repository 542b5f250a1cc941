// Facts from kubevirt/hostpath-provisioner pkg/hostpath/controllerserver.go `CreateVolume` (a pool the driver
// was not started with: "unable to locate path for storage pool") and kubevirt/hostpath-provisioner-operator
// pkg/controller/hostpathprovisioner/controller.go `isLegacy` (pathConfig: legacy provisioner + CSI pool `legacy`).
import { describe, expect, it } from 'vitest';
import { CSI_PROVISIONER, LEGACY_PROVISIONER } from './hpp-manifests';
import type { HppSpecLike } from './hpp-manifests';
import { orphanedClasses, servingPath } from './hpp-orphans';

const csiClass = (name: string, pool: string) => ({
  metadata: { name },
  provisioner: CSI_PROVISIONER,
  parameters: { storagePool: pool },
});
const legacyClass = (name: string) => ({ metadata: { name }, provisioner: LEGACY_PROVISIONER });
const claim = (ns: string, name: string, sc: string) => ({
  metadata: { namespace: ns, name },
  spec: { storageClassName: sc },
});

const csiSpec: HppSpecLike = { storagePools: [{ name: 'local', path: '/var/hpvolumes' }] };
const legacySpec: HppSpecLike = { pathConfig: { path: '/var/hpvolumes', useNamingPrefix: false } };

describe('servingPath', () => {
  it.each([
    ['csi class, its pool', csiSpec, csiClass('a', 'local'), '/var/hpvolumes'],
    ['csi class, unknown pool', csiSpec, csiClass('a', 'other'), undefined],
    ['legacy class under storagePools', csiSpec, legacyClass('a'), undefined],
    ['legacy class under pathConfig', legacySpec, legacyClass('a'), '/var/hpvolumes'],
    ['csi pool "legacy" under pathConfig', legacySpec, csiClass('a', 'legacy'), '/var/hpvolumes'],
    ['no CR', undefined, csiClass('a', 'local'), undefined],
    ['other provisioner', csiSpec, { metadata: { name: 'x' }, provisioner: 'ebs' }, undefined],
  ])('%s', (_title, spec, sc, expected) => {
    expect(servingPath(spec, sc)).toBe(expected);
  });
});

describe('orphanedClasses', () => {
  const classes = [csiClass('hpp-csi', 'local'), legacyClass('hpp-legacy'), csiClass('gone', 'x')];
  const claims = [
    claim('vm-images', 'disk-b', 'hpp-csi'),
    claim('default', 'disk-a', 'hpp-csi'),
    claim('default', 'old', 'hpp-legacy'),
  ];

  it('csi → legacy names the csi class and its claims (the issue 15 case)', () => {
    expect(orphanedClasses(csiSpec, legacySpec, classes, claims)).toEqual([
      {
        className: 'hpp-csi',
        reason: 'no-longer-served',
        path: '/var/hpvolumes',
        claims: ['default/disk-a', 'vm-images/disk-b'],
      },
    ]);
  });

  it('legacy → csi names the legacy class', () => {
    expect(orphanedClasses(legacySpec, csiSpec, classes, claims).map((o) => o.className)).toEqual([
      'hpp-legacy',
    ]);
  });

  it('a moved pool path keeps the class served but from another directory', () => {
    const moved: HppSpecLike = { storagePools: [{ name: 'local', path: '/mnt/disks/' }] };
    expect(orphanedClasses(csiSpec, moved, classes, [])).toEqual([
      {
        className: 'hpp-csi',
        reason: 'path-changed',
        path: '/var/hpvolumes',
        newPath: '/mnt/disks',
        claims: [],
      },
    ]);
  });

  it('the same spec, a trailing slash or an added pool orphans nothing', () => {
    expect(orphanedClasses(csiSpec, csiSpec, classes, claims)).toEqual([]);
    expect(
      orphanedClasses(
        csiSpec,
        {
          storagePools: [
            { name: 'local', path: '/var/hpvolumes/' },
            { name: 'b', path: '/b' },
          ],
        },
        classes,
        claims,
      ),
    ).toEqual([]);
  });

  it('nothing existed: nothing to orphan', () => {
    expect(orphanedClasses(undefined, csiSpec, classes, claims)).toEqual([]);
  });
});
