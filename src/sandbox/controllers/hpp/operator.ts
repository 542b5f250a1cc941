import type { KubeObject, SandboxContext, SandboxProfile } from '../../contract';
import { recordEvent } from '../../world/events';
import { CSI_DRIVER, HPP, NODE, POD } from '../../world/refs';
import type { Condition, NodeObj, Pod } from '../../world/shapes';
import {
  asType,
  controllerRef,
  matchesLabelSelector,
  randomSuffix,
  sameConditions,
  setCondition,
} from '../../world/shapes';
import { runningPodStatus } from '../../world/pods';
import { simulatedDelay } from '../../world/speed';
import type { Controller, Requeue } from '../runtime';
import {
  CSI_APP,
  CSI_TOPOLOGY_KEY,
  HPP_NAMESPACE,
  HPP_CSI_DRIVER,
  HPP_IMAGE_OS,
  HPP_VERSIONS,
  LEGACY_APP,
  csiPools,
  currentHpp,
  hppSpec,
} from './model';

const FINALIZER = 'finalizer.delete.hostpath-provisioner';
const STARTUP_MS = 4000;
const NAME = 'hostpath-provisioner-operator';

/** Nodes the provisioner DaemonSets run on: schedulable nodes without untolerated taints. */
function targetNodes(ctx: SandboxContext, cr: KubeObject): string[] {
  const selector = hppSpec(cr).workload?.nodeSelector;
  return ctx.store
    .list(NODE)
    .map((n) => asType<NodeObj>(n))
    .filter((n) => !(n.spec.taints ?? []).some((t) => t.effect === 'NoSchedule'))
    .filter((n) => matchesLabelSelector(n.metadata.labels, { matchLabels: selector ?? {} }))
    .map((n) => n.metadata.name ?? '')
    .sort();
}

function daemonPod(profile: SandboxProfile, cr: KubeObject, app: string, node: string): KubeObject {
  const csi = app === CSI_APP;
  const image = (component: string): string =>
    `registry.redhat.io/container-native-virtualization/${component}-${HPP_IMAGE_OS[profile]}:${HPP_VERSIONS[profile]}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${app}-${randomSuffix()}`,
      namespace: HPP_NAMESPACE,
      labels: {
        'k8s-app': app,
        'app.kubernetes.io/component': 'storage',
        'app.kubernetes.io/managed-by': 'hostpath-provisioner-operator',
        'app.kubernetes.io/part-of': 'hyperconverged-cluster',
      },
      ownerReferences: [controllerRef(cr)],
    },
    spec: {
      nodeName: node,
      serviceAccountName: csi ? 'hostpath-provisioner-admin-csi' : 'hostpath-provisioner-admin',
      containers: csi
        ? [
            {
              name: 'hostpath-provisioner',
              image: image('hostpath-csi-driver'),
            },
            {
              name: 'node-driver-registrar',
              image: image('csi-node-driver-registrar'),
            },
            {
              name: 'liveness-probe',
              image: image('csi-livenessprobe'),
            },
            {
              name: 'csi-provisioner',
              image: image('csi-external-provisioner'),
            },
          ]
        : [
            {
              name: 'hostpath-provisioner',
              image: image('hostpath-provisioner'),
            },
          ],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      ],
    },
  };
}

/**
 * The hostpath-provisioner operator: for the CR it deploys the provisioner DaemonSet(s) (shown as
 * their pods on every eligible node: `hostpath-provisioner-xxxxx` for the legacy provisioner,
 * `hostpath-provisioner-csi-xxxxx` for the CSI driver), and reports Available/Progressing/Degraded.
 */
export function hppOperator(ctx: SandboxContext, requeue: Requeue): Controller {
  const readyAt = new Map<string, number>();
  return {
    name: NAME,
    watches: [HPP, NODE, POD, CSI_DRIVER],
    async reconcile() {
      const crs = ctx.store.list(HPP);
      const live = currentHpp(ctx);
      const pods = ctx.store.list(POD, { namespace: HPP_NAMESPACE }).map((p) => asType<Pod>(p));
      const ours = pods.filter(
        (p) =>
          p.metadata.labels?.['k8s-app'] === LEGACY_APP ||
          p.metadata.labels?.['k8s-app'] === CSI_APP,
      );

      for (const cr of crs) {
        const name = cr.metadata.name ?? '';
        if (cr.metadata.deletionTimestamp) {
          for (const p of ours.filter((x) =>
            x.metadata.ownerReferences?.some((o) => o.uid === cr.metadata.uid),
          )) {
            await ctx.store
              .delete(POD, HPP_NAMESPACE, p.metadata.name ?? '')
              .catch(() => undefined);
          }
          if (cr.metadata.finalizers?.includes(FINALIZER)) {
            await ctx.store.mutate(HPP, undefined, name, (o) => {
              o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== FINALIZER);
            });
          }
          continue;
        }
        if (!cr.metadata.finalizers?.includes(FINALIZER)) {
          await ctx.store.mutate(HPP, undefined, name, (o) => {
            o.metadata.finalizers = [...(o.metadata.finalizers ?? []), FINALIZER];
          });
        }
      }

      // Desired pods: only for the live CR.
      const desired: { app: string; node: string }[] = [];
      if (live) {
        const spec = hppSpec(live);
        const nodes = targetNodes(ctx, live);
        for (const node of nodes) {
          if (spec.pathConfig?.path) desired.push({ app: LEGACY_APP, node });
          if (csiPools(spec).length > 0) desired.push({ app: CSI_APP, node });
        }
      }
      for (const p of ours) {
        const want =
          live &&
          p.metadata.ownerReferences?.some((o) => o.uid === live.metadata.uid) &&
          desired.some(
            (d) => d.app === p.metadata.labels?.['k8s-app'] && d.node === p.spec.nodeName,
          );
        if (!want)
          await ctx.store.delete(POD, HPP_NAMESPACE, p.metadata.name ?? '').catch(() => undefined);
      }
      await reconcileCsiDriver(ctx, live);
      if (!live) return;
      const now = Date.now();
      let allReady = true;
      for (const d of desired) {
        const pod = ours.find(
          (p) =>
            p.metadata.labels?.['k8s-app'] === d.app &&
            p.spec.nodeName === d.node &&
            p.metadata.ownerReferences?.some((o) => o.uid === live.metadata.uid),
        );
        if (!pod) {
          const created = await ctx.store.create(daemonPod(ctx.profile, live, d.app, d.node));
          await ctx.store.mutate(
            POD,
            HPP_NAMESPACE,
            created.metadata.name ?? '',
            (o) => {
              o.status = {
                phase: 'Pending',
                conditions: [{ type: 'PodScheduled', status: 'True' }],
              };
            },
            { status: true },
          );
          readyAt.set(created.metadata.uid ?? '', now + simulatedDelay(STARTUP_MS));
          allReady = false;
          continue;
        }
        if (pod.status?.phase === 'Running') continue;
        const due = readyAt.get(pod.metadata.uid ?? '') ?? 0;
        if (due > now) {
          allReady = false;
          requeue.after(NAME, due - now + 5);
          continue;
        }
        await ctx.store.mutate(
          POD,
          HPP_NAMESPACE,
          pod.metadata.name ?? '',
          (o) => {
            o.status = runningPodStatus(
              (o.spec as { containers: { name: string; image: string }[] }).containers,
            );
          },
          { status: true },
        );
        if (d.app === CSI_APP) {
          await ctx.store.mutate(NODE, undefined, d.node, (o) => {
            if (o.metadata.labels?.[CSI_TOPOLOGY_KEY] !== d.node) {
              o.metadata.labels = { ...(o.metadata.labels ?? {}), [CSI_TOPOLOGY_KEY]: d.node };
            }
          });
        }
      }
      await updateStatus(ctx, live, allReady, desired.length);
    },
  };
}

/**
 * The operator registers the CSI driver as a `storage.k8s.io/v1` CSIDriver while a CR deploys it and
 * removes it with the CR (kubevirt/hostpath-provisioner-operator
 * `pkg/controller/hostpathprovisioner/csidriver.go` `createCSIDriverObject`: no attach, pod info on
 * mount, storage capacity tracking, fsGroupPolicy File, persistent and ephemeral volumes). Its
 * existence is what makes CDI use volume populators for the driver's classes.
 */
async function reconcileCsiDriver(
  ctx: SandboxContext,
  live: KubeObject | undefined,
): Promise<void> {
  const existing = ctx.store.get(CSI_DRIVER, undefined, HPP_CSI_DRIVER);
  const wanted = live !== undefined && csiPools(hppSpec(live)).length > 0;
  if (!wanted) {
    if (existing && existing.metadata.labels?.['app.kubernetes.io/managed-by'] === NAME)
      await ctx.store.delete(CSI_DRIVER, undefined, HPP_CSI_DRIVER).catch(() => undefined);
    return;
  }
  if (existing) return;
  await ctx.store.create({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSIDriver',
    metadata: {
      name: HPP_CSI_DRIVER,
      labels: {
        'app.kubernetes.io/component': 'storage',
        'app.kubernetes.io/managed-by': NAME,
        'app.kubernetes.io/part-of': 'hyperconverged-cluster',
      },
    },
    spec: {
      attachRequired: false,
      fsGroupPolicy: 'File',
      podInfoOnMount: true,
      requiresRepublish: false,
      storageCapacity: true,
      volumeLifecycleModes: ['Persistent', 'Ephemeral'],
    },
  });
}

async function updateStatus(
  ctx: SandboxContext,
  cr: KubeObject,
  ready: boolean,
  desiredCount: number,
): Promise<void> {
  const status = (cr.status ?? {}) as { conditions?: Condition[]; [k: string]: unknown };
  let conditions = status.conditions ?? [];
  if (ready) {
    conditions = setCondition(conditions, {
      type: 'Available',
      status: 'True',
      reason: 'Complete',
      message: 'Application Available',
    });
    conditions = setCondition(conditions, {
      type: 'Progressing',
      status: 'False',
      reason: 'Complete',
      message: 'Application Available',
    });
    conditions = setCondition(conditions, {
      type: 'Degraded',
      status: 'False',
      reason: 'Complete',
      message: 'Application Available',
    });
  } else {
    conditions = setCondition(conditions, {
      type: 'Available',
      status: 'False',
      reason: 'DeployStarted',
      message: 'Started Deployment',
    });
    conditions = setCondition(conditions, {
      type: 'Progressing',
      status: 'True',
      reason: 'DeployStarted',
      message: 'Started Deployment',
    });
    conditions = setCondition(conditions, {
      type: 'Degraded',
      status: 'False',
      reason: 'DeployStarted',
      message: 'Started Deployment',
    });
  }
  const spec = hppSpec(cr);
  const nodes =
    desiredCount / ((spec.pathConfig?.path ? 1 : 0) + (csiPools(spec).length > 0 ? 1 : 0) || 1);
  const pools = csiPools(spec).map((p) => ({
    name: p.name,
    phase: ready ? 'Ready' : 'Preparing',
    desiredReady: nodes,
    currentReady: ready ? nodes : 0,
  }));
  const next: Record<string, unknown> = {
    ...status,
    conditions,
    operatorVersion: HPP_VERSIONS[ctx.profile],
    targetVersion: HPP_VERSIONS[ctx.profile],
    observedVersion: ready ? HPP_VERSIONS[ctx.profile] : (status.observedVersion ?? ''),
    storagePoolStatuses: pools,
  };
  const changed =
    !sameConditions(status.conditions, conditions) ||
    JSON.stringify(status.storagePoolStatuses ?? []) !== JSON.stringify(pools) ||
    status.observedVersion !== next.observedVersion;
  if (!changed) return;
  const wasReady = (status.conditions ?? []).some(
    (c) => c.type === 'Available' && c.status === 'True',
  );
  await ctx.store.mutate(
    HPP,
    undefined,
    cr.metadata.name ?? '',
    (o) => {
      o.status = next;
    },
    { status: true },
  );
  if (ready && !wasReady)
    await recordEvent(
      ctx,
      cr,
      'Normal',
      'ProvisionerHealthy',
      'Provisioner Healthy',
      'hostpath-provisioner-operator',
    );
}
