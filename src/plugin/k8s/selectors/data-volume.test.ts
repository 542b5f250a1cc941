import { describe, expect, it } from 'vitest';
import type { DataVolumeKind } from '../types';
import {
  getDVPhase,
  getDVProgress,
  getDVSize,
  getDVSourceType,
  getDVStorageClass,
} from './data-volume';

const dv = (status?: DataVolumeKind['status'], spec?: DataVolumeKind['spec']): DataVolumeKind => ({
  metadata: { name: 'disk', namespace: 'vms' },
  spec,
  status,
});

describe('DataVolume phase and progress', () => {
  it.each<[DataVolumeKind['status'], string, number | undefined]>([
    [undefined, 'Pending', undefined],
    [{ phase: '' }, 'Pending', undefined],
    [{ phase: 'ImportInProgress', progress: '45.12%' }, 'ImportInProgress', 45.12],
    [{ phase: 'Succeeded', progress: '100.0%' }, 'Succeeded', 100],
    [{ phase: 'UploadReady', progress: 'N/A' }, 'UploadReady', undefined],
    [{ phase: 'CloneInProgress', progress: '7%' }, 'CloneInProgress', 7],
    [{ phase: 'CloneInProgress', progress: '150%' }, 'CloneInProgress', 100],
    [{ phase: 'Failed', progress: 'garbage' }, 'Failed', undefined],
    [{ phase: 'WaitForFirstConsumer', progress: '' }, 'WaitForFirstConsumer', undefined],
  ])('%j → %s, %s', (status, phase, progress) => {
    expect(getDVPhase(dv(status))).toBe(phase);
    expect(getDVProgress(dv(status))).toBe(progress);
  });
});

describe('DataVolume spec', () => {
  it.each<[DataVolumeKind['spec'], string]>([
    [{ source: { blank: {} } }, 'blank'],
    [{ source: { upload: {} } }, 'upload'],
    [{ source: { http: { url: 'https://x/y.qcow2' } } }, 'http'],
    [{ source: { pvc: { namespace: 'a', name: 'b' } } }, 'pvc'],
    [{ source: {} }, 'other'],
    [undefined, 'other'],
  ])('%j is a %s source', (spec, type) => {
    expect(getDVSourceType(dv(undefined, spec))).toBe(type);
  });

  it('reads size and class from storage or pvc', () => {
    expect(
      getDVSize(dv(undefined, { storage: { resources: { requests: { storage: '1Gi' } } } })),
    ).toBe('1Gi');
    expect(
      getDVSize(dv(undefined, { pvc: { resources: { requests: { storage: '500Mi' } } } })),
    ).toBe('500Mi');
    expect(getDVStorageClass(dv(undefined, { pvc: { storageClassName: 'hostpath' } }))).toBe(
      'hostpath',
    );
    expect(getDVStorageClass(dv(undefined, {}))).toBeUndefined();
  });
});
