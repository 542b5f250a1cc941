// Builds Kubernetes REST paths (under the bridge's `/api/kubernetes` proxy) from console K8sModels.
import type { K8sModel, MatchExpression, QueryParams, Selector } from './k8s-types';
import { K8S_API_BASE } from './k8s-types';

export interface ResourceURLOptions {
  ns?: string;
  name?: string;
  path?: string;
  queryParams?: Record<string, string | undefined>;
}

/** `/apis/<group>/<version>` or `/api/<version>` for the core group. */
export const apiPrefixForModel = (model: K8sModel): string =>
  model.apiGroup ? `/apis/${model.apiGroup}/${model.apiVersion}` : `/api/${model.apiVersion}`;

/** `group/version` or `version` for the core group, as in an object's `apiVersion`. */
export const apiVersionForModel = (model: K8sModel): string =>
  model.apiGroup ? `${model.apiGroup}/${model.apiVersion}` : model.apiVersion;

export const queryString = (params: Record<string, string | undefined> | undefined): string => {
  if (!params) return '';
  const parts = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
};

/** The REST path of a collection or (with `name`) of one object, like the console's `resourceURL`. */
export const resourceURL = (model: K8sModel, options: ResourceURLOptions = {}): string => {
  let url = `${K8S_API_BASE}${apiPrefixForModel(model)}`;
  if (options.ns && model.namespaced) url += `/namespaces/${encodeURIComponent(options.ns)}`;
  url += `/${model.plural}`;
  if (options.name) url += `/${encodeURIComponent(options.name)}`;
  if (options.path) url += `/${options.path.replace(/^\/+/, '')}`;
  return url + queryString(options.queryParams);
};

const expressionToString = ({ key, operator, values = [] }: MatchExpression): string => {
  switch (operator) {
    case 'In':
      return `${key} in (${values.join(',')})`;
    case 'NotIn':
      return `${key} notin (${values.join(',')})`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    case 'Equals':
      return `${key}=${values[0] ?? ''}`;
    case 'NotEqual':
    case 'NotEquals':
      return `${key}!=${values[0] ?? ''}`;
    case 'GreaterThan':
      return `${key}>${values[0] ?? ''}`;
    case 'LessThan':
      return `${key}<${values[0] ?? ''}`;
    default:
      throw new Error(`Unsupported label selector operator '${operator}'`);
  }
};

/** Serialises a label selector to the API's `labelSelector` syntax. */
export const selectorToString = (selector: Selector | undefined): string => {
  if (!selector) return '';
  const labels = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  const expressions = (selector.matchExpressions ?? []).map(expressionToString);
  return [...labels, ...expressions].join(',');
};

export interface ListQuery {
  ns?: string;
  name?: string;
  selector?: Selector;
  fieldSelector?: string;
  limit?: number;
}

/** Query parameters of a list (and of the watch that follows it). */
export const listQueryParams = (query: ListQuery): QueryParams => {
  const params: QueryParams = {};
  const labelSelector = selectorToString(query.selector);
  if (labelSelector) params.labelSelector = labelSelector;
  const fieldSelectors = [
    query.fieldSelector,
    query.name ? `metadata.name=${query.name}` : undefined,
  ]
    .filter(Boolean)
    .join(',');
  if (fieldSelectors) params.fieldSelector = fieldSelectors;
  if (query.limit) params.limit = String(query.limit);
  return params;
};

/** The path of a watch on a collection, starting after `resourceVersion`. */
export const watchURL = (model: K8sModel, query: ListQuery, resourceVersion: string): string =>
  resourceURL(model, {
    ns: query.ns,
    queryParams: {
      ...listQueryParams(query),
      limit: undefined,
      watch: 'true',
      resourceVersion,
      allowWatchBookmarks: 'true',
    },
  });

/** Console-style resource reference: `group~version~kind`, or the kind for the core group. */
export const referenceForModel = (model: K8sModel): string =>
  `${model.apiGroup ?? 'core'}~${model.apiVersion}~${model.kind}`;

export const referenceForGroupVersionKind = (gvk: {
  group?: string;
  version: string;
  kind: string;
}): string => `${gvk.group || 'core'}~${gvk.version}~${gvk.kind}`;
