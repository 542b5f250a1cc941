// Console URLs of resources: `/k8s/ns/<ns>/<ref>/<name>`, `/k8s/cluster/<ref>/<name>`, lists likewise.
import type { K8sModel } from '../k8s-types';
import { referenceForModel } from '../k8s-resource';

/** Core (non-CRD) kinds use their plural in URLs, everything else its group~version~kind reference. */
export const pathSegmentForModel = (model: K8sModel): string =>
  model.apiGroup && model.crd !== false ? referenceForModel(model) : model.plural;

export const resourcePath = (model: K8sModel, name?: string, namespace?: string): string => {
  const scope = model.namespaced && namespace ? `ns/${encodeURIComponent(namespace)}` : 'cluster';
  const base = `/k8s/${scope}/${pathSegmentForModel(model)}`;
  return name ? `${base}/${encodeURIComponent(name)}` : base;
};

export const resourceListPath = (model: K8sModel, namespace?: string): string => {
  if (!model.namespaced) return `/k8s/cluster/${pathSegmentForModel(model)}`;
  return namespace
    ? `/k8s/ns/${encodeURIComponent(namespace)}/${pathSegmentForModel(model)}`
    : `/k8s/all-namespaces/${pathSegmentForModel(model)}`;
};
