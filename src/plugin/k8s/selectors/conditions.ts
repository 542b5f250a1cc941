import type { Condition } from '../types';

/** The condition of `type`, if present, as the kind's own condition type. */
export const findCondition = <C extends Condition>(
  conditions: readonly C[] | undefined,
  type: string,
): C | undefined => conditions?.find((condition) => condition.type === type);
