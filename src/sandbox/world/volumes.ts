import type { SandboxContext } from '../contract';
import { nodeOfPv } from '../controllers/scheduling/claims';
import { csiPools, currentHpp, hppSpec } from '../controllers/hpp/model';
import { nodePath } from './nodefs';
import { PV, PVC } from './refs';
import type { Pv, Pvc } from './shapes';
import { asType } from './shapes';

/** Where a bound volume's data lives on the sandbox host. */
export interface VolumeLocation {
  node: string;
  /** For Filesystem volumes: the directory that holds `disk.img`; for Block: the device file. */
  hostPath: string;
  block: boolean;
  pvName: string;
  capacity?: string;
}

export function pvLocation(ctx: SandboxContext, pv: Pv): VolumeLocation | undefined {
  const node = nodeOfPv(pv);
  if (!node) return undefined;
  let nodeAbs: string | undefined = pv.spec.local?.path ?? pv.spec.hostPath?.path;
  if (!nodeAbs && pv.spec.csi) {
    const poolName = pv.spec.csi.volumeAttributes?.storagePool ?? 'legacy';
    const hpp = currentHpp(ctx);
    const pool = hpp
      ? csiPools(hppSpec(hpp), ctx.profile).find((p) => p.name === poolName)
      : undefined;
    if (pool) nodeAbs = `${pool.path}/${pv.spec.csi.volumeHandle}`;
  }
  if (!nodeAbs) return undefined;
  return {
    node,
    hostPath: nodePath(ctx.dataDir, node, nodeAbs),
    block: pv.spec.volumeMode === 'Block',
    pvName: pv.metadata.name ?? '',
    capacity: pv.spec.capacity?.storage,
  };
}

export function claimLocation(
  ctx: SandboxContext,
  namespace: string,
  claim: string,
): VolumeLocation | undefined {
  const pvcObj = ctx.store.get(PVC, namespace, claim);
  if (!pvcObj) return undefined;
  const pvc = asType<Pvc>(pvcObj);
  if (!pvc.spec.volumeName) return undefined;
  const pv = ctx.store.get(PV, undefined, pvc.spec.volumeName);
  return pv ? pvLocation(ctx, asType<Pv>(pv)) : undefined;
}
