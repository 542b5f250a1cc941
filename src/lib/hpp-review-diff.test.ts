import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { comparable, describeChange, diffLines } from './hpp-review-diff';

const render = (o: unknown) => stringify(o);

describe('diffLines', () => {
  it.each([
    ['equal', 'a\nb', 'a\nb', ['=a', '=b']],
    ['added at end', 'a', 'a\nb', ['=a', '+b']],
    ['removed in middle', 'a\nb\nc', 'a\nc', ['=a', '-b', '=c']],
    ['replaced', 'a\nb\nc', 'a\nx\nc', ['=a', '-b', '+x', '=c']],
    ['from empty', '', 'a', ['+a']],
    ['to empty', 'a\n', '', ['-a']],
  ])('%s', (_title, before, after, expected) => {
    const ops = { same: '=', add: '+', remove: '-' } as const;
    expect(diffLines(before, after).map((l) => `${ops[l.op]}${l.text}`)).toEqual(expected);
  });
});

describe('comparable', () => {
  it('keeps only the compared fields and drops tool annotations', () => {
    expect(
      comparable({
        apiVersion: 'v1',
        kind: 'X',
        metadata: {
          name: 'a',
          uid: 'u',
          resourceVersion: '7',
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
        },
        spec: { a: 1 },
        status: { b: 2 },
      }),
    ).toEqual({ apiVersion: 'v1', kind: 'X', metadata: { name: 'a' }, spec: { a: 1 } });
  });
});

describe('describeChange', () => {
  const existing = {
    apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
    kind: 'HostPathProvisioner',
    metadata: { name: 'hostpath-provisioner', resourceVersion: '3' },
    spec: { storagePools: [{ name: 'local', path: '/var/hpvolumes' }] },
    status: { conditions: [] },
  };
  it('new when nothing exists', () => {
    expect(describeChange(undefined, existing, render)).toEqual({ state: 'new' });
  });
  it('unchanged when only server fields differ', () => {
    expect(
      describeChange(existing, { ...existing, metadata: { name: 'hostpath-provisioner' } }, render),
    ).toEqual({ state: 'unchanged' });
  });
  it('storagePools → pathConfig shows both sides', () => {
    const change = describeChange(
      existing,
      { ...existing, spec: { pathConfig: { path: '/var/hpvolumes', useNamingPrefix: false } } },
      render,
    );
    expect(change.state).toBe('changed');
    if (change.state !== 'changed') return;
    expect(change.lines.filter((l) => l.op === 'remove').map((l) => l.text.trim())).toContain(
      'storagePools:',
    );
    expect(change.lines.filter((l) => l.op === 'add').map((l) => l.text.trim())).toContain(
      'pathConfig:',
    );
    expect(change.added).toBeGreaterThan(0);
    expect(change.removed).toBeGreaterThan(0);
  });
});
