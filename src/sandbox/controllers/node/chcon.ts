import type { SandboxContext } from '../../contract';
import { applySelinuxLabel, isLabelled } from '../../world/nodefs';
import { NODE } from '../../world/refs';
import type { Controller } from '../runtime';

/**
 * Sandbox-only stand-in for `sudo chcon -t container_file_t -R <path>` run on a node: annotate the
 * Node with `sandbox.vm-disks.io/chcon: <path>[,<path>…]` and the paths are labelled on that node
 * (recorded in `nodes/<node>/.selinux-labels`), as if an admin had run chcon there.
 */
const CHCON_ANNOTATION = 'sandbox.vm-disks.io/chcon';

export function nodeChcon(ctx: SandboxContext): Controller {
  return {
    name: 'node-chcon',
    watches: [NODE],
    reconcile() {
      for (const node of ctx.store.list(NODE)) {
        const raw = node.metadata.annotations?.[CHCON_ANNOTATION];
        if (!raw) continue;
        const name = node.metadata.name ?? '';
        for (const p of raw
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.startsWith('/'))) {
          if (!isLabelled(ctx.dataDir, name, p)) applySelinuxLabel(ctx.dataDir, name, p);
        }
      }
      return Promise.resolve();
    },
  };
}
