import { describe, expect, it } from 'vitest';
import { actionsSignature, modelMatches } from './action-types';

describe('action helpers', () => {
  it('matches core and group models exactly', () => {
    expect(
      modelMatches(
        { version: 'v1', kind: 'PersistentVolumeClaim' },
        { version: 'v1', kind: 'PersistentVolumeClaim' },
      ),
    ).toBe(true);
    expect(
      modelMatches(
        { group: '', version: 'v1', kind: 'PersistentVolume' },
        { version: 'v1', kind: 'PersistentVolume' },
      ),
    ).toBe(true);
    expect(
      modelMatches(
        { group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine' },
        { group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine' },
      ),
    ).toBe(true);
    expect(
      modelMatches(
        { version: 'v1', kind: 'PersistentVolume' },
        { version: 'v1', kind: 'PersistentVolumeClaim' },
      ),
    ).toBe(false);
  });
  it('summarises actions so equal content compares equal', () => {
    const a = { id: 'x', label: 'X', cta: { href: '/a' } };
    expect(actionsSignature([a], true, undefined)).toBe(
      actionsSignature([{ ...a }], true, undefined),
    );
    expect(actionsSignature([a], true, undefined)).not.toBe(
      actionsSignature([{ ...a, disabled: true }], true, undefined),
    );
    expect(actionsSignature([a], false, undefined)).not.toBe(
      actionsSignature([a], true, undefined),
    );
  });
});
