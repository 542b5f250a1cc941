import { mkdirSync, rmSync, statfsSync } from 'node:fs';
import type { SandboxContext } from '../../contract';
import { recordEvent } from '../../world/events';
import { isLabelled, nodePath } from '../../world/nodefs';
import { formatBytes } from '../../world/quantity';
import { HPP, NODE, POD, PV, PVC, STORAGE_CLASS } from '../../world/refs';
import type { Pv, Pvc, StorageClass } from '../../world/shapes';
import { asType } from '../../world/shapes';
import { pvLocation } from '../../world/volumes';
import type { Controller } from '../runtime';
import {
  CSI_HPP,
  LEGACY_HPP,
  SELECTED_NODE,
  bindPvToClaim,
  claimClass,
  isWaitForFirstConsumer,
  requestBytes,
} from '../scheduling/claims';
import {
  CSI_TOPOLOGY_KEY,
  csiPools,
  currentHpp,
  hppSpec,
  provisionerReadyOnNode,
  namingPrefixEnabled,
} from './model';

const PROVISION_ON_NODE = 'kubevirt.io/provisionOnNode';
const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
const PROVISIONER_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';

function hostCapacity(dataDir: string): number {
  try {
    const s = statfsSync(dataDir);
    return s.blocks * s.bsize;
  } catch {
    return 100 * 1024 ** 3;
  }
}

/** Rounds the file system size down to whole GiB, as the legacy provisioner reports capacity. */
function legacyCapacity(bytes: number): string {
  const gib = Math.max(1, Math.floor(bytes / 1024 ** 3));
  return formatBytes(gib * 1024 ** 3);
}

/**
 * The hostpath provisioners (legacy `kubevirt.io/hostpath-provisioner` and CSI
 * `kubevirt.io.hostpath-provisioner`): dynamic PVs in a directory under the node's backing path,
 * once the claim's node is known (WaitForFirstConsumer: `volume.kubernetes.io/selected-node`).
 * The legacy provisioner needs the backing directory labelled `container_file_t`; otherwise its
 * mkdir fails with "Permission denied". Released volumes are deleted with their directory.
 */
export function hppProvisioner(ctx: SandboxContext): Controller {
  return {
    name: 'hostpath-provisioner',
    watches: [PVC, PV, HPP, POD, STORAGE_CLASS, NODE],
    async reconcile() {
      const hpp = currentHpp(ctx);
      for (const obj of ctx.store.list(PVC)) {
        const pvc = asType<Pvc>(obj);
        if (pvc.metadata.deletionTimestamp || pvc.spec.volumeName) continue;
        // A claim whose dataSourceRef names a volume populator's source is filled by that
        // populator (through its prime PVC); the external provisioner leaves it alone
        // (kubernetes-csi/external-provisioner: only PVC and VolumeSnapshot data sources).
        if (populatedByOther(pvc)) continue;
        const sc = claimClass(ctx, pvc);
        if (!sc || (sc.provisioner !== LEGACY_HPP && sc.provisioner !== CSI_HPP)) continue;
        const wffc = isWaitForFirstConsumer(sc);
        let node = pvc.metadata.annotations?.[SELECTED_NODE];
        if (!wffc && !node) {
          node = pvc.metadata.annotations?.[PROVISION_ON_NODE];
          if (!node) {
            node = ctx.store
              .list(NODE)
              .map((n) => n.metadata.name ?? '')
              .sort()
              .find((n) => provisionerReadyOnNode(ctx, sc.provisioner, n));
          }
        }
        if (!node) continue;
        if (!hpp || !provisionerReadyOnNode(ctx, sc.provisioner, node)) continue;
        await provision(ctx, pvc, sc, node);
      }
      await reclaim(ctx);
    },
  };
}

function populatedByOther(pvc: Pvc): boolean {
  const ref = pvc.spec.dataSourceRef as { apiGroup?: string; kind?: string } | undefined;
  if (!ref?.kind) return false;
  const core = !ref.apiGroup && ref.kind === 'PersistentVolumeClaim';
  const snapshot = ref.apiGroup === 'snapshot.storage.k8s.io' && ref.kind === 'VolumeSnapshot';
  return !core && !snapshot;
}

async function provision(
  ctx: SandboxContext,
  pvc: Pvc,
  sc: StorageClass,
  node: string,
): Promise<void> {
  const hpp = currentHpp(ctx);
  if (!hpp) return;
  const spec = hppSpec(hpp);
  const ns = pvc.metadata.namespace ?? '';
  const claim = pvc.metadata.name ?? '';
  const pvName = `pvc-${pvc.metadata.uid ?? ''}`;
  const component =
    sc.provisioner === LEGACY_HPP
      ? `${LEGACY_HPP}_hostpath-provisioner-${node}`
      : `${CSI_HPP}_${node}`;
  const failed = (message: string) =>
    recordEvent(
      ctx,
      pvc,
      'Warning',
      'ProvisioningFailed',
      `failed to provision volume with StorageClass "${sc.metadata.name ?? ''}": ${message}`,
      component,
    );

  const existing = ctx.store.get(PV, undefined, pvName);
  if (existing) {
    if (!ctx.bindClaim) await bindPvToClaim(ctx, asType<Pv>(existing), pvc, node);
    return;
  }
  await recordEvent(
    ctx,
    pvc,
    'Normal',
    'Provisioning',
    `External provisioner is provisioning volume for claim "${ns}/${claim}"`,
    component,
  );
  let pv: Pv;
  if (sc.provisioner === LEGACY_HPP) {
    const base = spec.pathConfig?.path;
    if (!base) {
      await failed(
        'the hostpath provisioner has no pathConfig; the legacy provisioner is not deployed',
      );
      return;
    }
    const dirName = namingPrefixEnabled(spec) ? `${claim}-${pvName}` : pvName;
    const nodeDir = `${base.replace(/\/$/, '')}/${dirName}`;
    if (!isLabelled(ctx.dataDir, node, base)) {
      await failed(`mkdir ${nodeDir}: Permission denied`);
      return;
    }
    const fsSize = hostCapacity(ctx.dataDir);
    if (requestBytes(pvc) > fsSize) {
      await failed(
        `insufficient space on node ${node}: requested ${requestBytes(pvc)}, available ${fsSize}`,
      );
      return;
    }
    mkdirSync(nodePath(ctx.dataDir, node, nodeDir), { recursive: true });
    pv = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        annotations: {
          hostPathProvisionerIdentity: node,
          'kubevirt.io/provisionOnNode': node,
          [PROVISIONED_BY]: LEGACY_HPP,
        },
        finalizers: ['kubernetes.io/pv-protection', PROVISIONER_FINALIZER],
      },
      spec: {
        accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: legacyCapacity(fsSize) },
        hostPath: { path: nodeDir, type: '' },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/hostname', operator: 'In', values: [node] },
                ],
              },
            ],
          },
        },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: 'Filesystem',
        claimRef: {
          kind: 'PersistentVolumeClaim',
          apiVersion: 'v1',
          namespace: ns,
          name: claim,
          uid: pvc.metadata.uid ?? '',
        },
      },
    };
  } else {
    if (pvc.spec.volumeMode === 'Block') {
      await failed('rpc error: code = InvalidArgument desc = block volume mode is not supported');
      return;
    }
    const poolName = sc.parameters?.storagePool ?? 'legacy';
    const pool = csiPools(spec, ctx.profile).find((p) => p.name === poolName);
    if (!pool) {
      await failed(`rpc error: code = InvalidArgument desc = storage pool ${poolName} not found`);
      return;
    }
    mkdirSync(nodePath(ctx.dataDir, node, `${pool.path}/${pvName}`), { recursive: true });
    pv = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: pvName,
        annotations: {
          [PROVISIONED_BY]: CSI_HPP,
          'volume.kubernetes.io/provisioner-deletion-secret-name': '',
          'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
        },
        finalizers: [
          'kubernetes.io/pv-protection',
          'external-provisioner.volume.kubernetes.io/finalizer',
        ],
      },
      spec: {
        accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: pvc.spec.resources?.requests?.storage ?? '1Gi' },
        csi: {
          driver: CSI_HPP,
          volumeHandle: pvName,
          volumeAttributes: {
            storagePool: poolName,
            'storage.kubernetes.io/csiProvisionerIdentity': `1700000000000-8081-${CSI_HPP}-${node}`,
          },
        },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: CSI_TOPOLOGY_KEY, operator: 'In', values: [node] }] },
            ],
          },
        },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: 'Filesystem',
        claimRef: {
          kind: 'PersistentVolumeClaim',
          apiVersion: 'v1',
          namespace: ns,
          name: claim,
          uid: pvc.metadata.uid ?? '',
        },
      },
    };
  }
  const created = asType<Pv>(await ctx.store.create(pv));
  // The persistent-volume controller binds the pre-bound PV; without the machinery's binder, do it here.
  if (!ctx.bindClaim) await bindPvToClaim(ctx, created, pvc, node);
  await recordEvent(
    ctx,
    pvc,
    'Normal',
    'ProvisioningSucceeded',
    `Successfully provisioned volume ${pvName}`,
    component,
  );
}

/** Deletes released hostpath volumes (reclaim policy Delete) and their directories. */
async function reclaim(ctx: SandboxContext): Promise<void> {
  for (const obj of ctx.store.list(PV)) {
    const pv = asType<Pv>(obj);
    const by = pv.metadata.annotations?.[PROVISIONED_BY];
    if (by !== LEGACY_HPP && by !== CSI_HPP) continue;
    const name = pv.metadata.name ?? '';
    if (pv.metadata.deletionTimestamp) {
      // The PV controller deleted the released volume: the provisioner removes its directory.
      if (pv.metadata.finalizers?.includes(PROVISIONER_FINALIZER)) {
        const loc = pvLocation(ctx, pv);
        if (loc) rmSync(loc.hostPath, { recursive: true, force: true });
        await ctx.store.mutate(PV, undefined, name, (o) => {
          o.metadata.finalizers = (o.metadata.finalizers ?? []).filter(
            (f) => f !== PROVISIONER_FINALIZER,
          );
        });
      }
      continue;
    }
    const ref = pv.spec.claimRef;
    if (!ref?.name) continue;
    const claim = ctx.store.get(PVC, ref.namespace, ref.name);
    if (claim && claim.metadata.uid === ref.uid) continue;
    if (ctx.bindClaim) continue; // the machinery's PV controller releases (Retain) or deletes (Delete) it
    if (pv.spec.persistentVolumeReclaimPolicy !== 'Delete') {
      if (pv.status?.phase !== 'Released') {
        await ctx.store.mutate(
          PV,
          undefined,
          name,
          (o) => {
            o.status = { phase: 'Released' };
          },
          { status: true },
        );
      }
      continue;
    }
    await ctx.store.delete(PV, undefined, name).catch(() => undefined);
  }
}
