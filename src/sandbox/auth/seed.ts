import type { KubeObject } from '../contract';
import type { SandboxStore } from '../store/store';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC = 'rbac.authorization.k8s.io';

const READ = ['get', 'list', 'watch'];

/** The namespace where the seeded developer has full rights (the user project). */
const DEVELOPER_NAMESPACE = 'vm-images';

const clusterRole = (
  name: string,
  rules: object[],
  labels?: Record<string, string>,
): KubeObject => ({
  apiVersion: RBAC_V1,
  kind: 'ClusterRole',
  metadata: { name, ...(labels ? { labels } : {}) },
  rules,
});

const subject = (kind: 'User' | 'Group', name: string): object => ({
  apiGroup: RBAC,
  kind,
  name,
});

const clusterBinding = (name: string, role: string, subjects: object[]): KubeObject => ({
  apiVersion: RBAC_V1,
  kind: 'ClusterRoleBinding',
  metadata: { name },
  roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role },
  subjects,
});

/**
 * The RBAC objects behind the default users, as a cluster admin could have created them:
 * visible and editable with kubectl (that is how an admin grants the developer more rights).
 */
const rbacSeed = (): KubeObject[] => [
  clusterRole('cluster-admin', [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ]),
  clusterRole('admin', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]),
  clusterRole('cluster-reader', [
    { apiGroups: ['*'], resources: ['*'], verbs: READ },
    { nonResourceURLs: ['*'], verbs: ['get'] },
  ]),
  clusterRole('system:basic-user', [
    {
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      verbs: ['create'],
    },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ]),
  clusterRole('sandbox:developer-cluster-read', [
    { apiGroups: [''], resources: ['nodes', 'namespaces'], verbs: READ },
    { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: READ },
  ]),
  clusterBinding('cluster-admin', 'cluster-admin', [subject('Group', 'system:masters')]),
  clusterBinding('system:basic-user', 'system:basic-user', [
    subject('Group', 'system:authenticated'),
  ]),
  clusterBinding('viewer-cluster-reader', 'cluster-reader', [subject('User', 'viewer')]),
  clusterBinding('developer-cluster-read', 'sandbox:developer-cluster-read', [
    subject('User', 'developer'),
  ]),
  {
    apiVersion: RBAC_V1,
    kind: 'RoleBinding',
    metadata: { name: 'developer-admin', namespace: DEVELOPER_NAMESPACE },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'admin' },
    subjects: [subject('User', 'developer')],
  },
];

/** The namespaces kube-apiserver itself creates, plus the developer's project when missing. */
const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Creates whatever of the seed is missing (idempotent; runs on every start). */
export const ensureRbacSeed = async (store: SandboxStore): Promise<void> => {
  const nsRef = { group: '', kind: 'Namespace' };
  for (const name of [...systemNamespaces, DEVELOPER_NAMESPACE]) {
    if (!store.getRaw(nsRef, undefined, name)) {
      await store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  }
  for (const obj of rbacSeed()) {
    const ref = { group: RBAC, kind: obj.kind };
    if (!store.getRaw(ref, obj.metadata.namespace, obj.metadata.name ?? ''))
      await store.create(obj);
  }
};
