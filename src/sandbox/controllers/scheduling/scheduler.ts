import type { SandboxContext } from '../../contract';
import { recordEvent } from '../../world/events';
import { runningPodStatus } from '../../world/pods';
import { NODE, POD, PV, PVC } from '../../world/refs';
import type { Pod, Pvc } from '../../world/shapes';
import { asType, nowIso } from '../../world/shapes';
import { provisionerReadyOnNode } from '../hpp/model';
import type { Controller } from '../runtime';
import { bindClaimsOnNode, isBound, placePod } from './claims';

/** Pods the world's own controllers place themselves. */
function managedElsewhere(pod: Pod): boolean {
  const l = pod.metadata.labels ?? {};
  return (
    l.app === 'containerized-data-importer' ||
    l['kubevirt.io'] === 'virt-launcher' ||
    l['k8s-app'] === 'hostpath-provisioner' ||
    l['k8s-app'] === 'hostpath-provisioner-csi'
  );
}

/**
 * kube-scheduler and kubelet for users' pods: a Pending pod is placed on a feasible node (its
 * claims' PV node affinity, taints, `nodeSelector`, or its preset `nodeName`), its
 * WaitForFirstConsumer claims are bound there, and it runs once every claim is bound.
 */
export function podScheduler(ctx: SandboxContext): Controller {
  const reported = new Map<string, string>();
  return {
    name: 'kube-scheduler',
    watches: [POD, PVC, PV, NODE],
    async reconcile() {
      for (const obj of ctx.store.list(POD)) {
        const pod = asType<Pod>(obj);
        if (managedElsewhere(pod) || pod.metadata.deletionTimestamp) continue;
        if (pod.status?.phase && pod.status.phase !== 'Pending') continue;
        const ns = pod.metadata.namespace ?? '';
        const name = pod.metadata.name ?? '';
        const claims: Pvc[] = [];
        let missing: string | undefined;
        for (const v of pod.spec.volumes ?? []) {
          const cn = v.persistentVolumeClaim?.claimName;
          if (!cn) continue;
          const pvc = ctx.store.get(PVC, ns, cn);
          if (!pvc) missing = cn;
          else claims.push(asType<Pvc>(pvc));
        }
        const key = `${ns}/${name}`;
        let node = pod.spec.nodeName;
        let message: string | undefined;
        if (missing)
          message = `0/${ctx.store.list(NODE).length} nodes are available: persistentvolumeclaim "${missing}" not found. preemption: 0/${ctx.store.list(NODE).length} nodes are available: ${ctx.store.list(NODE).length} Preemption is not helpful for scheduling.`;
        else if (!node) {
          const nodeSelector = (pod.spec as { nodeSelector?: Record<string, string> }).nodeSelector;
          const placement = placePod(ctx, claims, provisionerReadyOnNode, { nodeSelector });
          node = placement.node;
          message = placement.message;
        }
        if (!node) {
          if (reported.get(key) !== message) {
            reported.set(key, message ?? '');
            await ctx.store.mutate(
              POD,
              ns,
              name,
              (o) => {
                o.status = {
                  ...(o.status ?? {}),
                  phase: 'Pending',
                  conditions: [
                    {
                      type: 'PodScheduled',
                      status: 'False',
                      reason: 'Unschedulable',
                      message,
                      lastProbeTime: null,
                      lastTransitionTime: nowIso(),
                    },
                  ],
                };
              },
              { status: true },
            );
            await recordEvent(
              ctx,
              pod,
              'Warning',
              'FailedScheduling',
              message ?? '',
              'default-scheduler',
            );
          }
          continue;
        }
        const target = node;
        if (!pod.spec.nodeName) {
          await ctx.store.mutate(POD, ns, name, (o) => {
            (o.spec as Pod['spec']).nodeName = target;
          });
          await recordEvent(
            ctx,
            pod,
            'Normal',
            'Scheduled',
            `Successfully assigned ${ns}/${name} to ${target}`,
            'default-scheduler',
          );
        }
        await bindClaimsOnNode(ctx, claims, target);
        const bound = claims.every((c) =>
          isBound(asType<Pvc>(ctx.store.get(PVC, ns, c.metadata.name ?? '') ?? c)),
        );
        if (!bound) continue;
        reported.delete(key);
        await ctx.store.mutate(
          POD,
          ns,
          name,
          (o) => {
            o.status = runningPodStatus(
              (o.spec as { containers: { name: string; image: string }[] }).containers,
            );
          },
          { status: true },
        );
      }
    },
  };
}
