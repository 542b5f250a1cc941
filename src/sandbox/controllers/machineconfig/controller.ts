import type { KubeObject, SandboxContext } from '../../contract';
import { recordEvent } from '../../world/events';
import { applySelinuxLabel } from '../../world/nodefs';
import { MACHINE_CONFIG, MACHINE_CONFIG_POOL, NODE } from '../../world/refs';
import type { Condition, LabelSelector } from '../../world/shapes';
import { matchesLabelSelector, sameConditions, setCondition } from '../../world/shapes';
import { simulatedDelay, sleep } from '../../world/speed';
import type { Controller, TaskSet } from '../runtime';
import {
  CURRENT_CONFIG,
  DESIRED_CONFIG,
  MCD_STATE,
  chconPaths,
  poolMachineConfigs,
  renderedConfigName,
} from './rendered';

const PER_NODE_MS = 3000;
const NAME = 'machine-config-controller';

/**
 * Nodes a pool manages. RHEL compute nodes carry the worker role label but are not managed by the
 * Machine Config Operator (no machine-config-daemon runs there), so they are left out.
 */
function poolNodes(ctx: SandboxContext, pool: KubeObject): KubeObject[] {
  const selector = (pool.spec as { nodeSelector?: LabelSelector } | undefined)?.nodeSelector;
  return ctx.store
    .list(NODE)
    .filter((n) => matchesLabelSelector(n.metadata.labels, selector ?? { matchLabels: {} }))
    .filter((n) => n.metadata.labels?.['node.openshift.io/os_id'] !== 'rhel')
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

function mergedConfig(configs: KubeObject[]): Record<string, unknown> {
  const units: unknown[] = [];
  const files: unknown[] = [];
  for (const mc of configs) {
    const cfg = (
      mc.spec as
        | { config?: { systemd?: { units?: unknown[] }; storage?: { files?: unknown[] } } }
        | undefined
    )?.config;
    units.push(...(cfg?.systemd?.units ?? []));
    files.push(...(cfg?.storage?.files ?? []));
  }
  return { config: { ignition: { version: '3.4.0' }, systemd: { units }, storage: { files } } };
}

/**
 * MachineConfig render + rollout: a changed set of MachineConfigs for a pool renders a new config
 * and the pool's nodes update one at a time (state Working → Done, a simulated reboot each).
 * Systemd units running `chcon -Rt container_file_t <path>` label that path on the node.
 */
export function machineConfigController(ctx: SandboxContext, tasks: TaskSet): Controller {
  return {
    name: NAME,
    watches: [MACHINE_CONFIG, MACHINE_CONFIG_POOL, NODE],
    async reconcile() {
      const allConfigs = ctx.store.list(MACHINE_CONFIG);
      for (const pool of ctx.store.list(MACHINE_CONFIG_POOL)) {
        const poolName = pool.metadata.name ?? '';
        const configs = poolMachineConfigs(pool, allConfigs);
        const target = renderedConfigName(poolName, configs);
        const source = configs.map((c) => ({
          apiVersion: 'machineconfiguration.openshift.io/v1',
          kind: 'MachineConfig',
          name: c.metadata.name,
        }));
        if (!ctx.store.get(MACHINE_CONFIG, undefined, target)) {
          await ctx.store.create({
            apiVersion: 'machineconfiguration.openshift.io/v1',
            kind: 'MachineConfig',
            metadata: {
              name: target,
              annotations: {
                'machineconfiguration.openshift.io/generated-by-controller-version':
                  '9a6f2b1ce3b0d1f4e6c8a7b5d2e1f0a9c8b7d6e5',
              },
              ownerReferences: [
                {
                  apiVersion: pool.apiVersion,
                  kind: pool.kind,
                  name: poolName,
                  uid: pool.metadata.uid ?? '',
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            spec: mergedConfig(configs),
          });
        }
        const spec = (pool.spec ?? {}) as { configuration?: { name?: string }; paused?: boolean };
        if (spec.configuration?.name !== target) {
          await ctx.store.mutate(MACHINE_CONFIG_POOL, undefined, poolName, (o) => {
            (o.spec as Record<string, unknown>).configuration = { name: target, source };
          });
        }
        const nodes = poolNodes(ctx, pool);
        if (!spec.paused) {
          const working = nodes.find((n) => n.metadata.annotations?.[MCD_STATE] === 'Working');
          const next =
            working ?? nodes.find((n) => n.metadata.annotations?.[CURRENT_CONFIG] !== target);
          if (next) startNodeUpdate(ctx, tasks, next.metadata.name ?? '', target, configs);
        }
        await updatePoolStatus(ctx, pool, target, source, poolNodes(ctx, pool));
      }
    },
  };
}

function startNodeUpdate(
  ctx: SandboxContext,
  tasks: TaskSet,
  node: string,
  target: string,
  configs: KubeObject[],
): void {
  tasks.start(`mcd/${node}`, async () => {
    await ctx.store.mutate(NODE, undefined, node, (o) => {
      o.metadata.annotations = {
        ...(o.metadata.annotations ?? {}),
        [DESIRED_CONFIG]: target,
        [MCD_STATE]: 'Working',
      };
    });
    const nodeObj = ctx.store.get(NODE, undefined, node);
    if (nodeObj)
      await recordEvent(
        ctx,
        nodeObj,
        'Normal',
        'Reboot',
        `Node will reboot into config ${target}`,
        'machineconfigdaemon',
      );
    await sleep(simulatedDelay(PER_NODE_MS));
    if (tasks.isClosed) return;
    const current = ctx.store.get(NODE, undefined, node);
    if (current?.metadata.annotations?.[DESIRED_CONFIG] !== target) return;
    if (current.metadata.labels?.['node.openshift.io/os_id'] === 'rhcos') {
      for (const p of chconPaths(configs)) applySelinuxLabel(ctx.dataDir, node, p);
    }
    await ctx.store.mutate(NODE, undefined, node, (o) => {
      o.metadata.annotations = {
        ...(o.metadata.annotations ?? {}),
        [CURRENT_CONFIG]: target,
        [MCD_STATE]: 'Done',
        'machineconfiguration.openshift.io/reason': '',
      };
    });
    const done = ctx.store.get(NODE, undefined, node);
    if (done)
      await recordEvent(
        ctx,
        done,
        'Normal',
        'NodeDone',
        `Setting node ${node}, currentConfig ${target} to Done`,
        'machineconfigdaemon',
      );
  });
}

async function updatePoolStatus(
  ctx: SandboxContext,
  pool: KubeObject,
  target: string,
  source: unknown[],
  nodes: KubeObject[],
): Promise<void> {
  const status = (pool.status ?? {}) as { conditions?: Condition[]; [k: string]: unknown };
  const updated = nodes.filter(
    (n) =>
      n.metadata.annotations?.[CURRENT_CONFIG] === target &&
      n.metadata.annotations[MCD_STATE] === 'Done',
  );
  const working = nodes.filter((n) => n.metadata.annotations?.[MCD_STATE] === 'Working');
  const allUpdated = updated.length === nodes.length;
  let conditions = status.conditions ?? [];
  conditions = setCondition(conditions, {
    type: 'Updated',
    status: allUpdated ? 'True' : 'False',
    reason: '',
    message: allUpdated ? `All nodes are updated with ${target}` : '',
  });
  conditions = setCondition(conditions, {
    type: 'Updating',
    status: allUpdated ? 'False' : 'True',
    reason: '',
    message: allUpdated ? '' : `All nodes are updating to ${target}`,
  });
  const prevConfig = (status.configuration as { name?: string } | undefined)?.name;
  const next = {
    ...status,
    conditions,
    machineCount: nodes.length,
    updatedMachineCount: updated.length,
    readyMachineCount: updated.length,
    unavailableMachineCount: working.length,
    degradedMachineCount: 0,
    observedGeneration: pool.metadata.generation ?? 1,
    configuration: allUpdated
      ? { name: target, source }
      : (status.configuration ?? { name: target, source }),
  };
  const same =
    sameConditions(status.conditions, conditions) &&
    status.machineCount === next.machineCount &&
    status.updatedMachineCount === next.updatedMachineCount &&
    status.unavailableMachineCount === next.unavailableMachineCount &&
    prevConfig === (next.configuration as { name?: string }).name &&
    status.observedGeneration === next.observedGeneration;
  if (same) return;
  await ctx.store.mutate(
    MACHINE_CONFIG_POOL,
    undefined,
    pool.metadata.name ?? '',
    (o) => {
      o.status = next;
    },
    { status: true },
  );
}
