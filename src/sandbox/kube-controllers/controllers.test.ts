import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, SandboxContext } from '../contract';
import { apiClient, eventually, startBareSandbox } from '../test-support/bare-sandbox';

type Sandbox = Awaited<ReturnType<typeof startBareSandbox>>;
type Obj = KubeObject & { spec?: Record<string, unknown>; status?: { phase?: string } };

let sb: Sandbox;
let ctx: SandboxContext;
let admin: ReturnType<typeof apiClient>;

const PV = { group: '', kind: 'PersistentVolume' };
const PVC = { group: '', kind: 'PersistentVolumeClaim' };

beforeAll(async () => {
  sb = await startBareSandbox({
    world: (c) => {
      ctx = c;
      return Promise.resolve({ stop: () => Promise.resolve() });
    },
  });
  admin = apiClient(sb.url, sb.adminToken);
  for (const name of ['worker-0', 'worker-1']) {
    await ctx.store.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
    });
  }
});
afterAll(async () => {
  await sb.dispose();
});

const localPv = (
  name: string,
  node: string,
  size: string,
  sc: string,
  labels?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, ...(labels ? { labels } : {}) },
  spec: {
    capacity: { storage: size },
    accessModes: ['ReadWriteOnce'],
    storageClassName: sc,
    local: { path: `/mnt/${name}` },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
        ],
      },
    },
  },
});

const claim = (
  name: string,
  sc: string,
  size: string,
  extra: Record<string, unknown> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: size } },
    storageClassName: sc,
    ...extra,
  },
});

const phase = (ref: typeof PV, ns: string | undefined, name: string): string | undefined => {
  const status = ctx.store.get(ref, ns, name)?.status as { phase?: string } | undefined;
  return status?.phase;
};

const waitPhase = (ref: typeof PV, ns: string | undefined, name: string, want: string) =>
  eventually(() => (phase(ref, ns, name) === want ? true : undefined));

describe('persistent volume binding', () => {
  it('binds a claim to the smallest matching pre-created volume, honouring the selector', async () => {
    await ctx.store.create(localPv('st-big', 'worker-0', '20Gi', 'manual', { disk: 'x' }));
    await ctx.store.create(localPv('st-small', 'worker-0', '5Gi', 'manual', { disk: 'x' }));
    await ctx.store.create(localPv('st-unlabelled', 'worker-0', '2Gi', 'manual'));
    await waitPhase(PV, undefined, 'st-small', 'Available');
    await ctx.store.create(
      claim('st-claim', 'manual', '2Gi', { selector: { matchLabels: { disk: 'x' } } }),
    );
    await waitPhase(PVC, 'default', 'st-claim', 'Bound');
    const pvc = ctx.store.get(PVC, 'default', 'st-claim') as Obj;
    expect(pvc.spec?.volumeName).toBe('st-small');
    expect(pvc.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '5Gi' },
    });
    expect(pvc.metadata.annotations?.['pv.kubernetes.io/bind-completed']).toBe('yes');
    const pv = ctx.store.get(PV, undefined, 'st-small') as Obj;
    expect(pv.spec?.claimRef).toMatchObject({
      namespace: 'default',
      name: 'st-claim',
      uid: pvc.metadata.uid,
    });
    await waitPhase(PV, undefined, 'st-small', 'Bound');
  });

  it('keeps WaitForFirstConsumer claims pending until bindClaim picks a node', async () => {
    await admin.post('/apis/storage.k8s.io/v1/storageclasses', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'wffc' },
      provisioner: 'kubernetes.io/no-provisioner',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    await ctx.store.create(localPv('wf-0', 'worker-0', '10Gi', 'wffc'));
    await ctx.store.create(localPv('wf-1', 'worker-1', '10Gi', 'wffc'));
    await ctx.store.create(claim('wf-claim', 'wffc', '1Gi'));
    const event = await eventually(() =>
      ctx.store
        .list({ group: '', kind: 'Event' }, { namespace: 'default' })
        .find((e) => (e.involvedObject as { name?: string }).name === 'wf-claim'),
    );
    expect(event).toMatchObject({
      reason: 'WaitForFirstConsumer',
      message: 'waiting for first consumer to be created before binding',
    });
    expect(phase(PVC, 'default', 'wf-claim')).toBe('Pending');
    const bound = await ctx.bindClaim?.('default', 'wf-claim', 'worker-1');
    expect(bound).toBe('wf-1');
    const pvc = ctx.store.get(PVC, 'default', 'wf-claim') as Obj;
    expect(pvc.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe('worker-1');
    expect(pvc.status?.phase).toBe('Bound');
  });

  it('hands dynamic classes to the external provisioner and completes pre-bound volumes', async () => {
    await ctx.store.create({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'dyn' },
      provisioner: 'example.com/dyn',
    });
    const created = await ctx.store.create(claim('dyn-claim', 'dyn', '1Gi'));
    await eventually(() =>
      ctx.store.get(PVC, 'default', 'dyn-claim')?.metadata.annotations?.[
        'volume.kubernetes.io/storage-provisioner'
      ] === 'example.com/dyn'
        ? true
        : undefined,
    );
    await ctx.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `pvc-${created.metadata.uid ?? ''}` },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'dyn',
        persistentVolumeReclaimPolicy: 'Delete',
        hostPath: { path: '/tmp/x' },
        claimRef: {
          kind: 'PersistentVolumeClaim',
          namespace: 'default',
          name: 'dyn-claim',
          uid: created.metadata.uid,
        },
      },
    });
    await waitPhase(PVC, 'default', 'dyn-claim', 'Bound');
    // Delete reclaim policy: the volume goes away with the claim.
    await ctx.store.delete(PVC, 'default', 'dyn-claim');
    await eventually(() =>
      ctx.store.get(PV, undefined, `pvc-${created.metadata.uid ?? ''}`) ? undefined : true,
    );
  });

  it('releases a Retain volume when its claim is deleted', async () => {
    await ctx.store.create(localPv('ret', 'worker-0', '1Gi', 'retain-class'));
    await ctx.store.create(claim('ret-claim', 'retain-class', '1Gi'));
    await waitPhase(PVC, 'default', 'ret-claim', 'Bound');
    await ctx.store.delete(PVC, 'default', 'ret-claim');
    await waitPhase(PV, undefined, 'ret', 'Released');
  });

  it('keeps a claim used by a pod Terminating until the pod is gone (pvc-protection)', async () => {
    await ctx.store.create(localPv('prot', 'worker-0', '1Gi', 'prot-class'));
    await ctx.store.create(claim('prot-claim', 'prot-class', '1Gi'));
    await waitPhase(PVC, 'default', 'prot-claim', 'Bound');
    await ctx.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'user', namespace: 'default' },
      spec: {
        containers: [{ name: 'c', image: 'i' }],
        volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'prot-claim' } }],
      },
    });
    const del = await admin.del<Obj>(
      '/api/v1/namespaces/default/persistentvolumeclaims/prot-claim',
    );
    expect(del.body.metadata.deletionTimestamp).toBeTruthy();
    // A witness claim that no pod uses, deleted after ours: once it is gone, the protection controller
    // has run a pass that saw our claim Terminating (a wait on an event, not on the clock).
    await ctx.store.create(claim('prot-witness', 'prot-class', '1Gi'));
    await admin.del('/api/v1/namespaces/default/persistentvolumeclaims/prot-witness');
    await eventually(() => (ctx.store.get(PVC, 'default', 'prot-witness') ? undefined : true));
    expect(ctx.store.get(PVC, 'default', 'prot-claim')?.metadata.finalizers).toContain(
      'kubernetes.io/pvc-protection',
    );
    await ctx.store.delete({ group: '', kind: 'Pod' }, 'default', 'user');
    await eventually(() => (ctx.store.get(PVC, 'default', 'prot-claim') ? undefined : true));
  });
});

describe('garbage collection and namespaces', () => {
  it('deletes dependents of a deleted owner', async () => {
    const owner = await ctx.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owner', namespace: 'default' },
    });
    await ctx.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'dependent',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid ?? '' },
        ],
      },
    });
    await admin.del('/api/v1/namespaces/default/configmaps/owner');
    await eventually(() =>
      ctx.store.get({ group: '', kind: 'ConfigMap' }, 'default', 'dependent') ? undefined : true,
    );
  });

  it('empties and removes a deleted namespace', async () => {
    await admin.post('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'doomed' },
    });
    await admin.post('/api/v1/namespaces/doomed/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
    });
    const d = await admin.del<Obj>('/api/v1/namespaces/doomed');
    expect(d.body.status?.phase).toBe('Terminating');
    await eventually(async () =>
      (await admin.get('/api/v1/namespaces/doomed')).status === 404 ? true : undefined,
    );
    expect(ctx.store.list({ group: '', kind: 'ConfigMap' }, { namespace: 'doomed' })).toEqual([]);
  });
});

describe('the world contract', () => {
  it('serves registered custom types with conversion, admission, printer columns and CRDs', async () => {
    ctx.registerType({
      group: 'example.kubevirt.io',
      versions: ['v1beta1', 'v1alpha1'],
      kind: 'Widget',
      plural: 'widgets',
      singular: 'widget',
      namespaced: true,
      shortNames: ['wd'],
      subresources: { status: true },
      additionalPrinterColumns: [{ name: 'Phase', type: 'string', jsonPath: '.status.phase' }],
      convert: (obj, to) => {
        const spec = { ...(obj.spec as Record<string, unknown>) };
        if (to === 'v1alpha1') {
          spec.oldSize = spec.size;
          delete spec.size;
        } else {
          spec.size = spec.oldSize ?? spec.size;
          delete spec.oldSize;
        }
        return { ...obj, apiVersion: `example.kubevirt.io/${to}`, spec };
      },
    });
    ctx.registerAdmission({ group: 'example.kubevirt.io', kind: 'Widget' }, (req) => {
      if (
        req.operation === 'CREATE' &&
        (req.object?.spec as { size?: string } | undefined)?.size === 'huge'
      ) {
        throw ctx.errors.forbidden(
          'admission webhook "widgets.example" denied the request: too big',
        );
      }
    });
    const base = '/apis/example.kubevirt.io';
    const alpha = await admin.post<Obj>(`${base}/v1alpha1/namespaces/default/widgets`, {
      apiVersion: 'example.kubevirt.io/v1alpha1',
      kind: 'Widget',
      metadata: { name: 'w1' },
      spec: { oldSize: 'small' },
    });
    expect(alpha.status).toBe(201);
    expect(alpha.body.spec).toEqual({ oldSize: 'small' });
    expect(alpha.body.metadata.generation).toBe(1);
    const beta = await admin.get<Obj>(`${base}/v1beta1/namespaces/default/widgets/w1`);
    expect(beta.body.spec).toEqual({ size: 'small' });
    const denied = await admin.post<{ message: string; code: number }>(
      `${base}/v1beta1/namespaces/default/widgets`,
      {
        apiVersion: 'example.kubevirt.io/v1beta1',
        kind: 'Widget',
        metadata: { name: 'w2' },
        spec: { size: 'huge' },
      },
    );
    expect(denied.body).toMatchObject({
      code: 403,
      message: 'admission webhook "widgets.example" denied the request: too big',
    });
    const smp = await admin.patch<{ code: number }>(
      `${base}/v1beta1/namespaces/default/widgets/w1`,
      { spec: {} },
      'application/strategic-merge-patch+json',
    );
    expect(smp.body.code).toBe(415);
    await ctx.store.mutate(
      { group: 'example.kubevirt.io', kind: 'Widget' },
      'default',
      'w1',
      (o) => {
        o.status = { phase: 'Ready' };
      },
      { status: true },
    );
    const table = await admin.get<{
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[] }[];
    }>(`${base}/v1beta1/namespaces/default/widgets`, {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    expect(table.body.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Phase']);
    expect(table.body.rows[0].cells).toEqual(['w1', 'Ready']);
    const crd = await admin.get<{
      spec: { names: { shortNames: string[] }; versions: { name: string; storage: boolean }[] };
    }>('/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.kubevirt.io');
    expect(crd.body.spec.names.shortNames).toEqual(['wd']);
    expect(crd.body.spec.versions.map((v) => `${v.name}:${String(v.storage)}`)).toEqual([
      'v1beta1:true',
      'v1alpha1:false',
    ]);
    const decision = ctx.authorize(
      { username: 'developer', groups: ['system:authenticated'] },
      {
        verb: 'create',
        group: 'cdi.kubevirt.io',
        resource: 'datavolumes',
        subresource: 'source',
        namespace: 'default',
      },
    );
    expect(decision.allowed).toBe(false);
  });

  it('lists thousands of objects (5,000 PVs + 2,000 custom objects)', async () => {
    ctx.registerType({
      group: 'bench.kubevirt.io',
      versions: ['v1beta1'],
      kind: 'DataVolume',
      plural: 'datavolumes',
      singular: 'datavolume',
      namespaced: true,
    });
    for (let i = 0; i < 5000; i++) {
      await ctx.store.create({
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: { name: `bulk-${String(i).padStart(4, '0')}`, labels: { bulk: 'yes' } },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          hostPath: { path: `/d/${i}` },
          storageClassName: 'bulk',
        },
      });
    }
    for (let i = 0; i < 2000; i++) {
      await ctx.store.create({
        apiVersion: 'bench.kubevirt.io/v1beta1',
        kind: 'DataVolume',
        metadata: { name: `dv-${i}`, namespace: 'default' },
        spec: { source: { blank: {} } },
      });
    }
    const pvs = await admin.get<{ items: unknown[] }>(
      '/api/v1/persistentvolumes?labelSelector=bulk%3Dyes',
    );
    const dvs = await admin.get<{ items: unknown[] }>(
      '/apis/bench.kubevirt.io/v1beta1/datavolumes',
    );
    expect(pvs.body.items).toHaveLength(5000);
    expect(dvs.body.items).toHaveLength(2000);
  }, 180000);
});
