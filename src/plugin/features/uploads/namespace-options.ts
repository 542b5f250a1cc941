// The namespaces offered by the upload form's namespace field: the ones the user may list (namespaces, else
// OpenShift projects), filtered by what was typed (case-insensitive substring), sorted, each once.
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';

/** Core namespaces, listed only when the user may (a self access review says so). */
export const NamespaceModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  abbr: 'NS',
  label: 'Namespace',
  labelPlural: 'Namespaces',
  namespaced: false,
};

/** OpenShift projects: what a user who may not list namespaces lists instead (their own projects). */
export const ProjectModel: K8sModel = {
  apiGroup: 'project.openshift.io',
  apiVersion: 'v1',
  kind: 'Project',
  plural: 'projects',
  abbr: 'PR',
  label: 'Project',
  labelPlural: 'Projects',
  namespaced: false,
};

export const namespaceOptions = (names: readonly string[], typed: string | null): string[] => {
  const needle = (typed ?? '').trim().toLowerCase();
  return [...new Set(names)]
    .filter((n) => needle === '' || n.toLowerCase().includes(needle))
    .sort((a, b) => a.localeCompare(b));
};
