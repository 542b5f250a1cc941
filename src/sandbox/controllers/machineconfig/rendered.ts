import { createHash } from 'node:crypto';
import type { KubeObject } from '../../contract';
import type { LabelSelector } from '../../world/shapes';
import { matchesLabelSelector } from '../../world/shapes';

export const CURRENT_CONFIG = 'machineconfiguration.openshift.io/currentConfig';
export const DESIRED_CONFIG = 'machineconfiguration.openshift.io/desiredConfig';
export const MCD_STATE = 'machineconfiguration.openshift.io/state';

/** MachineConfigs (not rendered ones) that a pool's machineConfigSelector selects, sorted by name. */
export function poolMachineConfigs(pool: KubeObject, configs: KubeObject[]): KubeObject[] {
  const selector = (pool.spec as { machineConfigSelector?: LabelSelector } | undefined)
    ?.machineConfigSelector;
  return configs
    .filter((mc) => !(mc.metadata.name ?? '').startsWith('rendered-'))
    .filter((mc) => matchesLabelSelector(mc.metadata.labels, selector ?? { matchLabels: {} }))
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

/** `rendered-<pool>-<hash>` from the merged content, like the render controller names it. */
export function renderedConfigName(poolName: string, configs: KubeObject[]): string {
  const hash = createHash('md5')
    .update(JSON.stringify(configs.map((c) => [c.metadata.name, c.spec])))
    .digest('hex');
  return `rendered-${poolName}-${hash}`;
}

/** Backing paths relabelled by `chcon -Rt container_file_t <path>` lines in the configs' systemd units. */
export function chconPaths(configs: KubeObject[]): string[] {
  const paths = new Set<string>();
  for (const mc of configs) {
    const units =
      (
        mc.spec as
          | { config?: { systemd?: { units?: { contents?: string; enabled?: boolean }[] } } }
          | undefined
      )?.config?.systemd?.units ?? [];
    for (const unit of units) {
      if (unit.enabled === false) continue;
      for (const line of (unit.contents ?? '').split('\n')) {
        const m = /^\s*ExecStart=\S*chcon\s+(.*)$/.exec(line);
        if (!m) continue;
        const args = m[1].trim().split(/\s+/);
        const typeIdx = args.findIndex((a) => a === '-t' || a === '-Rt' || a === '-tR');
        const hasType =
          args.includes('container_file_t') &&
          (typeIdx >= 0 || args.some((a) => a.startsWith('--type')));
        const target = args.filter((a) => a.startsWith('/')).pop();
        if (hasType && target) paths.add(target);
      }
    }
  }
  return [...paths];
}
