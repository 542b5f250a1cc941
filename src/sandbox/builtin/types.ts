import type { ResourceType } from '../contract';

const core = (t: Omit<ResourceType, 'group' | 'versions'>): ResourceType => ({
  group: '',
  versions: ['v1'],
  ...t,
});

export const NAMESPACE: ResourceType = core({
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  subresources: { status: true },
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
});
const NODE: ResourceType = core({
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  subresources: { status: true },
});
export const PERSISTENT_VOLUME: ResourceType = core({
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  subresources: { status: true },
});
export const PERSISTENT_VOLUME_CLAIM: ResourceType = core({
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  subresources: { status: true },
});
export const CONFIG_MAP: ResourceType = core({
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
});
export const SECRET: ResourceType = core({
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
});
export const POD: ResourceType = core({
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  subresources: { status: true },
});
const EVENT: ResourceType = core({
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
});
const SERVICE_ACCOUNT: ResourceType = core({
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
});
export const SERVICE: ResourceType = core({
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  subresources: { status: true },
});
export const STORAGE_CLASS: ResourceType = {
  group: 'storage.k8s.io',
  versions: ['v1'],
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
};

/** `storage.k8s.io/v1` CSIDriver (cluster-scoped, no status; GA since Kubernetes 1.18). */
export const CSI_DRIVER: ResourceType = {
  group: 'storage.k8s.io',
  versions: ['v1'],
  kind: 'CSIDriver',
  plural: 'csidrivers',
  singular: 'csidriver',
  namespaced: false,
};

const CREATE_ONLY = ['create'];
const SELF_SUBJECT_ACCESS_REVIEW: ResourceType = {
  group: 'authorization.k8s.io',
  versions: ['v1'],
  kind: 'SelfSubjectAccessReview',
  plural: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: true,
};
const SUBJECT_ACCESS_REVIEW: ResourceType = {
  group: 'authorization.k8s.io',
  versions: ['v1'],
  kind: 'SubjectAccessReview',
  plural: 'subjectaccessreviews',
  singular: 'subjectaccessreview',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: true,
};
const SELF_SUBJECT_RULES_REVIEW: ResourceType = {
  group: 'authorization.k8s.io',
  versions: ['v1'],
  kind: 'SelfSubjectRulesReview',
  plural: 'selfsubjectrulesreviews',
  singular: 'selfsubjectrulesreview',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: true,
};
const SELF_SUBJECT_REVIEW: ResourceType = {
  group: 'authentication.k8s.io',
  versions: ['v1'],
  kind: 'SelfSubjectReview',
  plural: 'selfsubjectreviews',
  singular: 'selfsubjectreview',
  namespaced: false,
  verbs: CREATE_ONLY,
  virtual: true,
};

const rbac = (kind: string, plural: string, namespaced: boolean): ResourceType => ({
  group: 'rbac.authorization.k8s.io',
  versions: ['v1'],
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
});
const ROLE = rbac('Role', 'roles', true);
const CLUSTER_ROLE = rbac('ClusterRole', 'clusterroles', false);
export const ROLE_BINDING = rbac('RoleBinding', 'rolebindings', true);
export const CLUSTER_ROLE_BINDING = rbac('ClusterRoleBinding', 'clusterrolebindings', false);

const CUSTOM_RESOURCE_DEFINITION: ResourceType = {
  group: 'apiextensions.k8s.io',
  versions: ['v1'],
  kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions',
  singular: 'customresourcedefinition',
  namespaced: false,
  shortNames: ['crd', 'crds'],
  subresources: { status: true },
  verbs: ['get', 'list', 'watch'],
  virtual: false,
};

export const BUILTIN_TYPES: ResourceType[] = [
  NAMESPACE,
  NODE,
  PERSISTENT_VOLUME,
  PERSISTENT_VOLUME_CLAIM,
  CONFIG_MAP,
  SECRET,
  POD,
  EVENT,
  SERVICE_ACCOUNT,
  SERVICE,
  STORAGE_CLASS,
  CSI_DRIVER,
  SELF_SUBJECT_ACCESS_REVIEW,
  SUBJECT_ACCESS_REVIEW,
  SELF_SUBJECT_RULES_REVIEW,
  SELF_SUBJECT_REVIEW,
  ROLE,
  CLUSTER_ROLE,
  ROLE_BINDING,
  CLUSTER_ROLE_BINDING,
  CUSTOM_RESOURCE_DEFINITION,
];
