import { describe, expect, it } from 'vitest';
import { createLocalVolumeHref, returnWithPV, safeReturnTo } from './return-to';

describe('returnTo', () => {
  it('follows only plugin paths', () => {
    expect(safeReturnTo('/vm-disks/move-disk?ns=a')).toBe('/vm-disks/move-disk?ns=a');
    expect(safeReturnTo('https://evil.example/vm-disks/')).toBeUndefined();
    expect(safeReturnTo('//evil.example/vm-disks/')).toBeUndefined();
    expect(safeReturnTo('/k8s/ns/a')).toBeUndefined();
    expect(safeReturnTo(null)).toBeUndefined();
  });

  it('adds or replaces the pv parameter', () => {
    expect(returnWithPV('/vm-disks/move-disk?ns=a&node=w1', 'pv-1')).toBe(
      '/vm-disks/move-disk?ns=a&node=w1&pv=pv-1',
    );
    expect(returnWithPV('/vm-disks/move-disk?pv=old', 'new')).toBe('/vm-disks/move-disk?pv=new');
  });

  it('round-trips through the form link', () => {
    const href = createLocalVolumeHref({
      node: 'worker-1',
      capacity: '10Gi',
      volumeMode: 'Filesystem',
      storageClassName: 'local',
      returnTo: '/vm-disks/move-disk?ns=vm-images&vm=rhel8-vm',
    });
    const params = new URL(href, 'http://x').searchParams;
    expect(params.get('node')).toBe('worker-1');
    expect(params.get('capacity')).toBe('10Gi');
    expect(safeReturnTo(params.get('returnTo'))).toBe(
      '/vm-disks/move-disk?ns=vm-images&vm=rhel8-vm',
    );
  });
});
