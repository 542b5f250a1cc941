// Where the local volume form goes back to after it created a PV (the move-disk wizard asks for one in place):
// only paths of this plugin are followed, and the new PV's name is added as `pv`.

export const RETURN_TO_PARAM = 'returnTo';

/** A `returnTo` value that is safe to navigate to, or `undefined`. */
export const safeReturnTo = (value: string | null | undefined): string | undefined => {
  if (!value?.startsWith('/vm-disks/') || value.startsWith('//') || value.includes('\\'))
    return undefined;
  return value;
};

/** `returnTo` with `pv=<name>` set. */
export const returnWithPV = (returnTo: string, pvName: string): string => {
  const url = new URL(returnTo, 'http://plugin.invalid');
  url.searchParams.set('pv', pvName);
  return `${url.pathname}${url.search}`;
};

/** The form's link from the wizard: node, minimum capacity and the way back. */
export const createLocalVolumeHref = (options: {
  node: string;
  capacity?: string;
  volumeMode?: string;
  storageClassName?: string;
  returnTo: string;
}): string => {
  const params = new URLSearchParams({ node: options.node });
  if (options.capacity) params.set('capacity', options.capacity);
  if (options.volumeMode) params.set('mode', options.volumeMode);
  if (options.storageClassName !== undefined) params.set('class', options.storageClassName);
  params.set(RETURN_TO_PARAM, options.returnTo);
  return `/vm-disks/local-volumes/create?${params.toString()}`;
};
