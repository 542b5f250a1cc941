import { describe, expect, it } from 'vitest';
import { focusHref, isFocused, namespaceToShowFocus, parseFocus } from './focus';

describe('focus links', () => {
  it('builds the Overview link for namespaced and cluster-scoped objects', () => {
    expect(focusHref('PersistentVolumeClaim', 'vms', 'disk-1')).toBe(
      '/vm-disks/overview?focus=PersistentVolumeClaim/vms/disk-1',
    );
    expect(focusHref('PersistentVolume', undefined, 'pv-1')).toBe(
      '/vm-disks/overview?focus=PersistentVolume//pv-1',
    );
  });

  it('round-trips through parseFocus', () => {
    const href = focusHref('PersistentVolumeClaim', 'vms', 'disk.1');
    expect(parseFocus(href.slice(href.indexOf('?')))).toEqual({
      kind: 'PersistentVolumeClaim',
      namespace: 'vms',
      name: 'disk.1',
    });
  });

  it.each([
    ['?focus=PersistentVolume//pv-1', { kind: 'PersistentVolume', namespace: '', name: 'pv-1' }],
    ['?focus=PersistentVolume/pv-1', { kind: 'PersistentVolume', namespace: '', name: 'pv-1' }],
    [
      '?focus=PersistentVolumeClaim%2Fvms%2Fdisk',
      { kind: 'PersistentVolumeClaim', namespace: 'vms', name: 'disk' },
    ],
    ['?other=1&focus=DataVolume/ns/dv', { kind: 'DataVolume', namespace: 'ns', name: 'dv' }],
    ['', undefined],
    ['?focus=', undefined],
    ['?focus=PersistentVolume', undefined],
    ['?focus=PersistentVolume//', undefined],
    ['?focus=/ns/name', undefined],
    ['?focus=a/b/c/d', undefined],
    ['?focus=Kind/ns/<script>', undefined],
  ])('parseFocus(%j)', (search, focus) => {
    expect(parseFocus(search)).toEqual(focus);
  });

  it('matches exactly one object', () => {
    const focus = { kind: 'PersistentVolumeClaim', namespace: 'vms', name: 'disk' };
    expect(isFocused(focus, 'PersistentVolumeClaim', 'vms', 'disk')).toBe(true);
    expect(isFocused(focus, 'PersistentVolumeClaim', 'other', 'disk')).toBe(false);
    expect(isFocused(focus, 'PersistentVolume', 'vms', 'disk')).toBe(false);
    expect(isFocused(focus, 'PersistentVolumeClaim', 'vms', 'disk2')).toBe(false);
    expect(isFocused(undefined, 'PersistentVolumeClaim', 'vms', 'disk')).toBe(false);
    expect(
      isFocused(
        { kind: 'PersistentVolume', namespace: '', name: 'pv' },
        'PersistentVolume',
        undefined,
        'pv',
      ),
    ).toBe(true);
  });
});

describe('namespaceToShowFocus', () => {
  const ALL = '#ALL_NS#';
  const pvc = { kind: 'PersistentVolumeClaim', namespace: 'vms', name: 'disk' };
  it.each([
    [pvc, 'default', 'vms'],
    [pvc, 'vms', undefined],
    [pvc, ALL, undefined],
    [{ kind: 'PersistentVolume', namespace: '', name: 'pv' }, 'default', undefined],
    [undefined, 'default', undefined],
  ])('%j with active %s → %s', (focus, active, expected) => {
    expect(namespaceToShowFocus(focus, active, ALL)).toBe(expected);
  });
});
