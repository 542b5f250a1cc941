import { describe, expect, it } from 'vitest';
import { parseWizardParams, wizardHref, withChange } from './wizard-params';

describe('move-disk wizard params', () => {
  it('round-trips through the URL', () => {
    const params = { ns: 'vm-images', vm: 'rhel8-vm', volume: 'rootdisk', node: 'worker-1' };
    const href = wizardHref(params);
    expect(href).toBe('/vm-disks/move-disk?ns=vm-images&vm=rhel8-vm&volume=rootdisk&node=worker-1');
    expect(parseWizardParams(href.slice(href.indexOf('?')))).toEqual(params);
  });

  it('forgets later choices when an earlier one changes', () => {
    const params = { ns: 'a', vm: 'v', volume: 'd', node: 'n1', pv: 'p', dv: 'x', restart: '1' };
    expect(withChange(params, { node: 'n2' })).toEqual({
      ns: 'a',
      vm: 'v',
      volume: 'd',
      node: 'n2',
      restart: '1',
    });
    expect(withChange(params, { node: 'n1' })).toEqual(params);
    expect(withChange(params, { vm: 'w' })).toEqual({ ns: 'a', vm: 'w', restart: '1' });
  });
});
