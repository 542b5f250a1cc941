// Finding a move again from the cluster: the clone DataVolume's labels name the VM and volume it moves.
import { describe, expect, it } from 'vitest';
import {
  MOVED_FROM_ANNOTATION,
  MOVE_RESTART_ANNOTATION,
  MOVE_SOURCE_NAMESPACE_LABEL,
  MOVE_SOURCE_VM_LABEL,
  MOVE_SOURCE_VOLUME_LABEL,
  buildCloneDataVolume,
  findMove,
  freeCloneName,
  leftoverClones,
} from './clone-datavolume';

const clone = (name: string, created: string, extra: Record<string, unknown> = {}) => ({
  metadata: {
    name,
    namespace: 'ns',
    creationTimestamp: created,
    labels: {
      [MOVE_SOURCE_NAMESPACE_LABEL]: 'ns',
      [MOVE_SOURCE_VM_LABEL]: 'vm',
      [MOVE_SOURCE_VOLUME_LABEL]: 'rootdisk',
    },
    annotations: { [MOVED_FROM_ANNOTATION]: 'ns/root' },
    ...extra,
  },
});
const vmReading = (dv: string) => ({
  metadata: { name: 'vm', namespace: 'ns' },
  spec: { template: { spec: { volumes: [{ name: 'rootdisk', dataVolume: { name: dv } }] } } },
});

describe('buildCloneDataVolume labels', () => {
  it('labels the clone with the VM, volume and namespace; remembers the restart', () => {
    const dv = buildCloneDataVolume({
      name: 'root-worker-1',
      namespace: 'ns',
      source: { namespace: 'ns', name: 'root' },
      target: {
        name: 'pv',
        capacity: '10Gi',
        volumeMode: 'Filesystem',
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'local',
      },
      label: { key: 'k', value: 'v' },
      move: { namespace: 'ns', vm: 'vm', volume: 'rootdisk', restart: true },
    });
    expect(dv.metadata.labels).toEqual({
      [MOVE_SOURCE_NAMESPACE_LABEL]: 'ns',
      [MOVE_SOURCE_VM_LABEL]: 'vm',
      [MOVE_SOURCE_VOLUME_LABEL]: 'rootdisk',
    });
    expect(dv.metadata.annotations[MOVE_RESTART_ANNOTATION]).toBe('true');
  });
});

describe('findMove', () => {
  it.each([
    ['no clone', [], vmReading('root'), ['root'], undefined],
    [
      'clone running, VM reads the source',
      [clone('c1', '2026-01-01T00:00:00Z')],
      vmReading('root'),
      ['root', 'c1'],
      { clone: 'c1', stage: 'cloning', sourceClaim: 'root', restart: false },
    ],
    [
      'VM re-wired, source still there',
      [clone('c1', '2026-01-01T00:00:00Z')],
      vmReading('c1'),
      ['root', 'c1'],
      { clone: 'c1', stage: 'rewired', sourceClaim: 'root', restart: false },
    ],
    [
      're-wired and source deleted: finished',
      [clone('c1', 'x')],
      vmReading('c1'),
      ['c1'],
      undefined,
    ],
    [
      'oldest of several wins',
      [clone('c2', '2026-01-02T00:00:00Z'), clone('c1', '2026-01-01T00:00:00Z')],
      vmReading('root'),
      ['root'],
      { clone: 'c1', stage: 'cloning', sourceClaim: 'root', restart: false },
    ],
    [
      'being deleted is ignored',
      [clone('c1', 'x', { deletionTimestamp: 'y' })],
      vmReading('root'),
      ['root'],
      undefined,
    ],
    [
      'restart remembered',
      [
        clone('c1', 'x', {
          annotations: { [MOVED_FROM_ANNOTATION]: 'ns/root', [MOVE_RESTART_ANNOTATION]: 'true' },
        }),
      ],
      vmReading('root'),
      ['root'],
      { clone: 'c1', stage: 'cloning', sourceClaim: 'root', restart: true },
    ],
  ])('%s', (_t, dvs, vm, claims, expected) => {
    expect(findMove(dvs, vm, 'rootdisk', claims)).toEqual(expected);
  });

  it('another volume or VM does not match', () => {
    expect(findMove([clone('c1', 'x')], vmReading('root'), 'datadisk', ['root'])).toBeUndefined();
    expect(
      findMove(
        [clone('c1', 'x')],
        { ...vmReading('root'), metadata: { name: 'other', namespace: 'ns' } },
        'rootdisk',
        ['root'],
      ),
    ).toBeUndefined();
  });
});

describe('leftoverClones', () => {
  it('lists labelled clones no VM reads', () => {
    const dvs = [
      clone('c2', 'x'),
      clone('c1', 'x'),
      { metadata: { name: 'plain', namespace: 'ns' } },
    ];
    expect(leftoverClones(dvs, [vmReading('c1')]).map((d) => d.metadata.name)).toEqual(['c2']);
    expect(leftoverClones(dvs, []).map((d) => d.metadata.name)).toEqual(['c1', 'c2']);
  });
});

describe('freeCloneName', () => {
  it.each([
    ['free', 'a', [], 'a'],
    ['taken', 'a', ['a'], 'a-2'],
    ['two taken', 'a', ['a', 'a-2'], 'a-3'],
    ['kept at 63', 'x'.repeat(63), ['x'.repeat(63)], `${'x'.repeat(61)}-2`],
  ])('%s', (_t, base, taken, expected) => {
    expect(freeCloneName(base, taken)).toBe(expected);
  });
});
