import { describe, expect, it } from 'vitest';
import type { StorageClassKind } from '../types';
import {
  getBindingMode,
  getReclaimPolicy,
  isDefaultStorageClass,
  isDefaultVirtStorageClass,
} from './storage-class';

const sc = (
  annotations: Record<string, string>,
  extra: Partial<StorageClassKind> = {},
): StorageClassKind => ({
  metadata: { name: 'hostpath-csi', annotations },
  provisioner: 'kubevirt.io.hostpath-provisioner',
  ...extra,
});

describe('storage class selectors', () => {
  it.each([
    [{ 'storageclass.kubernetes.io/is-default-class': 'true' }, true, false],
    [{ 'storageclass.beta.kubernetes.io/is-default-class': 'true' }, true, false],
    [{ 'storageclass.kubernetes.io/is-default-class': 'false' }, false, false],
    [{ 'storageclass.kubevirt.io/is-default-virt-class': 'true' }, false, true],
    [{}, false, false],
  ])('%j → default %s, virt default %s', (annotations, isDefault, isVirtDefault) => {
    expect(isDefaultStorageClass(sc(annotations))).toBe(isDefault);
    expect(isDefaultVirtStorageClass(sc(annotations))).toBe(isVirtDefault);
  });

  it('applies the API defaults for binding mode and reclaim policy', () => {
    expect(getBindingMode(sc({}))).toBe('Immediate');
    expect(getReclaimPolicy(sc({}))).toBe('Delete');
    const wffc = sc({}, { volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Retain' });
    expect(getBindingMode(wffc)).toBe('WaitForFirstConsumer');
    expect(getReclaimPolicy(wffc)).toBe('Retain');
  });
});
