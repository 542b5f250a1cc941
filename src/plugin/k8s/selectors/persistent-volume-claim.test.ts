import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaimKind } from '../types';
import { getPVCPhase, getPVCSize, getPVCVolumeMode } from './persistent-volume-claim';

describe('PVC selectors', () => {
  it.each<[PersistentVolumeClaimKind, string, string, string | undefined]>([
    [{}, 'Pending', 'Filesystem', undefined],
    [{ spec: { resources: { requests: { storage: '5Gi' } } } }, 'Pending', 'Filesystem', '5Gi'],
    [
      {
        spec: { volumeMode: 'Block', resources: { requests: { storage: '5Gi' } } },
        status: { phase: 'Bound', capacity: { storage: '10Gi' } },
      },
      'Bound',
      'Block',
      '10Gi',
    ],
    [{ status: { phase: 'Lost' } }, 'Lost', 'Filesystem', undefined],
  ])('%j → %s, %s, %s', (pvc, phase, mode, size) => {
    expect(getPVCPhase(pvc)).toBe(phase);
    expect(getPVCVolumeMode(pvc)).toBe(mode);
    expect(getPVCSize(pvc)).toBe(size);
  });
});
