/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment, @typescript-eslint/no-misused-spread --
   client-node model classes are plain JSON shapes at run time; literals are how its own docs build them. */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  StorageV1Api,
  Watch,
  type V1PersistentVolumeClaim,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBareSandbox } from '../test-support/bare-sandbox';

type Sandbox = Awaited<ReturnType<typeof startBareSandbox>>;

const configFor = async (sb: Sandbox, dir: string, user: string): Promise<KubeConfig> => {
  const file = join(dir, `${user}.kubeconfig`);
  await sb.writeKubeconfig(file, user);
  const kc = new KubeConfig();
  kc.loadFromString(await readFile(file, 'utf8'));
  return kc;
};

for (const tls of [false, true]) {
  describe(`@kubernetes/client-node against the sandbox (${tls ? 'HTTPS' : 'HTTP'})`, () => {
    let sb: Sandbox;
    let dir: string;
    let admin: KubeConfig;
    let developer: KubeConfig;

    beforeAll(async () => {
      sb = await startBareSandbox({ tls });
      dir = await mkdtemp(join(tmpdir(), 'client-node-'));
      admin = await configFor(sb, dir, 'admin');
      developer = await configFor(sb, dir, 'developer');
    });
    afterAll(async () => {
      await sb.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    it('creates, reads and lists with typed clients', async () => {
      const core = admin.makeApiClient(CoreV1Api);
      const namespaces = await core.listNamespace();
      expect(namespaces.items.map((n) => n.metadata?.name)).toContain('vm-images');
      const claim: V1PersistentVolumeClaim = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'cn-claim' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '2Gi' } },
          storageClassName: 'x',
        },
      };
      const created = await core.createNamespacedPersistentVolumeClaim({
        namespace: 'vm-images',
        body: claim,
      });
      expect(created.status?.phase).toBe('Pending');
      expect(created.spec?.volumeMode).toBe('Filesystem');
      const read = await core.readNamespacedPersistentVolumeClaim({
        name: 'cn-claim',
        namespace: 'vm-images',
      });
      expect(read.metadata?.uid).toBe(created.metadata?.uid);
      const storage = admin.makeApiClient(StorageV1Api);
      expect((await storage.listStorageClass()).kind).toBe('StorageClassList');
    });

    it('surfaces Status errors (404, 409, 403) as ApiException', async () => {
      const core = admin.makeApiClient(CoreV1Api);
      const err = await core
        .readNamespacedConfigMap({ name: 'missing', namespace: 'default' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiException);
      expect((err as ApiException<string>).code).toBe(404);
      const body = JSON.parse((err as ApiException<string>).body) as { message: string };
      expect(body.message).toBe('configmaps "missing" not found');
      const cm = await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'cn-cm' }, data: { a: '1' } },
      });
      await core.replaceNamespacedConfigMap({
        name: 'cn-cm',
        namespace: 'default',
        body: { ...cm, data: { a: '2' } },
      });
      const conflict = await core
        .replaceNamespacedConfigMap({
          name: 'cn-cm',
          namespace: 'default',
          body: { ...cm, data: { a: '3' } },
        })
        .catch((e: unknown) => e);
      expect((conflict as ApiException<string>).code).toBe(409);
      const dev = developer.makeApiClient(CoreV1Api);
      const forbidden = await dev.listPersistentVolume().catch((e: unknown) => e);
      expect((forbidden as ApiException<string>).code).toBe(403);
    });

    it('watches', async () => {
      const seen: string[] = [];
      const watch = new Watch(admin);
      const controller = await watch.watch(
        '/api/v1/namespaces/default/configmaps',
        {},
        (type: string, obj: { metadata?: { name?: string } }) => {
          seen.push(`${type} ${obj.metadata?.name ?? ''}`);
        },
        () => undefined,
      );
      const core = admin.makeApiClient(CoreV1Api);
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: 'cn-watched' } },
      });
      // Bounded by the test's timeout, not by a deadline that assumes an idle machine.
      while (!seen.includes('ADDED cn-watched')) await new Promise((r) => setTimeout(r, 50));
      controller.abort();
      expect(seen).toContain('ADDED cn-watched');
    });
  });
}
