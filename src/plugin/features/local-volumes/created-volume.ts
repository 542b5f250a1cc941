// The name of the PersistentVolume just created, carried to the list page in the router's history state so
// that the list can say so (once, for this history entry) with a link to it.
const KEY = 'vmDisksCreatedPV' as const;

export const createdVolumeState = (name: string): Record<string, string> => ({ [KEY]: name });

/** The created PV's name from a location's state, if it carries one. */
export const createdVolumeFrom = (state: unknown): string | undefined => {
  if (typeof state !== 'object' || state === null || !(KEY in state)) return undefined;
  const value: unknown = state[KEY];
  return typeof value === 'string' && value !== '' ? value : undefined;
};
