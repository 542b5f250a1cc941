import { describe, expect, it } from 'vitest';
import { unreadableFacts } from './unreadable-facts';

const forbidden = { code: 403, message: 'forbidden' };
const notServed = { code: 404, message: 'HyperConverged is not served by this cluster' };
const none = {
  hyperConvergedFound: false,
  hyperConvergedsError: undefined,
  cdiFound: false,
  cdisError: undefined,
  cdiConfigError: undefined,
};

describe('unreadableFacts', () => {
  it('leaves the owner unknown when HyperConverged may not be read, even if CDI is readable', () => {
    expect(unreadableFacts({ ...none, hyperConvergedsError: forbidden, cdiFound: true })).toEqual({
      owner: 'hyperconvergeds.hco.kubevirt.io',
    });
  });
  it('knows the owner when a HyperConverged was read', () => {
    expect(unreadableFacts({ ...none, hyperConvergedFound: true, cdisError: forbidden })).toEqual(
      {},
    );
  });
  it('treats a HyperConverged API that is not served as absent, then asks about CDI', () => {
    expect(unreadableFacts({ ...none, hyperConvergedsError: notServed, cdiFound: true })).toEqual(
      {},
    );
    expect(
      unreadableFacts({ ...none, hyperConvergedsError: notServed, cdisError: forbidden }),
    ).toEqual({ owner: 'cdis.cdi.kubevirt.io' });
  });
  it('leaves the effective class unknown when CDIConfig may not be read', () => {
    expect(
      unreadableFacts({
        ...none,
        hyperConvergedsError: forbidden,
        cdisError: forbidden,
        cdiConfigError: forbidden,
      }),
    ).toEqual({
      owner: 'hyperconvergeds.hco.kubevirt.io',
      effective: 'cdiconfigs.cdi.kubevirt.io',
    });
  });
});
