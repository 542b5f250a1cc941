// k8sGet/k8sList/k8sListItems/k8sCreate/k8sUpdate/k8sPatch/k8sDelete with the console's options objects.
import { consoleFetchJSON } from './console-fetch';
import type { K8sModel, K8sResourceCommon, Patch, QueryParams } from './k8s-types';
import { apiVersionForModel, resourceURL, selectorToString } from './k8s-resource';

interface BaseOptions {
  name?: string;
  ns?: string;
  path?: string;
  queryParams?: QueryParams;
}

const urlOf = (model: K8sModel, opts: BaseOptions, fallback: { ns?: string; name?: string } = {}) =>
  resourceURL(model, {
    ns: opts.ns ?? fallback.ns,
    name: opts.name ?? fallback.name,
    path: opts.path,
    queryParams: opts.queryParams,
  });

export const k8sGet = async <R extends K8sResourceCommon>(
  options: BaseOptions & { model: K8sModel; requestInit?: RequestInit },
): Promise<R> =>
  (await consoleFetchJSON(urlOf(options.model, options), 'GET', options.requestInit)) as R;

export const k8sCreate = async <R extends K8sResourceCommon>(
  options: BaseOptions & { model: K8sModel; data: R },
): Promise<R> =>
  (await consoleFetchJSON.post(
    urlOf(options.model, { ...options, name: undefined }, { ns: options.data.metadata?.namespace }),
    options.data,
  )) as R;

export const k8sUpdate = async <R extends K8sResourceCommon>(
  options: BaseOptions & { model: K8sModel; data: R },
): Promise<R> =>
  (await consoleFetchJSON.put(
    urlOf(options.model, options, {
      ns: options.data.metadata?.namespace,
      name: options.data.metadata?.name,
    }),
    options.data,
  )) as R;

export const k8sPatch = async <R extends K8sResourceCommon>(
  options: BaseOptions & { model: K8sModel; resource: R; data: Patch[] },
): Promise<R> => {
  const patches = options.data.filter(Boolean);
  if (patches.length === 0) return options.resource;
  return (await consoleFetchJSON.patch(
    urlOf(options.model, options, {
      ns: options.resource.metadata?.namespace,
      name: options.resource.metadata?.name,
    }),
    patches,
  )) as R;
};

export const k8sDelete = async <R extends K8sResourceCommon>(
  options: BaseOptions & {
    model: K8sModel;
    resource: R;
    requestInit?: RequestInit;
    json?: Record<string, unknown>;
  },
): Promise<R> => {
  const { model } = options;
  const json =
    options.json ??
    (model.propagationPolicy
      ? { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: model.propagationPolicy }
      : undefined);
  return (await consoleFetchJSON.delete(
    urlOf(model, options, {
      ns: options.resource.metadata?.namespace,
      name: options.resource.metadata?.name,
    }),
    json,
    options.requestInit,
  )) as R;
};

interface ListOptions {
  model: K8sModel;
  queryParams: Record<string, unknown>;
  requestInit?: RequestInit;
}

const listURL = ({ model, queryParams }: ListOptions): string => {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(queryParams)) {
    if (key === 'ns' || value === undefined || value === null) continue;
    params[key] =
      key === 'labelSelector' && typeof value === 'object'
        ? selectorToString(value)
        : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  }
  const ns = typeof queryParams.ns === 'string' ? queryParams.ns : undefined;
  return resourceURL(model, { ns, queryParams: params });
};

/** Lists a collection; returns the items (typed with kind and apiVersion). */
export const k8sListItems = async <R extends K8sResourceCommon>(
  options: ListOptions,
): Promise<R[]> => {
  const result = (await consoleFetchJSON(listURL(options), 'GET', options.requestInit)) as {
    apiVersion?: string;
    items?: R[];
  };
  return (result.items ?? []).map((item) => ({
    kind: options.model.kind,
    apiVersion: result.apiVersion ?? apiVersionForModel(options.model),
    ...item,
  }));
};

export const k8sList = async <R extends K8sResourceCommon>(
  options: ListOptions,
): Promise<R[] | (K8sResourceCommon & { items: R[] })> => k8sListItems<R>(options);
