// The blank disk just created, kept in the page's URL (`?created=<namespace>/<name>&vm=<vm>&disk=<disk>`): after a
// reload, or leaving the page and coming back with Back, the result (with why its volume waits) is shown again.
// Pure.

export interface Created {
  name: string;
  namespace: string;
  attachedTo?: string;
  /** The disk name the VM got (computed before the attach; after it the free name would be another). */
  disk?: string;
  attachError?: string;
}

/** The query string that keeps `created` (without the transient attach error). */
export const createdSearch = (created: Created): string => {
  const params = new URLSearchParams({ created: `${created.namespace}/${created.name}` });
  if (created.attachedTo) params.set('vm', created.attachedTo);
  if (created.disk) params.set('disk', created.disk);
  return `?${params.toString()}`;
};

/** The created disk a query string names, or `undefined` when it names none (or not as `<namespace>/<name>`). */
export const createdFromSearch = (search: string): Created | undefined => {
  const params = new URLSearchParams(search);
  const [namespace, name, ...rest] = (params.get('created') ?? '').split('/');
  if (!namespace || !name || rest.length > 0) return undefined;
  const vm = params.get('vm');
  const disk = params.get('disk');
  return { namespace, name, ...(vm ? { attachedTo: vm } : {}), ...(disk ? { disk } : {}) };
};
