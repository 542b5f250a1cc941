import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { SandboxContext } from '../../contract';
import { nodePath } from '../../world/nodefs';
import { CNV_NAMESPACE, NAMESPACE, PV, PVC } from '../../world/refs';
import { localDisks, localPv } from '../../world/seed/platform';
import type { Pv } from '../../world/shapes';
import { asType } from '../../world/shapes';
import type { Controller } from '../runtime';

function wipe(dir: string): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    entries = [];
  }
  for (const e of entries) rmSync(path.join(dir, e), { recursive: true, force: true });
}

/**
 * The Local Storage Operator's static provisioner for the lab's local disks: when a local PV is
 * released (its claim deleted; reclaim policy Delete), the disk is wiped, the PV deleted, and the
 * disk offered again as a fresh Available PV of the same name.
 */
export function localVolumeRecycler(ctx: SandboxContext): Controller {
  return {
    name: 'local-volume-provisioner',
    watches: [PV, PVC],
    async reconcile() {
      if (!ctx.store.get(NAMESPACE, undefined, CNV_NAMESPACE)) return;
      for (const disk of localDisks()) {
        const obj = ctx.store.get(PV, undefined, disk.pvName);
        const dir = nodePath(ctx.dataDir, disk.node, disk.path);
        if (!obj) {
          wipe(dir);
          await ctx.store.create(localPv(disk));
          continue;
        }
        const pv = asType<Pv>(obj);
        const ref = pv.spec.claimRef;
        if (!ref?.name || pv.metadata.deletionTimestamp) continue;
        const claim = ctx.store.get(PVC, ref.namespace, ref.name);
        const gone =
          !claim || (ref.uid !== undefined && ref.uid !== '' && claim.metadata.uid !== ref.uid);
        if (gone && (pv.status?.phase === 'Released' || pv.status?.phase === 'Failed')) {
          wipe(dir);
          await ctx.store.delete(PV, undefined, disk.pvName).catch(() => undefined);
        }
      }
    },
  };
}
