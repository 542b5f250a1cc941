import { describe, expect, it } from 'vitest';
import { cleanPath, validateBackingPath, validatePoolName } from './host-paths';

const codes = (path: string, rhcosTargeted = false) =>
  validateBackingPath(path, { rhcosTargeted }).map((p) => p.code);

describe('validateBackingPath', () => {
  it('accepts a directory of its own', () => {
    expect(codes('/var/hpvolumes', true)).toEqual([]);
    expect(codes('/mnt/hpp/disks', true)).toEqual([]);
    expect(codes('/srv/hpvolumes')).toEqual([]);
  });

  it('refuses empty, relative and root paths', () => {
    expect(codes('  ')).toEqual(['empty']);
    expect(codes('var/hpvolumes')).toEqual(['not-absolute']);
    expect(codes('/')).toEqual(['root']);
    expect(codes('///')).toEqual(['root']);
  });

  it('refuses ".." anywhere', () => {
    expect(codes('/var/hp/../lib/kubelet')).toContain('parent-segment');
    expect(codes('/var/..')).toContain('parent-segment');
  });

  it('refuses system directories, inside them, and their parents', () => {
    expect(validateBackingPath('/etc')).toEqual([{ code: 'system-directory', directory: '/etc' }]);
    expect(validateBackingPath('/usr/local/hp')).toEqual([
      { code: 'system-directory', directory: '/usr' },
    ]);
    expect(validateBackingPath('/var/lib/kubelet/pods')).toEqual([
      { code: 'system-directory', directory: '/var/lib/kubelet' },
    ]);
    expect(validateBackingPath('/var/lib')).toEqual([
      { code: 'contains-system-directory', directory: '/var/lib/containers' },
    ]);
    // `/etcetera` is not `/etc`.
    expect(codes('/etcetera')).toEqual([]);
  });

  it('suggests the clean spelling', () => {
    expect(validateBackingPath('/var//hpvolumes/')).toEqual([
      { code: 'unclean', suggestion: '/var/hpvolumes' },
    ]);
    expect(validateBackingPath('/var/./hpvolumes')).toEqual([
      { code: 'unclean', suggestion: '/var/hpvolumes' },
    ]);
    expect(cleanPath('/a//b/')).toBe('/a/b');
  });

  it('refuses characters a systemd unit or shell would mangle, and over-long paths', () => {
    expect(codes('/var/hp volumes')).toContain('bad-characters');
    expect(codes('/var/hp;rm -rf')).toContain('bad-characters');
    expect(codes(`/var/${'a'.repeat(260)}`)).toContain('too-long');
  });

  it('requires /var or /mnt when RHCOS nodes are targeted (their / is read-only)', () => {
    expect(codes('/opt/hpvolumes', true)).toEqual(['rhcos-read-only']);
    expect(codes('/opt/hpvolumes', false)).toEqual([]);
  });
});

describe('validatePoolName', () => {
  it('follows the webhook limits', () => {
    expect(validatePoolName('local')).toEqual([]);
    expect(validatePoolName(' ')).toEqual([{ code: 'empty' }]);
    expect(validatePoolName('a'.repeat(51))).toEqual([{ code: 'too-long', max: 50 }]);
    expect(validatePoolName('Local')).toEqual([{ code: 'invalid' }]);
    expect(validatePoolName('-x')).toEqual([{ code: 'invalid' }]);
  });
});
