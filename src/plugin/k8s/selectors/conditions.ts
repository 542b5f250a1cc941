import type { Condition } from '../types';

/** The condition of `type`, if present. */
export const findCondition = (
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined => conditions?.find((condition) => condition.type === type);
