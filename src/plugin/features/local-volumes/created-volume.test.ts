import { describe, expect, it } from 'vitest';
import { createdVolumeFrom, createdVolumeState } from './created-volume';

describe('created volume state', () => {
  it('round-trips a name', () => {
    expect(createdVolumeFrom(createdVolumeState('pv-1'))).toBe('pv-1');
  });
  it('ignores other or missing states', () => {
    expect(createdVolumeFrom(null)).toBeUndefined();
    expect(createdVolumeFrom(undefined)).toBeUndefined();
    expect(createdVolumeFrom('pv-1')).toBeUndefined();
    expect(createdVolumeFrom({ other: 'pv-1' })).toBeUndefined();
    expect(createdVolumeFrom(createdVolumeState(''))).toBeUndefined();
    expect(createdVolumeFrom({ vmDisksCreatedPV: 3 })).toBeUndefined();
  });
});
