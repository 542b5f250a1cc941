import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildLocalPV,
  ddBlocks,
  loopDeviceCommands,
  parseLabels,
  pathProblem,
  validateLocalPV,
} from './local-pv';
import type { LocalPVContext, LocalPVFormInput } from './local-pv';

const context: LocalPVContext = {
  nodes: new Map([
    ['worker-0', 'worker-0'],
    ['worker-1', 'worker-1.example.com'],
  ]),
  existing: [
    { name: 'local-pv-a', hostnames: ['worker-0'], path: '/mnt/local-storage/local/disk1' },
    { name: 'loop-pv', hostnames: ['worker-1.example.com'], path: '/dev/loop10' },
  ],
};

const input = (overrides: Partial<LocalPVFormInput> = {}): LocalPVFormInput => ({
  name: 'local-block-pv10',
  node: 'worker-0',
  path: '/dev/loop10',
  capacity: '2Gi',
  storageClassName: 'local',
  labelsText: '',
  ...overrides,
});

describe('buildLocalPV', () => {
  it('writes the seed 6.12.3.4 block PV with the user values', () => {
    const seedPv = parse(`
kind: PersistentVolume
apiVersion: v1
metadata:
  name: local-block-pv10
spec:
  local:
    path: /dev/loop10
  capacity:
    storage: 2Gi
  volumeMode: Block
  storageClassName: local
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Delete
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values:
          - node01
`) as unknown;
    const pv = buildLocalPV({
      name: 'local-block-pv10',
      hostname: 'node01',
      volumeMode: 'Block',
      path: '/dev/loop10',
      capacity: '2Gi',
      storageClassName: 'local',
      accessMode: 'ReadWriteOnce',
      reclaimPolicy: 'Delete',
      labels: {},
    });
    expect(pv).toEqual(seedPv);
  });

  it('writes a filesystem PV with labels and leaves out an empty class', () => {
    const pv = buildLocalPV({
      name: 'destination-pv',
      hostname: 'node01',
      volumeMode: 'Filesystem',
      path: '/mnt/local-storage/local/disk1/',
      capacity: '10Gi',
      storageClassName: ' ',
      accessMode: 'ReadWriteOnce',
      reclaimPolicy: 'Retain',
      labels: { node: 'node01' },
    });
    expect(pv.metadata.labels).toEqual({ node: 'node01' });
    expect(pv.spec.local.path).toBe('/mnt/local-storage/local/disk1');
    expect(pv.spec.volumeMode).toBe('Filesystem');
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect('storageClassName' in pv.spec).toBe(false);
  });
});

describe('validateLocalPV', () => {
  it('accepts good values', () => {
    expect(validateLocalPV(input(), context)).toEqual([]);
  });

  it('refuses a relative path, dot segments and the root', () => {
    expect(pathProblem('dev/loop10')).toBe('not-absolute');
    expect(pathProblem('/mnt/../etc')).toBe('dot-segment');
    expect(pathProblem('/')).toBe('root');
    expect(pathProblem('/mnt/a b')).toBe('whitespace');
    expect(validateLocalPV(input({ path: 'loop10' }), context)).toContainEqual({
      field: 'path',
      kind: 'not-absolute',
    });
  });

  it.each([
    ['../x.img', 'not-absolute'],
    ['x.img; rm -rf /', 'whitespace'],
    ['/var/local-storage/../x.img', 'dot-segment'],
    ['', 'empty'],
  ] as const)(
    'refuses the loop backing file %j (%s) instead of dropping the node commands',
    (backingFile, kind) => {
      expect(validateLocalPV(input({ backingFile }), context)).toContainEqual({
        field: 'backingFile',
        kind,
      });
    },
  );

  it('checks the backing file only when the form makes a loop device', () => {
    expect(validateLocalPV(input({ backingFile: '/var/local-storage/a.img' }), context)).toEqual(
      [],
    );
    expect(validateLocalPV(input(), context)).toEqual([]);
  });

  it('refuses a path another PV already claims on the same node (by node name or hostname)', () => {
    expect(
      validateLocalPV(input({ path: '/mnt/local-storage/local/disk1/' }), context),
    ).toContainEqual({ field: 'path', kind: 'claimed', by: 'local-pv-a' });
    expect(validateLocalPV(input(), context)).toEqual([]);
    expect(
      validateLocalPV(input({ node: 'worker-1', path: '/dev/loop10/' }), context),
    ).toContainEqual({ field: 'path', kind: 'claimed', by: 'loop-pv' });
  });

  it('refuses the same path on the node the hostname belongs to', () => {
    const problems = validateLocalPV(
      input({ node: 'worker-1', path: '/dev//loop10', name: 'other' }),
      {
        ...context,
        existing: [{ name: 'x', hostnames: ['worker-1.example.com'], path: '/dev/loop10' }],
      },
    );
    expect(problems).toContainEqual({ field: 'path', kind: 'claimed', by: 'x' });
  });

  it('refuses an unknown node, a bad quantity, zero, a taken name and bad labels', () => {
    const problems = validateLocalPV(
      input({ node: 'worker-9', capacity: '2GB', name: 'local-pv-a', labelsText: 'ok=1, bad' }),
      context,
    );
    expect(problems).toContainEqual({ field: 'node', kind: 'unknown', node: 'worker-9' });
    expect(problems.find((p) => p.field === 'capacity')).toMatchObject({ kind: 'invalid' });
    expect(problems).toContainEqual({ field: 'name', kind: 'taken' });
    expect(problems).toContainEqual({ field: 'labels', kind: 'invalid', entries: ['bad'] });
    expect(validateLocalPV(input({ capacity: '0' }), context)).toContainEqual({
      field: 'capacity',
      kind: 'zero',
    });
  });
});

describe('parseLabels', () => {
  it('reads key=value pairs and reports invalid ones', () => {
    expect(parseLabels('node=node01\n app.kubernetes.io/part-of=vm , x=')).toEqual({
      labels: { node: 'node01', 'app.kubernetes.io/part-of': 'vm', x: '' },
      invalid: [],
    });
    expect(parseLabels('a=b c, -x=1').invalid).toEqual(['a=b c', '-x=1']);
  });
});

describe('loop device commands', () => {
  it('picks dd blocks that make exactly the capacity', () => {
    expect(ddBlocks(2n * 1024n ** 3n)).toEqual({ bs: '1G', count: 2n });
    expect(ddBlocks(2000n * 1024n ** 2n)).toEqual({ bs: '100M', count: 20n });
    expect(ddBlocks(1536n * 1024n ** 2n)).toEqual({ bs: '1M', count: 1536n });
    // 2G (decimal) is not a whole MiB: rounded up so the file is never smaller than the PV.
    expect(ddBlocks(2_000_000_000n)).toEqual({ bs: '1M', count: 1908n });
  });

  it('prints dd and losetup with the user values, quoted for the shell', () => {
    expect(
      loopDeviceCommands({ backingFile: '/var/loop10', device: '/dev/loop10', capacity: '2Gi' }),
    ).toEqual(['dd if=/dev/zero of=/var/loop10 bs=1G count=2', 'losetup /dev/loop10 /var/loop10']);
    expect(
      loopDeviceCommands({ backingFile: "/var/it's", device: '/dev/loop3', capacity: '100Mi' }),
    ).toEqual([
      `dd if=/dev/zero of='/var/it'\\''s' bs=100M count=1`,
      `losetup /dev/loop3 '/var/it'\\''s'`,
    ]);
    expect(loopDeviceCommands({ backingFile: 'rel', device: '/dev/loop3', capacity: '1Gi' })).toBe(
      undefined,
    );
  });
});
