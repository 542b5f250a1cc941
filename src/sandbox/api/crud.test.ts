import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startBareSandbox, tokenOf } from '../test-support/bare-sandbox';

type Sandbox = Awaited<ReturnType<typeof startBareSandbox>>;
type Obj = {
  metadata: {
    name: string;
    resourceVersion: string;
    uid: string;
    labels?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
};
type List = {
  items: Obj[];
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
};
type Status = {
  kind: string;
  status: string;
  reason: string;
  message: string;
  code: number;
  details?: { causes?: { field: string }[] };
};

let sb: Sandbox;
let admin: ReturnType<typeof apiClient>;

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

beforeAll(async () => {
  sb = await startBareSandbox();
  admin = apiClient(sb.url, sb.adminToken);
});
afterAll(async () => {
  await sb.dispose();
});

describe('discovery', () => {
  it('serves version, core and group discovery', async () => {
    const version = await admin.get<{ gitVersion: string }>('/version');
    expect(version.body.gitVersion).toMatch(/^v1\./);
    const core = await admin.get<{ resources: { name: string; verbs: string[] }[] }>('/api/v1');
    const names = core.body.resources.map((r) => r.name);
    expect(names).toContain('persistentvolumeclaims');
    expect(names).toContain('persistentvolumeclaims/status');
    const groups = await admin.get<{ groups: { name: string }[] }>('/apis');
    expect(groups.body.groups.map((g) => g.name)).toContain('storage.k8s.io');
    const storage = await admin.get<{ resources: { name: string; shortNames?: string[] }[] }>(
      '/apis/storage.k8s.io/v1',
    );
    expect(storage.body.resources.find((r) => r.name === 'storageclasses')?.shortNames).toEqual([
      'sc',
    ]);
  });

  it('answers unknown paths with a NotFound Status', async () => {
    const r = await admin.get<Status>('/apis/nope.example.com/v1/things');
    expect(r.status).toBe(404);
    expect(r.body.kind).toBe('Status');
    expect(r.body.reason).toBe('NotFound');
  });
});

describe('authentication and authorization', () => {
  it('rejects requests without a valid token with 401 Unauthorized', async () => {
    const anon = apiClient(sb.url, undefined);
    const r = await anon.get<Status>('/api/v1/namespaces');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      message: 'Unauthorized',
      code: 401,
    });
    const bad = apiClient(sb.url, 'nope');
    expect((await bad.get('/api/v1/namespaces')).status).toBe(401);
  });

  it('answers 403 with the API server message format', async () => {
    const dev = apiClient(sb.url, tokenOf(sb, 'developer'));
    const r = await dev.get<Status>('/api/v1/persistentvolumes');
    expect(r.status).toBe(403);
    expect(r.body.message).toBe(
      'persistentvolumes is forbidden: User "developer" cannot list resource "persistentvolumes" in API group "" at the cluster scope',
    );
    const g = await dev.get<Status>('/api/v1/namespaces/default/persistentvolumeclaims/foo');
    expect(g.body.message).toBe(
      'persistentvolumeclaims "foo" is forbidden: User "developer" cannot get resource "persistentvolumeclaims" in API group "" in the namespace "default"',
    );
    const ok = await dev.get<List>('/api/v1/namespaces/vm-images/persistentvolumeclaims');
    expect(ok.status).toBe(200);
    const sc = await dev.get('/apis/storage.k8s.io/v1/storageclasses');
    expect(sc.status).toBe(200);
  });

  it('answers SelfSubjectAccessReview and SelfSubjectReview', async () => {
    const dev = apiClient(sb.url, tokenOf(sb, 'developer'));
    const review = (namespace: string) => ({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          namespace,
          verb: 'create',
          group: 'cdi.kubevirt.io',
          resource: 'datavolumes',
          subresource: 'source',
        },
      },
    });
    const own = await dev.post<{ status: { allowed: boolean; reason?: string } }>(
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      review('vm-images'),
    );
    expect(own.status).toBe(201);
    expect(own.body.status.allowed).toBe(true);
    expect(own.body.status.reason).toContain('RoleBinding "developer-admin/vm-images"');
    const other = await dev.post<{ status: { allowed: boolean } }>(
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      review('default'),
    );
    expect(other.body.status.allowed).toBe(false);
    const who = await dev.post<{ status: { userInfo: { username: string; groups: string[] } } }>(
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    );
    expect(who.body.status.userInfo).toEqual({
      username: 'developer',
      groups: ['system:authenticated'],
    });
  });

  it('uses RBAC objects from the store: a new RoleBinding grants access', async () => {
    const dev = apiClient(sb.url, tokenOf(sb, 'developer'));
    expect((await dev.get('/api/v1/namespaces/default/configmaps')).status).toBe(403);
    const rb = await admin.post(
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings',
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'dev-read' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'cluster-reader',
        },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'developer' }],
      },
    );
    expect(rb.status).toBe(201);
    expect((await dev.get('/api/v1/namespaces/default/configmaps')).status).toBe(200);
    expect((await dev.post('/api/v1/namespaces/default/configmaps', cm('nope'))).status).toBe(403);
  });

  it('gives the viewer read-only access everywhere', async () => {
    const viewer = apiClient(sb.url, tokenOf(sb, 'viewer'));
    expect((await viewer.get('/api/v1/persistentvolumes')).status).toBe(200);
    expect((await viewer.get('/api/v1/namespaces/default/configmaps')).status).toBe(200);
    const denied = await viewer.post<Status>(
      '/api/v1/namespaces/default/configmaps',
      cm('viewer-cm'),
    );
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe(
      'configmaps is forbidden: User "viewer" cannot create resource "configmaps" in API group "" in the namespace "default"',
    );
  });

  it('lets the admin impersonate and denies impersonation to others', async () => {
    const asDev = await admin.get<Status>('/api/v1/persistentvolumes', {
      'Impersonate-User': 'developer',
    });
    expect(asDev.status).toBe(403);
    const dev = apiClient(sb.url, tokenOf(sb, 'developer'));
    const r = await dev.get<Status>('/api/v1/namespaces', { 'Impersonate-User': 'admin' });
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('cannot impersonate resource "users"');
  });
});

describe('CRUD', () => {
  it('creates, gets, lists, updates and deletes with server-set metadata', async () => {
    const created = await admin.post<Obj>(
      '/api/v1/namespaces/default/configmaps',
      cm('crud-a', { a: '1' }),
    );
    expect(created.status).toBe(201);
    expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.metadata.creationTimestamp).toMatch(/Z$/);
    expect(created.body.metadata).not.toHaveProperty('managedFields');
    const got = await admin.get<Obj>('/api/v1/namespaces/default/configmaps/crud-a');
    expect(got.body.data).toEqual({ a: '1' });
    const updated = await admin.put<Obj>('/api/v1/namespaces/default/configmaps/crud-a', {
      ...got.body,
      data: { a: '2' },
    });
    expect(updated.status).toBe(200);
    expect(Number(updated.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(got.body.metadata.resourceVersion),
    );
    const dup = await admin.post<Status>('/api/v1/namespaces/default/configmaps', cm('crud-a'));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "crud-a" already exists',
    });
    const del = await admin.del<Status>('/api/v1/namespaces/default/configmaps/crud-a');
    expect(del.status).toBe(200);
    const gone = await admin.get<Status>('/api/v1/namespaces/default/configmaps/crud-a');
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe('configmaps "crud-a" not found');
  });

  it('answers 409 with the real message on a stale update', async () => {
    const a = await admin.post<Obj>('/api/v1/namespaces/default/configmaps', cm('stale'));
    await admin.put('/api/v1/namespaces/default/configmaps/stale', { ...a.body, data: { x: '1' } });
    const r = await admin.put<Status>('/api/v1/namespaces/default/configmaps/stale', {
      ...a.body,
      data: { x: '2' },
    });
    expect(r.status).toBe(409);
    expect(r.body.reason).toBe('Conflict');
    expect(r.body.message).toBe(
      'Operation cannot be fulfilled on configmaps "stale": the object has been modified; please apply your changes to the latest version and try again',
    );
    const sc = await admin.post<Obj>('/apis/storage.k8s.io/v1/storageclasses', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'conflict-sc' },
      provisioner: 'example.com/p',
    });
    await admin.patch(
      '/apis/storage.k8s.io/v1/storageclasses/conflict-sc',
      { metadata: { labels: { a: 'b' } } },
      'application/merge-patch+json',
    );
    const r2 = await admin.put<Status>(
      '/apis/storage.k8s.io/v1/storageclasses/conflict-sc',
      sc.body,
    );
    expect(r2.body.message).toContain(
      'Operation cannot be fulfilled on storageclasses.storage.k8s.io "conflict-sc"',
    );
  });

  it('supports generateName, dryRun and namespace checks', async () => {
    const g = await admin.post<Obj>('/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { generateName: 'gen-' },
    });
    expect(g.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    const dry = await admin.post<Obj>(
      '/api/v1/namespaces/default/configmaps?dryRun=All',
      cm('dry-one'),
    );
    expect(dry.status).toBe(201);
    expect((await admin.get('/api/v1/namespaces/default/configmaps/dry-one')).status).toBe(404);
    const noNs = await admin.post<Status>('/api/v1/namespaces/missing-ns/configmaps', cm('x'));
    expect(noNs.status).toBe(404);
    expect(noNs.body.message).toBe('namespaces "missing-ns" not found');
  });

  it('filters with label and field selectors and paginates', async () => {
    for (const [i, tier] of ['gold', 'silver', 'bronze', 'gold'].entries()) {
      await admin.post(
        '/api/v1/namespaces/default/configmaps',
        cm(`sel-${i}`, {}, { tier, app: 'sel' }),
      );
    }
    const names = async (q: string) =>
      (await admin.get<List>(`/api/v1/namespaces/default/configmaps?${q}`)).body.items.map(
        (o) => o.metadata.name,
      );
    expect(await names('labelSelector=tier%3Dgold')).toEqual(['sel-0', 'sel-3']);
    expect(await names(`labelSelector=${encodeURIComponent('tier in (silver,bronze)')}`)).toEqual([
      'sel-1',
      'sel-2',
    ]);
    expect(await names(`labelSelector=${encodeURIComponent('app=sel,tier notin (gold)')}`)).toEqual(
      ['sel-1', 'sel-2'],
    );
    expect(await names(`labelSelector=${encodeURIComponent('!tier,app')}`)).toEqual([]);
    expect(await names('fieldSelector=metadata.name%3Dsel-2')).toEqual(['sel-2']);
    const page1 = await admin.get<List>(
      '/api/v1/namespaces/default/configmaps?labelSelector=app%3Dsel&limit=3',
    );
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.metadata.remainingItemCount).toBe(1);
    const token = page1.body.metadata.continue ?? '';
    const page2 = await admin.get<List>(
      `/api/v1/namespaces/default/configmaps?labelSelector=app%3Dsel&limit=3&continue=${encodeURIComponent(token)}`,
    );
    expect(page2.body.items.map((o) => o.metadata.name)).toEqual(['sel-3']);
    const all = await admin.get<List>('/api/v1/configmaps?labelSelector=app%3Dsel');
    expect(all.body.items).toHaveLength(4);
  });

  it('deletes a collection by selector', async () => {
    for (const n of ['dc-1', 'dc-2', 'dc-keep']) {
      await admin.post(
        '/api/v1/namespaces/default/configmaps',
        cm(n, {}, { dc: n === 'dc-keep' ? 'keep' : 'drop' }),
      );
    }
    const r = await admin.del<List>(
      '/api/v1/namespaces/default/configmaps?labelSelector=dc%3Ddrop',
    );
    expect(r.body.items).toHaveLength(2);
    const left = await admin.get<List>('/api/v1/namespaces/default/configmaps?labelSelector=dc');
    expect(left.body.items.map((o) => o.metadata.name)).toEqual(['dc-keep']);
  });

  it('keeps objects with finalizers until the finalizers are removed', async () => {
    await admin.post('/api/v1/namespaces/default/configmaps', {
      ...cm('fin'),
      metadata: { name: 'fin', finalizers: ['example.com/hold'] },
    });
    const d = await admin.del<Obj>('/api/v1/namespaces/default/configmaps/fin');
    expect(d.status).toBe(200);
    expect(d.body.metadata.deletionTimestamp).toBeTruthy();
    const still = await admin.get<Obj>('/api/v1/namespaces/default/configmaps/fin');
    expect(still.status).toBe(200);
    await admin.patch(
      '/api/v1/namespaces/default/configmaps/fin',
      { metadata: { finalizers: null } },
      'application/merge-patch+json',
    );
    expect((await admin.get('/api/v1/namespaces/default/configmaps/fin')).status).toBe(404);
  });
});

describe('patch', () => {
  it('applies merge, JSON and strategic-merge patches', async () => {
    await admin.post('/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p1' },
      spec: {
        containers: [
          { name: 'a', image: 'img:1' },
          { name: 'b', image: 'img:1' },
        ],
      },
    });
    const smp = await admin.patch<Obj>(
      '/api/v1/namespaces/default/pods/p1',
      { spec: { containers: [{ name: 'b', image: 'img:2' }] } },
      'application/strategic-merge-patch+json',
    );
    expect(smp.status).toBe(200);
    expect(smp.body.spec).toMatchObject({
      containers: [
        { name: 'a', image: 'img:1' },
        { name: 'b', image: 'img:2' },
      ],
    });
    const merge = await admin.patch<Obj>(
      '/api/v1/namespaces/default/pods/p1',
      { metadata: { labels: { x: '1' } } },
      'application/merge-patch+json',
    );
    expect(merge.body.metadata.labels).toEqual({ x: '1' });
    const json = await admin.patch<Obj>(
      '/api/v1/namespaces/default/pods/p1',
      [
        { op: 'add', path: '/metadata/labels/y', value: '2' },
        { op: 'replace', path: '/spec/containers/0/image', value: 'img:3' },
      ],
      'application/json-patch+json',
    );
    expect(json.body.metadata.labels).toEqual({ x: '1', y: '2' });
    expect((json.body.spec as { containers: { image: string }[] }).containers[0].image).toBe(
      'img:3',
    );
    const badTest = await admin.patch<Status>(
      '/api/v1/namespaces/default/pods/p1',
      [{ op: 'test', path: '/metadata/labels/x', value: 'nope' }],
      'application/json-patch+json',
    );
    expect(badTest.body.kind).toBe('Status');
    expect(badTest.status).toBeGreaterThanOrEqual(400);
  });

  it('server-side apply creates then merges', async () => {
    const doc =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\n  namespace: default\ndata:\n  a: "1"\n';
    const r1 = await admin.patch<Obj>(
      '/api/v1/namespaces/default/configmaps/ssa?fieldManager=test',
      doc,
      'application/apply-patch+yaml',
    );
    expect(r1.status).toBe(201);
    const r2 = await admin.patch<Obj>(
      '/api/v1/namespaces/default/configmaps/ssa?fieldManager=test',
      doc.replace('a: "1"', 'b: "2"'),
      'application/apply-patch+yaml',
    );
    expect(r2.status).toBe(200);
    expect(r2.body.data).toEqual({ a: '1', b: '2' });
  });

  it('writes only status through the status subresource', async () => {
    await admin.post('/api/v1/namespaces/default/persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'st' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1Gi' } },
        storageClassName: 'none',
      },
      status: { phase: 'Bound' },
    });
    const got = await admin.get<Obj>('/api/v1/namespaces/default/persistentvolumeclaims/st');
    expect(got.body.status).toEqual({ phase: 'Pending' });
    const main = await admin.patch<Obj>(
      '/api/v1/namespaces/default/persistentvolumeclaims/st',
      { status: { phase: 'Lost' } },
      'application/merge-patch+json',
    );
    expect(main.body.status).toEqual({ phase: 'Pending' });
    const sub = await admin.patch<Obj>(
      '/api/v1/namespaces/default/persistentvolumeclaims/st/status',
      { status: { phase: 'Lost' }, metadata: { labels: { ignored: 'yes' } } },
      'application/merge-patch+json',
    );
    expect(sub.body.status).toEqual({ phase: 'Lost' });
    expect(sub.body.metadata.labels).toBeUndefined();
  });
});

describe('validation', () => {
  const pvc = (name: string, spec: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name },
    spec,
  });
  const claims = '/api/v1/namespaces/default/persistentvolumeclaims';

  it('rejects invalid names with the RFC 1123 message', async () => {
    const r = await admin.post<Status>(
      claims,
      pvc('Foo', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }),
    );
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('Invalid');
    expect(r.body.message).toBe(
      `PersistentVolumeClaim "Foo" is invalid: metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
    expect(r.body.details?.causes?.[0].field).toBe('metadata.name');
  });

  it('checks quantities and required fields', async () => {
    const bad = await admin.post<Status>(
      claims,
      pvc('q1', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gb' } } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    const neg = await admin.post<Status>(
      claims,
      pvc('q2', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '-1Gi' } } }),
    );
    expect(neg.status).toBe(422);
    expect(neg.body.message).toContain('spec.resources.requests[storage]: Invalid value: "-1Gi"');
    const missing = await admin.post<Status>(claims, pvc('q3', {}));
    expect(missing.body.message).toBe(
      'PersistentVolumeClaim "q3" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
    const canon = await admin.post<Obj>(
      claims,
      pvc('q4', {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '1024Mi' } },
        storageClassName: '',
      }),
    );
    expect(canon.body.spec).toMatchObject({
      resources: { requests: { storage: '1Gi' } },
      volumeMode: 'Filesystem',
    });
  });

  it('keeps StorageClass parameters and provisioner immutable', async () => {
    const scs = '/apis/storage.k8s.io/v1/storageclasses';
    const noProv = await admin.post<Status>(scs, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'np' },
    });
    expect(noProv.body.message).toBe(
      'StorageClass.storage.k8s.io "np" is invalid: provisioner: Required value',
    );
    const created = await admin.post<Obj>(scs, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'imm' },
      provisioner: 'kubevirt.io.hostpath-provisioner',
      parameters: { storagePool: 'a' },
    });
    expect(created.body).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    const r = await admin.patch<Status>(
      `${scs}/imm`,
      { parameters: { storagePool: 'b' } },
      'application/merge-patch+json',
    );
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(
      'StorageClass.storage.k8s.io "imm" is invalid: parameters: Forbidden: updates to parameters are forbidden.',
    );
    const r2 = await admin.patch<Status>(
      `${scs}/imm`,
      { volumeBindingMode: 'WaitForFirstConsumer' },
      'application/merge-patch+json',
    );
    expect(r2.body.message).toContain(
      'volumeBindingMode: Forbidden: updates to volumeBindingMode are forbidden.',
    );
    const ok = await admin.patch<Obj>(
      `${scs}/imm`,
      { metadata: { annotations: { a: 'b' } } },
      'application/merge-patch+json',
    );
    expect(ok.status).toBe(200);
  });

  it('validates PersistentVolumes: source, local node affinity, immutable volumeMode', async () => {
    const pvs = '/api/v1/persistentvolumes';
    const base = { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] };
    const noSource = await admin.post<Status>(pvs, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-ns' },
      spec: base,
    });
    expect(noSource.body.message).toBe(
      'PersistentVolume "pv-ns" is invalid: spec: Required value: must specify a volume type',
    );
    const local = await admin.post<Status>(pvs, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-l' },
      spec: { ...base, local: { path: '/mnt/x' } },
    });
    expect(local.body.message).toBe(
      'PersistentVolume "pv-l" is invalid: spec.nodeAffinity: Required value: Local volume requires node affinity',
    );
    const ok = await admin.post<Obj>(pvs, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-ok' },
      spec: {
        ...base,
        local: { path: '/mnt/x' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-0'] },
                ],
              },
            ],
          },
        },
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.spec).toMatchObject({
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
    });
    const mode = await admin.patch<Status>(
      `${pvs}/pv-ok`,
      { spec: { volumeMode: 'Block' } },
      'application/merge-patch+json',
    );
    expect(mode.body.message).toBe(
      'PersistentVolume "pv-ok" is invalid: volumeMode: Invalid value: "Block": field is immutable',
    );
  });

  it('refuses strategic merge patch for custom resources like the real server', async () => {
    const r = await admin.patch<Status>(
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/admin',
      {},
      'application/bogus+json',
    );
    expect(r.status).toBe(415);
    expect(r.body.reason).toBe('UnsupportedMediaType');
  });
});
