import type { KubeObject, SandboxContext } from '../../contract';
import { recordEvent } from '../../world/events';
import { DATA_VOLUME, NODE, POD, PV, PVC, VM, VMI } from '../../world/refs';
import type { Condition, Pvc, VirtualMachine, Vmi, VmVolume } from '../../world/shapes';
import {
  asType,
  controllerRef,
  nowIso,
  randomSuffix,
  sameConditions,
  setCondition,
} from '../../world/shapes';
import { runningPodStatus } from '../../world/pods';
import { simulatedDelay, sleep } from '../../world/speed';
import { provisionerReadyOnNode } from '../hpp/model';
import type { Controller, TaskSet } from '../runtime';
import { bindClaimsOnNode, isBound, placePod } from '../scheduling/claims';

const COMPONENT = 'virtualmachine-controller';
const LAUNCHER_IMAGE =
  'registry.redhat.io/container-native-virtualization/virt-launcher-rhel9:v4.18.0';

/**
 * Whether the VM should have a VMI, from `spec.running` / `spec.runStrategy` (kubevirt/kubevirt
 * pkg/virt-controller/watch/vm/vm.go `startStop`): Always and RerunOnFailure start it (the sandbox's
 * guests never fail or shut down by themselves), Halted stops it, Manual leaves it as it is (start
 * and stop are requests through virtctl), Once starts it when there is no VMI and keeps the one
 * there is. `running: true` is Always, `running: false` Halted.
 */
function shouldRun(vm: VirtualMachine, hasVmi: boolean): boolean {
  const strategy = vm.spec.runStrategy;
  if (strategy === 'Always' || strategy === 'RerunOnFailure' || strategy === 'Once') return true;
  if (strategy === 'Halted') return false;
  if (strategy === 'Manual') return hasVmi;
  return vm.spec.running === true;
}

function claimName(v: VmVolume): string | undefined {
  return v.persistentVolumeClaim?.claimName ?? v.dataVolume?.name;
}

type VolumeState =
  | { ok: true; claims: Pvc[] }
  | { ok: false; printable: string; message: string; bindClaims?: Pvc[] };

/** What the VM controller checks before it creates a VMI: claims exist, DataVolumes are ready. */
function volumeState(ctx: SandboxContext, ns: string, volumes: VmVolume[]): VolumeState {
  const claims: Pvc[] = [];
  const waitingForConsumer: Pvc[] = [];
  let provisioning: string | undefined;
  for (const v of volumes) {
    const name = claimName(v);
    if (!name) continue;
    if (v.dataVolume) {
      const dv = ctx.store.get(DATA_VOLUME, ns, name);
      if (!dv)
        return {
          ok: false,
          printable: 'ErrorDataVolumeNotFound',
          message: `DataVolume ${name} does not exist`,
        };
      const phase = (dv.status as { phase?: string } | undefined)?.phase;
      const pvc = ctx.store.get(PVC, ns, name);
      // KubeVirt starts a VM whose DataVolumes wait for a consumer, with or without populators
      // (kubevirt/kubevirt pkg/virt-controller/watch/vm.go: Succeeded, WaitForFirstConsumer and
      // PendingPopulation DataVolumes do not hold the start).
      if ((phase === 'WaitForFirstConsumer' || phase === 'PendingPopulation') && pvc) {
        waitingForConsumer.push(asType<Pvc>(pvc));
        continue;
      }
      if (phase === 'Failed')
        return { ok: false, printable: 'DataVolumeError', message: `DataVolume ${name} failed` };
      if (phase !== 'Succeeded') {
        provisioning = name;
        continue;
      }
    }
    const pvc = ctx.store.get(PVC, ns, name);
    if (!pvc)
      return {
        ok: false,
        printable: 'ErrorPvcNotFound',
        message: `PVC ${ns}/${name} does not exist, waiting for it to appear`,
      };
    claims.push(asType<Pvc>(pvc));
  }
  if (waitingForConsumer.length > 0) {
    return {
      ok: false,
      printable: 'WaitingForVolumeBinding',
      message: 'waiting for volumes to bind',
      bindClaims: [...claims, ...waitingForConsumer],
    };
  }
  if (provisioning)
    return {
      ok: false,
      printable: 'Provisioning',
      message: `DataVolume ${provisioning} is provisioning`,
    };
  return { ok: true, claims };
}

/**
 * KubeVirt's VM and VMI controllers (and the parts of the scheduler and kubelet they rely on):
 * `running`/`runStrategy` start and stop a VMI; the VMI's virt-launcher pod is placed on the node
 * of its disks' PVs, or stays Pending with the scheduler's message when no node fits.
 */
const VMI_FINALIZER = 'kubevirt.io/virtualMachineControllerFinalize';
const SHUTDOWN_MS = 2000;

export function virtualMachineController(ctx: SandboxContext, tasks: TaskSet): Controller {
  return {
    name: 'virt-controller',
    watches: [VM, VMI, DATA_VOLUME, PVC, PV, NODE],
    async reconcile() {
      for (const obj of ctx.store.list(VM)) {
        const vm = asType<VirtualMachine>(obj);
        if (vm.metadata.deletionTimestamp) {
          await finalizeVm(ctx, vm);
          continue;
        }
        try {
          await reconcileVm(ctx, vm);
        } catch (err) {
          ctx.log(`vm ${vm.metadata.namespace ?? ''}/${vm.metadata.name ?? ''}: ${String(err)}`);
        }
      }
      for (const obj of ctx.store.list(VMI)) {
        const vmi = asType<Vmi>(obj);
        if (vmi.metadata.deletionTimestamp) {
          shutDown(ctx, tasks, vmi);
          continue;
        }
        await reconcileVmi(ctx, vmi);
      }
      // Launcher pods whose VMI is gone terminate.
      for (const p of ctx.store.list(POD, { labelSelector: 'kubevirt.io=virt-launcher' })) {
        const owner = p.metadata.labels?.['vm.kubevirt.io/name'];
        const vmi = owner ? ctx.store.get(VMI, p.metadata.namespace, owner) : undefined;
        if (p.metadata.labels?.['kubevirt.io'] !== 'virt-launcher') continue;
        if (!vmi || vmi.metadata.uid !== p.metadata.labels['kubevirt.io/created-by']) {
          await ctx.store
            .delete(POD, p.metadata.namespace, p.metadata.name ?? '')
            .catch(() => undefined);
        }
      }
    },
  };
}

async function finalizeVm(ctx: SandboxContext, vm: VirtualMachine): Promise<void> {
  const ns = vm.metadata.namespace ?? '';
  const name = vm.metadata.name ?? '';
  if (ctx.store.get(VMI, ns, name)) await ctx.store.delete(VMI, ns, name).catch(() => undefined);
  if (vm.metadata.finalizers?.includes('kubevirt.io/virtualMachineControllerFinalize')) {
    await ctx.store.mutate(VM, ns, name, (o) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter(
        (f) => f !== 'kubevirt.io/virtualMachineControllerFinalize',
      );
    });
  }
}

async function reconcileVm(ctx: SandboxContext, vm: VirtualMachine): Promise<void> {
  const ns = vm.metadata.namespace ?? '';
  const name = vm.metadata.name ?? '';
  if (!vm.metadata.finalizers?.includes('kubevirt.io/virtualMachineControllerFinalize')) {
    await ctx.store.mutate(VM, ns, name, (o) => {
      o.metadata.finalizers = [
        ...(o.metadata.finalizers ?? []),
        'kubevirt.io/virtualMachineControllerFinalize',
      ];
    });
  }
  await ensureDataVolumeTemplates(ctx, vm);
  let vmiObj = ctx.store.get(VMI, ns, name);
  const run = shouldRun(vm, Boolean(vmiObj));
  let printable = 'Stopped';
  let message = '';
  if (vmiObj?.metadata.deletionTimestamp) {
    printable = 'Stopping';
  } else if (!run && vmiObj) {
    await ctx.store.delete(VMI, ns, name).catch(() => undefined);
    await recordEvent(
      ctx,
      vm,
      'Normal',
      'SuccessfulDelete',
      `Stopped the virtual machine by deleting the virtual machine instance ${vmiObj.metadata.uid ?? ''}`,
      COMPONENT,
    );
    vmiObj = ctx.store.get(VMI, ns, name);
    printable = vmiObj ? 'Stopping' : 'Stopped';
  } else if (run && !vmiObj) {
    const state = volumeState(ctx, ns, vm.spec.template?.spec?.volumes ?? []);
    if (state.ok) {
      vmiObj = await ctx.store.create({
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachineInstance',
        metadata: {
          name,
          namespace: ns,
          labels: { ...(vm.spec.template?.metadata?.labels ?? {}) },
          annotations: {
            'kubevirt.io/latest-observed-api-version': 'v1',
            'kubevirt.io/storage-observed-api-version': 'v1',
          },
          ownerReferences: [controllerRef(vm)],
          finalizers: [VMI_FINALIZER],
        },
        spec: structuredClone(vm.spec.template?.spec ?? {}),
      });
      await ctx.store.mutate(
        VMI,
        ns,
        name,
        (o) => {
          o.status = { phase: 'Pending', guestOSInfo: {} };
        },
        { status: true },
      );
      await recordEvent(
        ctx,
        vm,
        'Normal',
        'SuccessfulCreate',
        `Started the virtual machine by creating the new virtual machine instance ${name}`,
        COMPONENT,
      );
      printable = 'Starting';
    } else {
      printable = state.printable;
      message = state.message;
      if (state.bindClaims) {
        const placement = placePod(ctx, state.bindClaims, provisionerReadyOnNode);
        if (placement.node) await bindClaimsOnNode(ctx, state.bindClaims, placement.node);
        else {
          printable = 'ErrorUnschedulable';
          message = placement.message ?? '';
        }
      }
    }
  }
  const vmi = vmiObj ? asType<Vmi>(ctx.store.get(VMI, ns, name) ?? vmiObj) : undefined;
  let conditions: Condition[] = ((vm.status?.conditions ?? []) as Condition[]).filter(
    (c) => c.type !== 'PodScheduled' && c.type !== 'Failure',
  );
  if (vmi?.metadata.deletionTimestamp) {
    printable = 'Stopping';
  } else if (vmi) {
    const phase = vmi.status?.phase ?? 'Pending';
    const sched = vmi.status?.conditions?.find(
      (c) => c.type === 'PodScheduled' && c.status === 'False',
    );
    if (phase === 'Running') printable = 'Running';
    else if (sched) {
      printable = 'ErrorUnschedulable';
      conditions = setCondition(conditions, {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: sched.message ?? '',
        lastProbeTime: null,
      });
    } else if (phase === 'Failed') printable = 'Stopped';
    else printable = 'Starting';
  }
  const ready = vmi?.status?.phase === 'Running';
  conditions = setCondition(
    conditions,
    ready
      ? { type: 'Ready', status: 'True', reason: '', message: '', lastProbeTime: null }
      : {
          type: 'Ready',
          status: 'False',
          reason: vmi ? 'GuestNotRunning' : 'VMINotExists',
          message: vmi ? 'Guest VM is not reported as running' : 'VMI does not exist',
          lastProbeTime: null,
        },
  );
  if (message && !vmi)
    conditions = setCondition(conditions, {
      type: 'Failure',
      status: 'True',
      reason: printable,
      message,
    });
  const status: Record<string, unknown> = {
    ...(vm.status ?? {}),
    printableStatus: printable,
    conditions,
    volumeSnapshotStatuses: (vm.spec.template?.spec?.volumes ?? []).map((v) => ({
      name: v.name,
      enabled: false,
      reason: `No VolumeSnapshotClass: Volume snapshots are not configured for this StorageClass [${v.name}]`,
    })),
  };
  if (ready) status.ready = true;
  else delete status.ready;
  if (vmi) status.created = true;
  else delete status.created;
  const prev = vm.status ?? {};
  const unchanged =
    prev.printableStatus === status.printableStatus &&
    prev.ready === status.ready &&
    prev.created === status.created &&
    sameConditions(prev.conditions as Condition[] | undefined, conditions);
  if (!unchanged)
    await ctx.store.mutate(
      VM,
      ns,
      name,
      (o) => {
        o.status = status;
      },
      { status: true },
    );
}

/** DataVolumes from `spec.dataVolumeTemplates` are created (owned by the VM) when missing. */
async function ensureDataVolumeTemplates(ctx: SandboxContext, vm: VirtualMachine): Promise<void> {
  const ns = vm.metadata.namespace ?? '';
  for (const t of vm.spec.dataVolumeTemplates ?? []) {
    const name = t.metadata?.name;
    if (!name || ctx.store.get(DATA_VOLUME, ns, name)) continue;
    await ctx.store.create({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: {
        ...(t.metadata ?? {}),
        name,
        namespace: ns,
        ownerReferences: [controllerRef(vm)],
      },
      spec: structuredClone(t.spec ?? {}),
    });
  }
}

async function reconcileVmi(ctx: SandboxContext, vmi: Vmi): Promise<void> {
  const ns = vmi.metadata.namespace ?? '';
  const name = vmi.metadata.name ?? '';
  const phase = vmi.status?.phase ?? 'Pending';
  if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') return;
  const claims: Pvc[] = [];
  for (const v of vmi.spec.volumes ?? []) {
    const cn = claimName(v);
    if (!cn) continue;
    const pvc = ctx.store.get(PVC, ns, cn);
    if (!pvc) return;
    claims.push(asType<Pvc>(pvc));
  }
  const placement = placePod(ctx, claims, provisionerReadyOnNode, {
    nodeSelector: vmi.spec.nodeSelector,
  });
  if (!placement.node) {
    const existing = vmi.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (existing?.message === placement.message && phase === 'Scheduling') return;
    const launcher = await ensureLauncher(ctx, vmi, undefined);
    if (launcher && existing?.message !== placement.message) {
      await recordEvent(
        ctx,
        launcher,
        'Warning',
        'FailedScheduling',
        placement.message ?? '',
        'default-scheduler',
      );
    }
    await ctx.store.mutate(
      VMI,
      ns,
      name,
      (o) => {
        const st = (o.status ?? {}) as Vmi['status'] & object;
        o.status = {
          ...st,
          phase: 'Scheduling',
          conditions: setCondition(st.conditions ?? [], {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: placement.message ?? '',
            lastProbeTime: null,
          }),
        };
      },
      { status: true },
    );
    return;
  }
  await bindClaimsOnNode(ctx, claims, placement.node);
  const fresh = claims.map((c) => asType<Pvc>(ctx.store.get(PVC, ns, c.metadata.name ?? '') ?? c));
  if (!fresh.every(isBound)) {
    if (phase !== 'Scheduled') {
      await ctx.store.mutate(
        VMI,
        ns,
        name,
        (o) => {
          o.status = { ...(o.status ?? {}), phase: 'Scheduling', conditions: [] };
        },
        { status: true },
      );
    }
    return;
  }
  await ensureLauncher(ctx, vmi, placement.node);
  const node = placement.node;
  const t = nowIso();
  await ctx.store.mutate(VMI, ns, name, (o) => {
    o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubevirt.io/nodeName': node };
  });
  await ctx.store.mutate(
    VMI,
    ns,
    name,
    (o) => {
      o.status = {
        ...(o.status ?? {}),
        phase: 'Running',
        nodeName: node,
        conditions: [
          { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: t },
          {
            type: 'LiveMigratable',
            status: 'False',
            reason: 'DisksNotLiveMigratable',
            message:
              'cannot migrate VMI: PVC is not shared, live migration requires that all PVCs must be shared (using ReadWriteMany access mode)',
            lastProbeTime: null,
            lastTransitionTime: null,
          },
        ],
        guestOSInfo: {},
        interfaces: [
          {
            name: 'default',
            ipAddress: '10.128.2.45',
            ipAddresses: ['10.128.2.45'],
            mac: '02:ab:cd:00:00:01',
          },
        ],
        launcherContainerImageVersion: LAUNCHER_IMAGE,
        migrationMethod: 'BlockMigration',
        qosClass: 'Burstable',
        phaseTransitionTimestamps: [
          { phase: 'Pending', phaseTransitionTimestamp: t },
          { phase: 'Scheduling', phaseTransitionTimestamp: t },
          { phase: 'Scheduled', phaseTransitionTimestamp: t },
          { phase: 'Running', phaseTransitionTimestamp: t },
        ],
        volumeStatus: (vmi.spec.volumes ?? []).map((v) => ({
          name: v.name,
          target: v.name === 'cloudinitdisk' ? 'vdb' : 'vda',
          ...(claimName(v) ? { persistentVolumeClaimInfo: { claimName: claimName(v) } } : {}),
        })),
      };
    },
    { status: true },
  );
}

/** The virt-launcher pod (one per VMI); recreated with `nodeName` once the VMI can be placed. */
async function ensureLauncher(
  ctx: SandboxContext,
  vmi: Vmi,
  node: string | undefined,
): Promise<KubeObject | undefined> {
  const ns = vmi.metadata.namespace ?? '';
  const existing = ctx.store
    .list(POD, { namespace: ns })
    .find((p) => p.metadata.labels?.['kubevirt.io/created-by'] === vmi.metadata.uid);
  if (existing && (existing.spec as { nodeName?: string }).nodeName === node) return existing;
  if (existing && !node) return existing;
  if (existing)
    await ctx.store.delete(POD, ns, existing.metadata.name ?? '').catch(() => undefined);
  const pod = await ctx.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `virt-launcher-${vmi.metadata.name ?? ''}-${randomSuffix()}`,
      namespace: ns,
      labels: {
        'kubevirt.io': 'virt-launcher',
        'kubevirt.io/created-by': vmi.metadata.uid ?? '',
        'vm.kubevirt.io/name': vmi.metadata.name ?? '',
        ...(vmi.metadata.labels ?? {}),
      },
      ownerReferences: [controllerRef(vmi)],
    },
    spec: {
      ...(node ? { nodeName: node } : {}),
      containers: [{ name: 'compute', image: LAUNCHER_IMAGE }],
      volumes: (vmi.spec.volumes ?? [])
        .filter((v) => claimName(v))
        .map((v) => ({ name: v.name, persistentVolumeClaim: { claimName: claimName(v) ?? '' } })),
    },
  });
  await ctx.store.mutate(
    POD,
    ns,
    pod.metadata.name ?? '',
    (o) => {
      o.status = node
        ? runningPodStatus((o.spec as { containers: { name: string; image: string }[] }).containers)
        : {
            phase: 'Pending',
            conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
          };
    },
    { status: true },
  );
  if (node)
    await recordEvent(
      ctx,
      vmi,
      'Normal',
      'SuccessfulCreate',
      `Created virtual machine pod ${pod.metadata.name ?? ''}`,
      'virtualmachine-controller',
    );
  return pod;
}

/**
 * Graceful shutdown of a deleted VMI: the guest gets a moment to shut down (VM `Stopping`), then
 * the virt-launcher pod goes away and the finalizer is released.
 */
function shutDown(ctx: SandboxContext, tasks: TaskSet, vmi: Vmi): void {
  tasks.start(`vmi-stop/${vmi.metadata.uid ?? ''}`, async () => {
    const ns = vmi.metadata.namespace ?? '';
    const name = vmi.metadata.name ?? '';
    if (vmi.status?.phase === 'Running') await sleep(simulatedDelay(SHUTDOWN_MS));
    if (tasks.isClosed) return;
    for (const p of ctx.store.list(POD, { namespace: ns })) {
      if (p.metadata.labels?.['kubevirt.io/created-by'] === vmi.metadata.uid) {
        await ctx.store.delete(POD, ns, p.metadata.name ?? '').catch(() => undefined);
      }
    }
    await ctx.store.mutate(VMI, ns, name, (o) => {
      o.metadata.finalizers = (o.metadata.finalizers ?? []).filter((f) => f !== VMI_FINALIZER);
    });
  });
}
