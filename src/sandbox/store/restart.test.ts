import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InstallWorld } from '../contract';
import { apiClient, eventually, startBareSandbox } from '../test-support/bare-sandbox';

/** A world that serves one custom kind (registered during install, after the store has loaded). */
const gadgetWorld: InstallWorld = (ctx) => {
  ctx.registerType({
    group: 'example.kubevirt.io',
    versions: ['v1'],
    kind: 'Gadget',
    plural: 'gadgets',
    singular: 'gadget',
    namespaced: true,
  });
  return Promise.resolve({ stop: () => Promise.resolve() });
};

describe('persistence', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('keeps every object, the resourceVersion sequence and the tokens across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vm-disks-restart-'));
    dirs.push(dataDir);
    const first = await startBareSandbox({ dataDir });
    const a = apiClient(first.url, first.adminToken);
    const created = await a.post<{ metadata: { uid: string; resourceVersion: string } }>(
      '/api/v1/namespaces/default/configmaps',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep-me' }, data: { k: 'v' } },
    );
    const sc = await a.post<{ metadata: { uid: string } }>(
      '/apis/storage.k8s.io/v1/storageclasses',
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name: 'kept' },
        provisioner: 'example.com/x',
      },
    );
    const lastRv = Number(
      (
        await a.get<{ metadata: { resourceVersion: string } }>(
          '/api/v1/namespaces/default/configmaps',
        )
      ).body.metadata.resourceVersion,
    );
    const token = first.adminToken;
    await first.close();
    const onDisk = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as {
      resourceVersion: number;
    };
    expect(onDisk.resourceVersion).toBe(lastRv);

    const second = await startBareSandbox({ dataDir });
    try {
      expect(second.adminToken).toBe(token);
      const b = apiClient(second.url, second.adminToken);
      const got = await b.get<{
        metadata: { uid: string; resourceVersion: string };
        data: Record<string, string>;
      }>('/api/v1/namespaces/default/configmaps/keep-me');
      expect(got.status).toBe(200);
      expect(got.body.metadata.uid).toBe(created.body.metadata.uid);
      expect(got.body.data).toEqual({ k: 'v' });
      const gotSc = await b.get<{ metadata: { uid: string } }>(
        '/apis/storage.k8s.io/v1/storageclasses/kept',
      );
      expect(gotSc.body.metadata.uid).toBe(sc.body.metadata.uid);
      const next = await b.post<{ metadata: { resourceVersion: string } }>(
        '/api/v1/namespaces/default/configmaps',
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'after-restart' },
        },
      );
      expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(lastRv);
      // Watches cannot resume from before the restart: the history is gone.
      const res = await fetch(
        `${second.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${created.body.metadata.resourceVersion}`,
        { headers: { Authorization: `Bearer ${second.adminToken}` } },
      );
      const event = JSON.parse((await res.text()).split('\n')[0]) as {
        type: string;
        object: { code: number };
      };
      expect(event).toMatchObject({ type: 'ERROR', object: { code: 410 } });
    } finally {
      await second.close();
    }
  });

  it('keeps dependents of custom-typed owners across a restart (no false garbage collection)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vm-disks-gc-restart-'));
    dirs.push(dataDir);
    const first = await startBareSandbox({ dataDir, world: gadgetWorld });
    const a = apiClient(first.url, first.adminToken);
    const owner = await a.post<{ metadata: { uid: string } }>(
      '/apis/example.kubevirt.io/v1/namespaces/default/gadgets',
      {
        apiVersion: 'example.kubevirt.io/v1',
        kind: 'Gadget',
        metadata: { name: 'g' },
      },
    );
    await a.post('/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'owned',
        ownerReferences: [
          {
            apiVersion: 'example.kubevirt.io/v1',
            kind: 'Gadget',
            name: 'g',
            uid: owner.body.metadata.uid,
          },
        ],
      },
    });
    await first.close();
    const second = await startBareSandbox({ dataDir, world: gadgetWorld });
    try {
      const b = apiClient(second.url, second.adminToken);
      // A witness whose owner never existed: once the collector has removed it, it has finished the
      // pass it starts with after a restart (a wait on an event, not on the clock).
      await b.post('/api/v1/namespaces/default/configmaps', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'witness',
          ownerReferences: [
            {
              apiVersion: 'example.kubevirt.io/v1',
              kind: 'Gadget',
              name: 'gone',
              uid: 'no-such-uid',
            },
          ],
        },
      });
      await eventually(async () =>
        (await b.get('/api/v1/namespaces/default/configmaps/witness')).status === 404
          ? true
          : undefined,
      );
      expect((await b.get('/api/v1/namespaces/default/configmaps/owned')).status).toBe(200);
      // ...and the collector still works for that owner.
      await b.del('/apis/example.kubevirt.io/v1/namespaces/default/gadgets/g');
      await eventually(async () =>
        (await b.get('/api/v1/namespaces/default/configmaps/owned')).status === 404
          ? true
          : undefined,
      );
    } finally {
      await second.close();
    }
  });

  it('starts clean with reset', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vm-disks-reset-'));
    dirs.push(dataDir);
    const first = await startBareSandbox({ dataDir });
    await apiClient(first.url, first.adminToken).post('/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'gone-after-reset' },
    });
    await first.close();
    const second = await startBareSandbox({ dataDir, reset: true });
    try {
      const r = await apiClient(second.url, second.adminToken).get(
        '/api/v1/namespaces/default/configmaps/gone-after-reset',
      );
      expect(r.status).toBe(404);
    } finally {
      await second.close();
    }
  });
});
