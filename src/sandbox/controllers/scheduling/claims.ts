import type { KubeObject, SandboxContext } from '../../contract';
import { parseQuantity } from '../../world/quantity';
import { NODE, POD, PV, PVC, STORAGE_CLASS } from '../../world/refs';
import type { NodeObj, Pod, Pv, Pvc, StorageClass } from '../../world/shapes';
import { asType, matchesLabelSelector, nodeMatchesAffinity, nowIso } from '../../world/shapes';

export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const LEGACY_HPP = 'kubevirt.io/hostpath-provisioner';
export const CSI_HPP = 'kubevirt.io.hostpath-provisioner';
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';

export function storageClasses(ctx: SandboxContext): StorageClass[] {
  return ctx.store.list(STORAGE_CLASS).map((o) => asType<StorageClass>(o));
}

export function storageClass(
  ctx: SandboxContext,
  name: string | null | undefined,
): StorageClass | undefined {
  if (!name) return undefined;
  const sc = ctx.store.get(STORAGE_CLASS, undefined, name);
  return sc ? asType<StorageClass>(sc) : undefined;
}

export function defaultStorageClass(ctx: SandboxContext): StorageClass | undefined {
  return storageClasses(ctx).find((sc) => sc.metadata.annotations?.[DEFAULT_CLASS] === 'true');
}

export function claimClass(ctx: SandboxContext, pvc: Pvc): StorageClass | undefined {
  return storageClass(ctx, pvc.spec.storageClassName);
}

export function isWaitForFirstConsumer(sc: StorageClass | undefined): boolean {
  return sc?.volumeBindingMode === 'WaitForFirstConsumer';
}

export function requestBytes(pvc: {
  spec: { resources?: { requests?: Record<string, string> } };
}): number {
  return parseQuantity(pvc.spec.resources?.requests?.storage) ?? 0;
}

export function nodeOfPv(pv: Pv): string | undefined {
  for (const term of pv.spec.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const e of term.matchExpressions ?? []) {
      if (
        (e.key === 'kubernetes.io/hostname' || e.key === 'topology.hostpath.csi/node') &&
        e.operator === 'In' &&
        e.values?.length === 1
      ) {
        return e.values[0];
      }
    }
  }
  return undefined;
}

function boundPv(ctx: SandboxContext, pvc: Pvc): Pv | undefined {
  const name = pvc.spec.volumeName;
  if (!name) return undefined;
  const pv = ctx.store.get(PV, undefined, name);
  return pv ? asType<Pv>(pv) : undefined;
}

export function isBound(pvc: Pvc): boolean {
  return pvc.status?.phase === 'Bound' && Boolean(pvc.spec.volumeName);
}

/** Whether a static PV can satisfy a claim on a node (the PV controller's matching rules). */
function pvMatchesClaim(pv: Pv, pvc: Pvc, nodeLabels: Record<string, string> | undefined): boolean {
  const ref = pv.spec.claimRef;
  if (ref && !(ref.namespace === pvc.metadata.namespace && ref.name === pvc.metadata.name))
    return false;
  if (pv.status?.phase && pv.status.phase !== 'Available' && !ref) return false;
  if (pv.metadata.deletionTimestamp) return false;
  if ((pv.spec.storageClassName ?? '') !== (pvc.spec.storageClassName ?? '')) return false;
  if ((parseQuantity(pv.spec.capacity?.storage) ?? 0) < requestBytes(pvc)) return false;
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (pvc.spec.volumeMode ?? 'Filesystem')) return false;
  for (const mode of pvc.spec.accessModes ?? [])
    if (!(pv.spec.accessModes ?? []).includes(mode)) return false;
  if (!matchesLabelSelector(pv.metadata.labels, pvc.spec.selector)) return false;
  return nodeMatchesAffinity(nodeLabels, pv.spec.nodeAffinity?.required?.nodeSelectorTerms);
}

/** Non-terminated pods of a namespace that mount a claim. */
export function podsUsingClaim(
  ctx: SandboxContext,
  namespace: string,
  claim: string,
  readWriteOnly = false,
): Pod[] {
  return ctx.store
    .list(POD, { namespace })
    .map((p) => asType<Pod>(p))
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .filter((p) =>
      (p.spec.volumes ?? []).some(
        (v) =>
          v.persistentVolumeClaim?.claimName === claim &&
          !(readWriteOnly && v.persistentVolumeClaim.readOnly === true),
      ),
    );
}

/** Whether a dynamic provisioner can provision on a node (hostpath-provisioner pods running there). */
export type ProvisionerReadiness = (
  ctx: SandboxContext,
  provisioner: string,
  node: string,
) => boolean;

export interface PlacementResult {
  node?: string;
  message?: string;
}

function nodeReady(node: NodeObj): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * The scheduler's decision for a pod that mounts `claims`: the first feasible node, or the
 * scheduler's FailedScheduling message (`0/6 nodes are available: …`).
 */
export function placePod(
  ctx: SandboxContext,
  claims: Pvc[],
  provisionerReady: ProvisionerReadiness,
  opts: { tolerateControlPlane?: boolean; nodeSelector?: Record<string, string> } = {},
): PlacementResult {
  const nodes = ctx.store.list(NODE).map((n) => asType<NodeObj>(n));
  const pvs = ctx.store.list(PV).map((p) => asType<Pv>(p));
  const reasons = new Map<string, number>();
  const fail = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  for (const c of claims) {
    const sc = claimClass(ctx, c);
    if (!isBound(c) && !isWaitForFirstConsumer(sc)) {
      return {
        message: `0/${nodes.length} nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`,
      };
    }
  }
  const feasible: string[] = [];
  for (const node of [...nodes].sort((a, b) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  )) {
    const name = node.metadata.name ?? '';
    if (!nodeReady(node)) {
      fail('node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
      continue;
    }
    if (node.spec.unschedulable) {
      fail('node(s) were unschedulable');
      continue;
    }
    const taint = (node.spec.taints ?? []).find(
      (t) =>
        (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
        !(opts.tolerateControlPlane && t.key.startsWith('node-role.kubernetes.io/')),
    );
    if (taint) {
      fail(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
      continue;
    }
    if (
      opts.nodeSelector &&
      !matchesLabelSelector(node.metadata.labels, { matchLabels: opts.nodeSelector })
    ) {
      fail("node(s) didn't match Pod's node affinity/selector");
      continue;
    }
    let problem: string | undefined;
    const taken = new Set<string>();
    for (const c of claims) {
      if (isBound(c)) {
        const pv = boundPv(ctx, c);
        if (
          pv &&
          !nodeMatchesAffinity(
            node.metadata.labels,
            pv.spec.nodeAffinity?.required?.nodeSelectorTerms,
          )
        ) {
          problem = 'node(s) had volume node affinity conflict';
          break;
        }
        continue;
      }
      const selected = c.metadata.annotations?.[SELECTED_NODE];
      if (selected && selected !== name) {
        problem = 'node(s) had volume node affinity conflict';
        break;
      }
      const sc = claimClass(ctx, c);
      const provisioner = sc?.provisioner ?? NO_PROVISIONER;
      if (provisioner === NO_PROVISIONER || !sc) {
        const pv = pvs
          .filter((p) => !taken.has(p.metadata.name ?? ''))
          .filter((p) => pvMatchesClaim(p, c, node.metadata.labels))
          .sort(
            (a, b) =>
              (parseQuantity(a.spec.capacity?.storage) ?? 0) -
              (parseQuantity(b.spec.capacity?.storage) ?? 0),
          )
          .at(0);
        if (!pv) {
          problem = "node(s) didn't find available persistent volumes to bind";
          break;
        }
        taken.add(pv.metadata.name ?? '');
      } else if (!provisionerReady(ctx, provisioner, name)) {
        problem = 'node(s) did not have enough free storage';
        break;
      }
    }
    if (problem) fail(problem);
    else feasible.push(name);
  }
  if (feasible.length > 0) return { node: feasible[0] };
  const list = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort();
  return {
    message: `0/${nodes.length} nodes are available: ${list.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`,
  };
}

/**
 * What the scheduler's volume binder does once a pod is placed: WaitForFirstConsumer claims get
 * `volume.kubernetes.io/selected-node` (dynamic classes, the provisioner then acts) or are bound
 * to a matching local PV on that node (static classes, through the machinery's `bindClaim` when
 * it offers one).
 */
export async function bindClaimsOnNode(
  ctx: SandboxContext,
  claims: Pvc[],
  node: string,
): Promise<void> {
  const nodeObj = ctx.store.get(NODE, undefined, node);
  for (const c of claims) {
    const fresh = ctx.store.get(PVC, c.metadata.namespace, c.metadata.name ?? '');
    if (!fresh) continue;
    const pvc = asType<Pvc>(fresh);
    if (isBound(pvc) || pvc.spec.volumeName) continue;
    const sc = claimClass(ctx, pvc);
    if (!isWaitForFirstConsumer(sc)) continue;
    if (ctx.bindClaim) {
      await ctx.bindClaim(pvc.metadata.namespace ?? '', pvc.metadata.name ?? '', node);
      continue;
    }
    const provisioner = sc?.provisioner ?? NO_PROVISIONER;
    if (provisioner !== NO_PROVISIONER) {
      if (pvc.metadata.annotations?.[SELECTED_NODE] !== node) {
        await ctx.store.mutate(PVC, pvc.metadata.namespace, pvc.metadata.name ?? '', (o) => {
          o.metadata.annotations = { ...(o.metadata.annotations ?? {}), [SELECTED_NODE]: node };
        });
      }
      continue;
    }
    const pv = ctx.store
      .list(PV)
      .map((p) => asType<Pv>(p))
      .filter((p) => pvMatchesClaim(p, pvc, nodeObj?.metadata.labels))
      .sort(
        (a, b) =>
          (parseQuantity(a.spec.capacity?.storage) ?? 0) -
          (parseQuantity(b.spec.capacity?.storage) ?? 0),
      )
      .at(0);
    if (!pv) continue;
    await bindPvToClaim(ctx, pv, pvc, node);
  }
}

/** Binds a PV and a claim the way the PV controller records it (used when the machinery doesn't). */
export async function bindPvToClaim(
  ctx: SandboxContext,
  pv: KubeObject,
  pvc: Pvc,
  node?: string,
): Promise<void> {
  const ns = pvc.metadata.namespace ?? '';
  const claimName = pvc.metadata.name ?? '';
  const pvName = pv.metadata.name ?? '';
  const boundPvObj = await ctx.store.mutate(PV, undefined, pvName, (o) => {
    const spec = o.spec as Pv['spec'];
    spec.claimRef = {
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
      namespace: ns,
      name: claimName,
      uid: pvc.metadata.uid ?? '',
    };
    o.metadata.annotations = {
      ...(o.metadata.annotations ?? {}),
      'pv.kubernetes.io/bound-by-controller': 'yes',
    };
  });
  await ctx.store.mutate(
    PV,
    undefined,
    pvName,
    (o) => {
      o.status = { phase: 'Bound' };
    },
    { status: true },
  );
  await ctx.store.mutate(PVC, ns, claimName, (o) => {
    (o.spec as Pvc['spec']).volumeName = pvName;
    o.metadata.annotations = {
      ...(o.metadata.annotations ?? {}),
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      ...(node ? { [SELECTED_NODE]: node } : {}),
    };
  });
  const capacity = asType<Pv>(boundPvObj ?? pv).spec.capacity ?? {};
  await ctx.store.mutate(
    PVC,
    ns,
    claimName,
    (o) => {
      o.status = {
        phase: 'Bound',
        accessModes: asType<Pv>(boundPvObj ?? pv).spec.accessModes ?? [],
        capacity,
      };
    },
    { status: true },
  );
  ctx.log(`bound ${ns}/${claimName} to ${pvName} at ${nowIso()}`);
}
