import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { KubeObject, SandboxContext } from '../../contract';
import { poolMachineConfigs, renderedConfigName } from '../../controllers/machineconfig/rendered';
import { DISK_IMAGE } from '../../controllers/cdi/annotations';
import { nodePath } from '../nodefs';
import { parseQuantity, usableSpace } from '../quantity';
import { PV, PVC } from '../refs';
import { nowIso } from '../shapes';
import { seedNamespaces, seedNodes } from './nodes';
import {
  localDisks,
  localPv,
  seedCdi,
  seedCdiConfig,
  seedCdiRbac,
  seedHyperConverged,
  seedMachineConfigPools,
  seedMachineConfigs,
  seedStorageClasses,
  seedStorageDefaults,
} from './platform';
import {
  SEED_VM,
  seedRootClaim,
  seedRootDataVolume,
  seedRootDataVolumeStatus,
  seedVirtualMachine,
} from './vm';

/** Creates an object unless it exists; a `status` in the seed is written through the status subresource. */
async function put(ctx: SandboxContext, obj: KubeObject): Promise<KubeObject> {
  const { status, ...rest } = obj;
  const ref = {
    group: obj.apiVersion.includes('/') ? (obj.apiVersion.split('/')[0] ?? '') : '',
    kind: obj.kind,
  };
  const existing = ctx.store.get(ref, obj.metadata.namespace, obj.metadata.name ?? '');
  if (existing) return existing;
  const created = await ctx.store.create(rest);
  if (status !== undefined) {
    return (
      (await ctx.store.mutate(
        ref,
        obj.metadata.namespace,
        obj.metadata.name ?? '',
        (o) => {
          o.status = status;
        },
        { status: true },
      )) ?? created
    );
  }
  return created;
}

/** A small sparse raw disk: the image CDI left after the upload, grown to the volume's usable size. */
function writeRootDisk(file: string, size: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    const mbr = Buffer.alloc(512);
    mbr.write('VM-DISKS SANDBOX rhel8-vm root disk', 3, 'latin1');
    mbr[510] = 0x55;
    mbr[511] = 0xaa;
    writeSync(fd, mbr, 0, 512, 0);
    const marker = Buffer.alloc(4096, 0x5a);
    writeSync(fd, marker, 0, marker.length, 1024 * 1024);
    writeSync(fd, Buffer.from('END'), 0, 3, size - 3);
  } finally {
    closeSync(fd);
  }
}

/** Seeds an empty store with the lab cluster described in src/sandbox/README.md. */
export async function seedWorld(ctx: SandboxContext): Promise<void> {
  ctx.log('seeding the sandbox world');
  for (const ns of seedNamespaces()) await put(ctx, ns);
  const configs = seedMachineConfigs();
  for (const mc of configs) await put(ctx, mc);
  const poolsDraft = seedMachineConfigPools('', '');
  const rendered = (pool: string) => {
    const draft = poolsDraft.find((p) => p.metadata.name === pool);
    return draft ? renderedConfigName(pool, poolMachineConfigs(draft, configs)) : '';
  };
  const renderedMaster = rendered('master');
  const renderedWorker = rendered('worker');
  for (const pool of seedMachineConfigPools(renderedMaster, renderedWorker)) await put(ctx, pool);
  for (const node of seedNodes(renderedMaster, renderedWorker)) {
    mkdirSync(nodePath(ctx.dataDir, node.metadata.name ?? '', '/'), { recursive: true });
    await put(ctx, node);
  }
  for (const sc of seedStorageClasses()) await put(ctx, sc);
  for (const disk of localDisks()) {
    mkdirSync(nodePath(ctx.dataDir, disk.node, disk.path), { recursive: true });
    await put(ctx, { ...localPv(disk), status: { phase: 'Available' } });
  }
  await put(ctx, seedHyperConverged(ctx.profile));
  await put(ctx, seedCdi(ctx.profile));
  await put(ctx, seedCdiConfig(ctx.profile));
  for (const obj of seedCdiRbac(ctx.profile)) await put(ctx, obj);
  // HCO ≥ 1.7 no longer creates the storage-defaults ConfigMap (see controllers/hco/controller.ts).
  if (ctx.profile === 'legacy') await put(ctx, seedStorageDefaults());

  // The running VM and its root disk on worker-0's first local disk.
  const t = nowIso();
  const dv = await put(ctx, { ...seedRootDataVolume(), status: seedRootDataVolumeStatus(t) });
  const pvc = await put(ctx, seedRootClaim(dv));
  await ctx.store.mutate(PV, undefined, SEED_VM.pv, (o) => {
    (o.spec as Record<string, unknown>).claimRef = {
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
      namespace: SEED_VM.namespace,
      name: SEED_VM.disk,
      uid: pvc.metadata.uid,
    };
    o.metadata.annotations = {
      ...(o.metadata.annotations ?? {}),
      'pv.kubernetes.io/bound-by-controller': 'yes',
    };
  });
  await ctx.store.mutate(
    PV,
    undefined,
    SEED_VM.pv,
    (o) => {
      o.status = { phase: 'Bound' };
    },
    { status: true },
  );
  await ctx.store.mutate(
    PVC,
    SEED_VM.namespace,
    SEED_VM.disk,
    (o) => {
      o.status = {
        phase: 'Bound',
        accessModes: ['ReadWriteOnce'],
        capacity: { storage: SEED_VM.size },
      };
    },
    { status: true },
  );
  const disk = localDisks().find((d) => d.pvName === SEED_VM.pv);
  if (disk) {
    const size = usableSpace(parseQuantity(SEED_VM.size) ?? 0, 0.055);
    writeRootDisk(path.join(nodePath(ctx.dataDir, disk.node, disk.path), DISK_IMAGE), size);
  }
  await put(ctx, seedVirtualMachine());
}
