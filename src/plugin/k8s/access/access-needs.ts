// What a page needs to be allowed to do, one SelfSubjectAccessReview each, and how a missing permission is named
// ("create datavolumes.cdi.kubevirt.io in namespace vm-images"). Pure; `useAccessNeeds` asks the API.
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';

export type AccessVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export interface AccessNeed {
  verb: AccessVerb;
  /** API group, `''` for the core group. */
  group: string;
  /** Plural resource name, e.g. `datavolumes`. */
  resource: string;
  /** Omitted for cluster-scoped resources (and for "in every namespace"). */
  namespace?: string;
  /** A single object, when the permission may be granted per name. */
  name?: string;
}

/** The need to `verb` objects of `model` (in `namespace` when the kind is namespaced). */
export const needOf = (
  verb: AccessVerb,
  model: K8sModel,
  options: { namespace?: string; name?: string } = {},
): AccessNeed => ({
  verb,
  group: model.apiGroup ?? '',
  resource: model.plural,
  ...(model.namespaced && options.namespace ? { namespace: options.namespace } : {}),
  ...(options.name ? { name: options.name } : {}),
});

/** `datavolumes.cdi.kubevirt.io`, `persistentvolumes` for the core group. */
export const qualifiedResourceOf = (need: AccessNeed): string =>
  need.group ? `${need.resource}.${need.group}` : need.resource;

/** A stable key of a list of needs (order kept: it is the order the page names them in). */
export const needsKey = (needs: readonly AccessNeed[]): string =>
  JSON.stringify(needs.map((n) => [n.verb, n.group, n.resource, n.namespace ?? '', n.name ?? '']));
