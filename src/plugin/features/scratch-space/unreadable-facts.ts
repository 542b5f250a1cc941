// Which scratch-space facts the user cannot know because a read was refused (403), so that the page says
// "unknown" instead of concluding from an empty list. The owner of the setting is HyperConverged when one exists,
// else the CDI resource, else CDIConfig: a refused HyperConverged list says nothing about whether one exists.
import { statusOf } from '../../k8s/load-error';

const isForbidden = (error: unknown): boolean => statusOf(error) === 403;

const HYPERCONVERGEDS = 'hyperconvergeds.hco.kubevirt.io';
const CDIS = 'cdis.cdi.kubevirt.io';
const CDICONFIGS = 'cdiconfigs.cdi.kubevirt.io';

export interface UnreadableFacts {
  /** The resource whose refused read leaves the owner of the setting unknown. */
  owner?: string;
  /** The resource whose refused read leaves the effective scratch class unknown. */
  effective?: string;
}

export const unreadableFacts = (input: {
  hyperConvergedFound: boolean;
  hyperConvergedsError: unknown;
  cdiFound: boolean;
  cdisError: unknown;
  cdiConfigError: unknown;
}): UnreadableFacts => {
  const owner = input.hyperConvergedFound
    ? undefined
    : isForbidden(input.hyperConvergedsError)
      ? HYPERCONVERGEDS
      : input.cdiFound
        ? undefined
        : isForbidden(input.cdisError)
          ? CDIS
          : isForbidden(input.cdiConfigError)
            ? CDICONFIGS
            : undefined;
  const effective = isForbidden(input.cdiConfigError) ? CDICONFIGS : undefined;
  return {
    ...(owner ? { owner } : {}),
    ...(effective ? { effective } : {}),
  };
};
