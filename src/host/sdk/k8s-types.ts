// Types of the console SDK surface, taken from the published 4.22 type package (types only at build time).
export type {
  K8sModel,
  Selector,
  MatchExpression,
} from '@openshift-console/dynamic-plugin-sdk/lib/api/common-types';
export type {
  K8sGroupVersionKind,
  K8sResourceCommon,
  WatchK8sResource,
  QueryParams,
  Patch,
  AccessReviewResourceAttributes,
  SelfSubjectAccessReviewKind,
} from '@openshift-console/dynamic-plugin-sdk/lib/extensions/console-types';

/** The console's key for "all namespaces" in `useActiveNamespace`. */
export const ALL_NAMESPACES_KEY = '#ALL_NS#';

/** Base path of the bridge's Kubernetes API proxy. */
export const K8S_API_BASE = '/api/kubernetes';
