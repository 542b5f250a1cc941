import type { KubeObject, SandboxContext } from '../../contract';
import { recordEvent } from '../../world/events';
import { formatBytes, inflateForOverhead, parseQuantity, usableSpace } from '../../world/quantity';
import {
  CSI_DRIVER,
  DATA_VOLUME,
  NODE,
  POD,
  PV,
  PVC,
  STORAGE_CLASS,
  VMI,
  VOLUME_IMPORT_SOURCE,
  VOLUME_UPLOAD_SOURCE,
} from '../../world/refs';
import type { Condition, DataVolume, Pod, Pvc } from '../../world/shapes';
import {
  asType,
  controllerRef,
  hasAnnotation,
  nowIso,
  sameConditions,
  setCondition,
} from '../../world/shapes';
import { runningPodStatus } from '../../world/pods';
import { simulatedDelay, sleep } from '../../world/speed';
import { claimLocation } from '../../world/volumes';
import { provisionerReadyOnNode } from '../hpp/model';
import type { Controller, Requeue, TaskSet } from '../runtime';
import {
  bindClaimsOnNode,
  bindPvToClaim,
  claimClass,
  isBound,
  isWaitForFirstConsumer,
  placePod,
  podsUsingClaim,
  requestBytes,
  storageClass,
} from '../scheduling/claims';
import {
  ANN_CLONE_REQUEST,
  ANN_CONTENT_TYPE,
  ANN_IMMEDIATE_BIND,
  ANN_IMPORT_POD,
  ANN_IMPORT_SOURCE,
  ANN_PERMISSIVE_CLONE,
  ANN_POD_PHASE,
  ANN_POD_READY,
  ANN_POD_RESTARTS,
  ANN_PVC_PRIME,
  ANN_RUNNING,
  ANN_RUNNING_MESSAGE,
  ANN_RUNNING_REASON,
  ANN_UPLOAD_POD,
  ANN_SELECTED_NODE,
  ANN_UPLOAD_TARGET,
  ANN_USE_POPULATOR,
  CDI_LABELS,
  SCRATCH_SUFFIX,
} from './annotations';
import { copyImage, createBlankImage } from './diskops';
import { filesystemOverhead, scratchStorageClass } from './settings';
import { renderTargetSpec } from './target';

const NAME = 'cdi-datavolume';
const COMPONENT = 'datavolume-controller';
const CDI_IMAGE = 'registry.redhat.io/container-native-virtualization/virt-cdi';

type SourceKind = 'upload' | 'blank' | 'clone' | 'other';

function sourceKind(dv: DataVolume): SourceKind {
  const s = dv.spec.source;
  if (s?.upload) return 'upload';
  if (s?.blank) return 'blank';
  if (s?.pvc) return 'clone';
  return 'other';
}

interface DesiredStatus {
  phase: string;
  progress?: string;
  bound: Condition;
  running: Condition;
  ready: Condition;
}

/**
 * CDI's DataVolume controllers for `upload`, `blank` and `pvc` (host-assisted clone) sources:
 * the target PVC (DV name, owner reference, DV annotations copied), worker pods
 * (`cdi-upload-<pvc>`, `importer-<pvc>`, `<uid>-source-pod`), scratch PVCs for uploads, and the
 * DV's phase, progress and Bound/Ready/Running conditions.
 */
export function dataVolumeController(
  ctx: SandboxContext,
  tasks: TaskSet,
  requeue: Requeue,
): Controller {
  return {
    name: NAME,
    watches: [DATA_VOLUME, PVC, PV, POD, VMI, STORAGE_CLASS, NODE, CSI_DRIVER],
    async reconcile() {
      for (const obj of ctx.store.list(DATA_VOLUME)) {
        const dv = asType<DataVolume>(obj);
        if (dv.metadata.deletionTimestamp) continue;
        try {
          await reconcileDv(ctx, tasks, requeue, dv);
        } catch (err) {
          ctx.log(
            `datavolume ${dv.metadata.namespace ?? ''}/${dv.metadata.name ?? ''}: ${String(err)}`,
          );
        }
      }
      await reconcileUploadClaims(ctx);
      await cleanupOrphans(ctx);
    },
  };
}

async function reconcileDv(
  ctx: SandboxContext,
  tasks: TaskSet,
  requeue: Requeue,
  dv: DataVolume,
): Promise<void> {
  const ns = dv.metadata.namespace ?? '';
  const name = dv.metadata.name ?? '';
  const kind = sourceKind(dv);
  const phase = dv.status?.phase ?? '';
  let pvcObj = ctx.store.get(PVC, ns, name);

  if (!pvcObj) {
    if (phase === 'Succeeded') {
      await writeStatus(ctx, dv, {
        phase: 'Succeeded',
        progress: dv.status?.progress,
        bound: {
          type: 'Bound',
          status: 'False',
          reason: 'NotFound',
          message: `PVC ${name} not found`,
        },
        running: { type: 'Running', status: 'False', reason: 'Completed', message: '' },
        ready: { type: 'Ready', status: 'False', reason: 'NotFound', message: '' },
      });
      return;
    }
    const target = renderTargetSpec(ctx, dv);
    if ('error' in target) {
      await recordEvent(ctx, dv, 'Warning', target.reason, target.error, COMPONENT);
      await writeStatus(ctx, dv, pendingStatus(target.reason, target.error));
      return;
    }
    const annotations: Record<string, string> = { ...(dv.metadata.annotations ?? {}) };
    delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
    const targetAnnotations: Record<string, string> = {};
    if (kind === 'upload') {
      annotations[ANN_UPLOAD_TARGET] = '';
      annotations[ANN_CONTENT_TYPE] = dv.spec.contentType ?? 'kubevirt';
      annotations[ANN_UPLOAD_POD] = `cdi-upload-${name}`;
    } else if (kind === 'blank') {
      annotations[ANN_IMPORT_SOURCE] = 'none';
      annotations[ANN_CONTENT_TYPE] = 'kubevirt';
      annotations[ANN_IMPORT_POD] = `importer-${name}`;
    } else if (kind === 'clone') {
      const src = dv.spec.source?.pvc;
      annotations[ANN_CLONE_REQUEST] = `${src?.namespace ?? ns}/${src?.name ?? ''}`;
      annotations[ANN_CONTENT_TYPE] = dv.spec.contentType ?? 'kubevirt';
      annotations[ANN_UPLOAD_POD] = `cdi-upload-${name}`;
    }
    annotations[ANN_POD_RESTARTS] = '0';
    const populator = usesPopulator(ctx, dv, kind, target.spec.storageClassName);
    if (populator) {
      // The worker annotations belong to the prime PVC; the target only points at the source.
      const workerKeys = [ANN_UPLOAD_TARGET, ANN_IMPORT_SOURCE, ANN_UPLOAD_POD, ANN_IMPORT_POD];
      for (const [k, v] of Object.entries(annotations)) {
        if (!workerKeys.includes(k)) targetAnnotations[k] = v;
      }
      targetAnnotations[ANN_USE_POPULATOR] = 'true';
      await ensurePopulatorSource(ctx, dv, populator);
    }
    pvcObj = await ctx.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(dv.metadata.labels ?? {}), ...CDI_LABELS },
        annotations: populator ? targetAnnotations : annotations,
        ownerReferences: [controllerRef(dv)],
      },
      spec: populator
        ? {
            ...target.spec,
            dataSource: populator,
            dataSourceRef: populator,
          }
        : target.spec,
    });
    await recordEvent(ctx, dv, 'Normal', 'Pending', `PVC ${name} Pending`, COMPONENT);
  }
  const pvc = asType<Pvc>(pvcObj);
  if (phase === 'Succeeded' || phase === 'Failed') {
    await cleanupWorkers(ctx, ns, name);
    return;
  }
  const sc = claimClass(ctx, pvc);
  const bound = isBound(pvc);
  const immediate = hasAnnotation(pvc, ANN_IMMEDIATE_BIND);
  if (pvc.metadata.annotations?.[ANN_USE_POPULATOR] === 'true' && !bound) {
    await reconcilePopulation(ctx, tasks, requeue, dv, pvc, kind);
    return;
  }

  if (pvc.metadata.annotations?.[ANN_POD_PHASE] === 'Succeeded' && bound) {
    await cleanupWorkers(ctx, ns, name);
    const done: DesiredStatus = {
      phase: 'Succeeded',
      progress: kind === 'upload' ? 'N/A' : '100.0%',
      bound: boundCondition(name),
      running: {
        type: 'Running',
        status: 'False',
        reason: 'Completed',
        message:
          kind === 'upload'
            ? 'Upload Complete'
            : kind === 'clone'
              ? 'Clone Complete'
              : 'Import Complete',
      },
      ready: { type: 'Ready', status: 'True', reason: '', message: '' },
    };
    if (await writeStatus(ctx, dv, done)) {
      const src = dv.spec.source?.pvc;
      if (kind === 'upload')
        await recordEvent(
          ctx,
          dv,
          'Normal',
          'UploadSucceeded',
          `Successfully uploaded into ${name}`,
          COMPONENT,
        );
      else if (kind === 'clone')
        await recordEvent(
          ctx,
          dv,
          'Normal',
          'CloneSucceeded',
          `Successfully cloned from ${src?.namespace ?? ns}/${src?.name ?? ''} into ${ns}/${name}`,
          COMPONENT,
        );
      else
        await recordEvent(
          ctx,
          dv,
          'Normal',
          'ImportSucceeded',
          `Successfully imported into PVC ${name}`,
          COMPONENT,
        );
    }
    return;
  }

  if (!bound) {
    if (isWaitForFirstConsumer(sc) && !immediate) {
      await writeStatus(ctx, dv, {
        phase: 'WaitForFirstConsumer',
        progress: 'N/A',
        bound: {
          type: 'Bound',
          status: 'False',
          reason: 'WaitForFirstConsumer',
          message: `PVC ${name} Pending`,
        },
        running: { type: 'Running', status: 'False', reason: '', message: '' },
        ready: { type: 'Ready', status: 'False', reason: '', message: '' },
      });
      return;
    }
  }
  if (kind === 'other') {
    // http/s3/gcs/registry/imageio/vddk/snapshot imports need networks or snapshots the sandbox
    // does not have: the DataVolume stays scheduled and says so.
    await writeStatus(ctx, dv, {
      phase: 'ImportScheduled',
      progress: 'N/A',
      bound: bound ? boundCondition(name) : pendingBound(name),
      running: {
        type: 'Running',
        status: 'False',
        reason: 'NotSimulated',
        message: 'the sandbox cluster does not simulate this DataVolume source',
      },
      ready: { type: 'Ready', status: 'False', reason: '', message: '' },
    });
    return;
  }
  await runWorkers(ctx, tasks, requeue, dv, pvc, kind, name);
}

/**
 * The worker pods and their progress on `work` (the target PVC, or its prime PVC with
 * populators); the DataVolume's phases follow. `target` names the DataVolume's claim in its
 * conditions.
 */
async function runWorkers(
  ctx: SandboxContext,
  tasks: TaskSet,
  requeue: Requeue,
  dv: DataVolume,
  pvc: Pvc,
  kind: SourceKind,
  target: string,
): Promise<void> {
  const ns = pvc.metadata.namespace ?? '';
  const name = pvc.metadata.name ?? '';
  const populating = name !== target;
  const targetBound = (): Condition => (populating ? pendingBound(target) : boundCondition(target));
  // Worker pod(s): they are what makes a WaitForFirstConsumer claim bind when immediate binding is asked.
  const claims: Pvc[] = [pvc];
  if (kind === 'upload') {
    const scratch = await ensureScratch(ctx, pvc);
    if (scratch) claims.push(scratch);
  }
  const podName = kind === 'blank' ? `importer-${name}` : `cdi-upload-${name}`;
  const pod = await ensureWorkerPod(ctx, pvc, podName, claims, kind);
  if (!pod.spec.nodeName || pod.status?.phase !== 'Running') {
    const reason = pod.status?.conditions?.find(
      (c) => c.type === 'PodScheduled' && c.status === 'False',
    );
    const scheduledPhase =
      kind === 'upload'
        ? 'UploadScheduled'
        : kind === 'blank'
          ? 'ImportScheduled'
          : 'CloneScheduled';
    await writeStatus(ctx, dv, {
      phase: isBound(asType<Pvc>(ctx.store.get(PVC, ns, name) ?? pvc)) ? scheduledPhase : 'Pending',
      progress: 'N/A',
      bound: isBound(pvc) && !populating ? boundCondition(target) : pendingBound(target),
      running: {
        type: 'Running',
        status: 'False',
        reason: reason ? 'Pending' : '',
        message: reason?.message ?? '',
      },
      ready: { type: 'Ready', status: 'False', reason: '', message: '' },
    });
    return;
  }
  if (kind === 'upload') {
    await markPvc(ctx, pvc, {
      [ANN_POD_PHASE]: 'Running',
      [ANN_POD_READY]: 'true',
      [ANN_RUNNING]: 'true',
      [ANN_RUNNING_REASON]: 'Pod is running',
      [ANN_RUNNING_MESSAGE]: '',
    });
    if (
      await writeStatus(ctx, dv, {
        phase: 'UploadReady',
        progress: 'N/A',
        bound: targetBound(),
        running: { type: 'Running', status: 'True', reason: 'Pod is running', message: '' },
        // CDI pkg/controller/datavolume/conditions.go: Ready is False/TransferRunning while Running is True.
        ready: { type: 'Ready', status: 'False', reason: 'TransferRunning', message: '' },
      })
    ) {
      await recordEvent(ctx, dv, 'Normal', 'UploadReady', `Upload into ${target} ready`, COMPONENT);
    }
    return;
  }
  if (kind === 'clone') {
    const boundNow = asType<Pvc>(ctx.store.get(PVC, ns, name) ?? pvc);
    const blocked = await cloneBlocked(ctx, dv, boundNow);
    if (blocked) {
      await writeStatus(ctx, dv, {
        phase: 'CloneScheduled',
        progress: 'N/A',
        bound: targetBound(),
        running: {
          type: 'Running',
          status: 'False',
          reason: blocked.reason,
          message: blocked.message,
        },
        ready: { type: 'Ready', status: 'False', reason: '', message: '' },
      });
      return;
    }
  }
  await markPvc(ctx, pvc, {
    [ANN_POD_PHASE]: 'Running',
    [ANN_RUNNING]: 'true',
    [ANN_RUNNING_REASON]: '',
    [ANN_RUNNING_MESSAGE]: '',
  });
  const inProgress = kind === 'blank' ? 'ImportInProgress' : 'CloneInProgress';
  const progress = dv.status?.phase === inProgress ? (dv.status.progress ?? '0.00%') : '0.00%';
  await writeStatus(ctx, dv, {
    phase: inProgress,
    progress,
    bound: targetBound(),
    running: { type: 'Running', status: 'True', reason: '', message: '' },
    ready: { type: 'Ready', status: 'False', reason: 'TransferRunning', message: '' },
  });
  const taskId = `dv/${dv.metadata.uid ?? ''}`;
  if (kind === 'blank') tasks.start(taskId, () => runBlank(ctx, ns, name, requeue, target));
  else tasks.start(taskId, () => runClone(ctx, dv, requeue));
}

interface PopulatorRef {
  apiGroup: string;
  kind: string;
  name: string;
}

/**
 * Whether CDI fills the DataVolume's PVC through a volume populator, and with which source
 * (kubevirt/containerized-data-importer v1.66 `pkg/controller/datavolume/controller-base.go`
 * `shouldUseCDIPopulator`: the DataVolume's `cdi.kubevirt.io/storage.usePopulator` annotation wins,
 * else populators are used when a CSIDriver named like the class's provisioner exists,
 * `util.go storageClassCSIDriverExists`). The seed's era (legacy profile, CDI v1.38) had none.
 * Only upload and import (blank) sources are modelled with populators here; clones stay
 * host-assisted.
 */
function usesPopulator(
  ctx: SandboxContext,
  dv: DataVolume,
  kind: SourceKind,
  className: string | null | undefined,
): PopulatorRef | undefined {
  if (ctx.profile !== 'current' || (kind !== 'upload' && kind !== 'blank')) return undefined;
  const ref: PopulatorRef =
    kind === 'upload'
      ? {
          apiGroup: 'cdi.kubevirt.io',
          kind: 'VolumeUploadSource',
          name: `volume-upload-source-${dv.metadata.uid ?? ''}`,
        }
      : {
          apiGroup: 'cdi.kubevirt.io',
          kind: 'VolumeImportSource',
          name: `volume-import-source-${dv.metadata.uid ?? ''}`,
        };
  const asked = dv.metadata.annotations?.[ANN_USE_POPULATOR];
  if (asked !== undefined) return asked === 'true' ? ref : undefined;
  const sc = className ? storageClass(ctx, className) : undefined;
  if (!sc) return undefined;
  return ctx.store.get(CSI_DRIVER, undefined, sc.provisioner) ? ref : undefined;
}

/**
 * The populator source the target PVC's `dataSourceRef` names, owned by the DataVolume
 * (`upload-controller.go createVolumeUploadSourceCR`, `import-controller.go
 * reconcileVolumeImportSourceCR`).
 */
async function ensurePopulatorSource(
  ctx: SandboxContext,
  dv: DataVolume,
  ref: PopulatorRef,
): Promise<void> {
  const ns = dv.metadata.namespace ?? '';
  const type = ref.kind === 'VolumeUploadSource' ? VOLUME_UPLOAD_SOURCE : VOLUME_IMPORT_SOURCE;
  if (ctx.store.get(type, ns, ref.name)) return;
  const contentType = dv.spec.contentType ?? 'kubevirt';
  await ctx.store.create({
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: ref.kind,
    metadata: { name: ref.name, namespace: ns, ownerReferences: [controllerRef(dv)] },
    spec:
      ref.kind === 'VolumeUploadSource' ? { contentType } : { contentType, source: { blank: {} } },
  });
}

/** `prime-<target PVC uid>` (`pkg/controller/populators/util.go PVCPrimeName`). */
const primeName = (target: Pvc): string => `prime-${target.metadata.uid ?? ''}`;

/**
 * A target PVC filled by a populator (`pkg/controller/populators/populator-base.go`): on a
 * WaitForFirstConsumer class nothing happens until the target has a selected node (a consumer
 * was scheduled) or immediate binding is requested — the DataVolume is `PendingPopulation`
 * (`controller-base.go shouldBeMarkedPendingPopulation`). Then the work runs on the prime PVC
 * (`cdi-upload-prime-…` / `importer-prime-…` pods), the target is annotated with the prime's name
 * (the upload proxy follows it), and once the prime is populated its PV is rebound to the target
 * and the prime removed.
 */
async function reconcilePopulation(
  ctx: SandboxContext,
  tasks: TaskSet,
  requeue: Requeue,
  dv: DataVolume,
  target: Pvc,
  kind: SourceKind,
): Promise<void> {
  const ns = target.metadata.namespace ?? '';
  const name = target.metadata.name ?? '';
  const prime = primeName(target);
  let primeObj = ctx.store.get(PVC, ns, prime);
  if (!primeObj) {
    const node = target.metadata.annotations?.[ANN_SELECTED_NODE];
    const immediate = hasAnnotation(target, ANN_IMMEDIATE_BIND);
    if (isWaitForFirstConsumer(claimClass(ctx, target)) && !node && !immediate) {
      await writeStatus(ctx, dv, {
        phase: 'PendingPopulation',
        progress: 'N/A',
        bound: pendingBound(name),
        running: { type: 'Running', status: 'False', reason: '', message: '' },
        ready: { type: 'Ready', status: 'False', reason: '', message: '' },
      });
      return;
    }
    const contentType = dv.spec.contentType ?? 'kubevirt';
    const annotations: Record<string, string> =
      kind === 'upload'
        ? {
            [ANN_UPLOAD_TARGET]: '',
            [ANN_CONTENT_TYPE]: contentType,
            [ANN_UPLOAD_POD]: `cdi-upload-${prime}`,
          }
        : {
            [ANN_IMPORT_SOURCE]: 'none',
            [ANN_CONTENT_TYPE]: 'kubevirt',
            [ANN_IMPORT_POD]: `importer-${prime}`,
          };
    annotations[ANN_POD_RESTARTS] = '0';
    // `populator-base.go createPVCPrime`: the prime always asks for immediate binding and, on a
    // WaitForFirstConsumer class, keeps the node the consumer was scheduled to.
    annotations[ANN_IMMEDIATE_BIND] = '';
    if (node) annotations[ANN_SELECTED_NODE] = node;
    const { accessModes, volumeMode, resources, storageClassName } = target.spec;
    primeObj = await ctx.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: prime,
        namespace: ns,
        labels: { ...CDI_LABELS, 'velero.io/exclude-from-backup': 'true' },
        annotations,
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            name,
            uid: target.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        ...(accessModes ? { accessModes } : {}),
        ...(volumeMode ? { volumeMode } : {}),
        ...(resources ? { resources } : {}),
        ...(storageClassName ? { storageClassName } : {}),
      },
    });
    await markPvc(ctx, target, { [ANN_PVC_PRIME]: prime });
    await recordEvent(
      ctx,
      target,
      'Normal',
      'CreatedPVCPrimeSuccessfully',
      'PVC Prime created successfully',
      'populator-controller',
    );
  }
  const primePvc = asType<Pvc>(primeObj);
  if (primePvc.metadata.annotations?.[ANN_POD_PHASE] === 'Succeeded' && isBound(primePvc)) {
    await rebindToTarget(ctx, target, primePvc, kind);
    requeue.after(NAME, 1);
    return;
  }
  await runWorkers(ctx, tasks, requeue, dv, primePvc, kind, name);
  await copyPrimeAnnotations(ctx, ns, name, prime);
}

/** What the target shows of the prime's worker (`populator-base.go desiredAnnotations`). */
const PRIME_ANNOTATIONS = [
  ANN_POD_PHASE,
  ANN_POD_READY,
  ANN_POD_RESTARTS,
  ANN_RUNNING,
  ANN_RUNNING_MESSAGE,
  ANN_RUNNING_REASON,
];

async function copyPrimeAnnotations(
  ctx: SandboxContext,
  ns: string,
  target: string,
  prime: string,
): Promise<void> {
  const p = ctx.store.get(PVC, ns, prime);
  const t = ctx.store.get(PVC, ns, target);
  if (!p || !t) return;
  const from = p.metadata.annotations ?? {};
  const values: Record<string, string> = {};
  for (const k of PRIME_ANNOTATIONS) {
    if (k in from) values[k] = from[k] ?? '';
  }
  await markPvc(ctx, asType<Pvc>(t), values);
}

/**
 * The end of population (`populator-base.go`): the prime's PV is bound to the target PVC, the
 * target carries the result, the workers and the prime PVC go away.
 */
async function rebindToTarget(
  ctx: SandboxContext,
  target: Pvc,
  prime: Pvc,
  kind: SourceKind,
): Promise<void> {
  const ns = target.metadata.namespace ?? '';
  const pvName = prime.spec.volumeName ?? '';
  const pv = ctx.store.get(PV, undefined, pvName);
  if (!pv) return;
  await cleanupWorkers(ctx, ns, prime.metadata.name ?? '');
  await bindPvToClaim(ctx, pv, target);
  const fresh = asType<Pvc>(ctx.store.get(PVC, ns, target.metadata.name ?? '') ?? target);
  await markPvc(ctx, fresh, {
    [ANN_POD_PHASE]: 'Succeeded',
    [ANN_RUNNING]: 'false',
    [ANN_RUNNING_REASON]: 'Completed',
    [ANN_RUNNING_MESSAGE]: kind === 'upload' ? 'Upload Complete' : 'Import Complete',
  });
  await ctx.store.delete(PVC, ns, prime.metadata.name ?? '').catch(() => undefined);
}

function boundCondition(name: string): Condition {
  return { type: 'Bound', status: 'True', reason: 'Bound', message: `PVC ${name} Bound` };
}

function pendingBound(name: string): Condition {
  return { type: 'Bound', status: 'False', reason: 'Pending', message: `PVC ${name} Pending` };
}

function pendingStatus(reason: string, message: string): DesiredStatus {
  return {
    phase: 'Pending',
    progress: 'N/A',
    bound: { type: 'Bound', status: 'False', reason, message },
    running: { type: 'Running', status: 'False', reason: '', message: '' },
    ready: { type: 'Ready', status: 'False', reason: '', message: '' },
  };
}

/** Writes the DV status when it differs; returns whether the phase changed. */
async function writeStatus(
  ctx: SandboxContext,
  dv: DataVolume,
  want: DesiredStatus,
): Promise<boolean> {
  const cur = dv.status ?? {};
  let conditions = cur.conditions ?? [];
  for (const c of [want.bound, want.ready, want.running])
    conditions = setCondition(conditions, c, true);
  const phaseChanged = cur.phase !== want.phase;
  if (
    !phaseChanged &&
    cur.progress === want.progress &&
    sameConditions(cur.conditions, conditions) &&
    cur.claimName === dv.metadata.name
  ) {
    return false;
  }
  await ctx.store.mutate(
    DATA_VOLUME,
    dv.metadata.namespace,
    dv.metadata.name ?? '',
    (o) => {
      o.status = {
        ...(o.status ?? {}),
        phase: want.phase,
        progress: want.progress ?? 'N/A',
        claimName: dv.metadata.name,
        restartCount: 0,
        conditions,
      };
    },
    { status: true },
  );
  return phaseChanged;
}

async function markPvc(
  ctx: SandboxContext,
  pvc: Pvc,
  values: Record<string, string>,
): Promise<void> {
  const cur = pvc.metadata.annotations ?? {};
  if (Object.entries(values).every(([k, v]) => cur[k] === v)) return;
  await ctx.store.mutate(PVC, pvc.metadata.namespace, pvc.metadata.name ?? '', (o) => {
    o.metadata.annotations = { ...(o.metadata.annotations ?? {}), ...values };
  });
}

/** Scratch PVC `<pvc>-scratch`: Filesystem, RWO, usable space equal to the target's. */
async function ensureScratch(ctx: SandboxContext, pvc: Pvc): Promise<Pvc | undefined> {
  const ns = pvc.metadata.namespace ?? '';
  const name = `${pvc.metadata.name ?? ''}${SCRATCH_SUFFIX}`;
  const existing = ctx.store.get(PVC, ns, name);
  if (existing) return asType<Pvc>(existing);
  const targetClass = pvc.spec.storageClassName;
  const cls = scratchStorageClass(ctx, targetClass);
  const size = requestBytes(pvc);
  const usable =
    pvc.spec.volumeMode === 'Block'
      ? size
      : usableSpace(size, filesystemOverhead(ctx, targetClass));
  const scratchSize = inflateForOverhead(usable, filesystemOverhead(ctx, cls));
  const created = await ctx.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: ns,
      labels: { ...CDI_LABELS },
      annotations: hasAnnotation(pvc, ANN_IMMEDIATE_BIND) ? { [ANN_IMMEDIATE_BIND]: '' } : {},
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: pvc.metadata.name ?? '',
          uid: pvc.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Filesystem',
      resources: {
        requests: { storage: formatBytes(Math.ceil(scratchSize / (1024 * 1024)) * 1024 * 1024) },
      },
      ...(cls ? { storageClassName: cls } : {}),
    },
  });
  return asType<Pvc>(created);
}

/**
 * The worker pod: created once the scheduler can place it (with `nodeName`), binding its
 * WaitForFirstConsumer claims on that node; otherwise Pending with the scheduler's message.
 */
async function ensureWorkerPod(
  ctx: SandboxContext,
  pvc: Pvc,
  podName: string,
  claims: Pvc[],
  kind: SourceKind,
): Promise<Pod> {
  const ns = pvc.metadata.namespace ?? '';
  const existing = ctx.store.get(POD, ns, podName);
  const fresh = claims.map((c) => asType<Pvc>(ctx.store.get(PVC, ns, c.metadata.name ?? '') ?? c));
  if (existing && asType<Pod>(existing).spec.nodeName) {
    const pod = asType<Pod>(existing);
    if (fresh.every(isBound) && pod.status?.phase !== 'Running') {
      return asType<Pod>(
        (await ctx.store.mutate(
          POD,
          ns,
          podName,
          (o) => {
            o.status = runningPodStatus(
              (o.spec as { containers: { name: string; image: string }[] }).containers,
            );
          },
          { status: true },
        )) ?? pod,
      );
    }
    return pod;
  }
  const placement = placePod(ctx, fresh, provisionerReadyOnNode);
  const volumes = claims.map((c, i) => ({
    name: i === 0 ? (kind === 'blank' ? 'cdi-data-vol' : 'cdi-data-vol') : 'cdi-scratch-vol',
    persistentVolumeClaim: { claimName: c.metadata.name ?? '' },
  }));
  const podBody = (nodeName?: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName,
      namespace: ns,
      labels: {
        ...CDI_LABELS,
        app: 'containerized-data-importer',
        'cdi.kubevirt.io': kind === 'blank' ? 'importer' : 'cdi-upload-server',
        ...(kind === 'blank' ? {} : { 'cdi.kubevirt.io/uploadTarget': pvc.metadata.uid ?? '' }),
      },
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          name: pvc.metadata.name ?? '',
          uid: pvc.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      restartPolicy: 'OnFailure',
      containers: [
        {
          name: kind === 'blank' ? 'importer' : 'cdi-upload-server',
          image: `${CDI_IMAGE}-${kind === 'blank' ? 'importer' : 'uploadserver'}-rhel9:v4.18.0`,
        },
      ],
      volumes,
    },
  });
  if (!placement.node) {
    if (!existing) {
      const created = await ctx.store.create(podBody());
      await ctx.store.mutate(
        POD,
        ns,
        podName,
        (o) => {
          o.status = {
            phase: 'Pending',
            conditions: [
              {
                type: 'PodScheduled',
                status: 'False',
                reason: 'Unschedulable',
                message: placement.message,
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
        created,
        'Warning',
        'FailedScheduling',
        placement.message ?? '',
        'default-scheduler',
      );
      return asType<Pod>(ctx.store.get(POD, ns, podName) ?? created);
    }
    return asType<Pod>(existing);
  }
  if (existing) await ctx.store.delete(POD, ns, podName).catch(() => undefined);
  await bindClaimsOnNode(ctx, fresh, placement.node);
  const created = await ctx.store.create(podBody(placement.node));
  await recordEvent(
    ctx,
    created,
    'Normal',
    'Scheduled',
    `Successfully assigned ${ns}/${podName} to ${placement.node}`,
    'default-scheduler',
  );
  const allBound = claims.every((c) =>
    isBound(asType<Pvc>(ctx.store.get(PVC, ns, c.metadata.name ?? '') ?? c)),
  );
  await ctx.store.mutate(
    POD,
    ns,
    podName,
    (o) => {
      o.status = allBound
        ? runningPodStatus((o.spec as { containers: { name: string; image: string }[] }).containers)
        : { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] };
    },
    { status: true },
  );
  return asType<Pod>(ctx.store.get(POD, ns, podName) ?? created);
}

/** Reasons a clone cannot start yet (CDI events `CloneWithoutSource`, `CloneSourceInUse`, …). */
async function cloneBlocked(
  ctx: SandboxContext,
  dv: DataVolume,
  target: Pvc,
): Promise<{ reason: string; message: string } | undefined> {
  const src = dv.spec.source?.pvc;
  const srcNs = src?.namespace ?? dv.metadata.namespace ?? '';
  const srcName = src?.name ?? '';
  const srcObj = ctx.store.get(PVC, srcNs, srcName);
  if (!srcObj) {
    const message = `The source pvc ${srcName} doesn't exist`;
    await recordEvent(ctx, dv, 'Warning', 'CloneWithoutSource', message, COMPONENT);
    return { reason: 'CloneWithoutSource', message };
  }
  const source = asType<Pvc>(srcObj);
  if (!isBound(source)) {
    return { reason: 'CloneSourceNotBound', message: `The source pvc ${srcName} is not bound` };
  }
  const srcDv = ctx.store.get(DATA_VOLUME, srcNs, srcName);
  if (srcDv && (srcDv.status as { phase?: string } | undefined)?.phase !== 'Succeeded') {
    return {
      reason: 'CloneSourceNotReady',
      message: `The source pvc ${srcName} is not populated yet`,
    };
  }
  if (isBound(target) && !hasAnnotation(dv, ANN_PERMISSIVE_CLONE)) {
    const targetCap = parseQuantity(target.status?.capacity?.storage) ?? requestBytes(target);
    const sourceUsable =
      source.spec.volumeMode === 'Block'
        ? requestBytes(source)
        : usableSpace(requestBytes(source), filesystemOverhead(ctx, source.spec.storageClassName));
    const targetUsable =
      target.spec.volumeMode === 'Block'
        ? targetCap
        : usableSpace(targetCap, filesystemOverhead(ctx, target.spec.storageClassName));
    if (targetUsable < sourceUsable) {
      const message = 'target resources requests storage size is smaller than the source';
      await recordEvent(ctx, dv, 'Warning', 'ErrIncompatiblePVC', message, COMPONENT);
      return { reason: 'ErrIncompatiblePVC', message };
    }
  }
  const users = podsUsingClaim(ctx, srcNs, srcName, true).filter(
    (p) => !p.metadata.name?.endsWith('-source-pod'),
  );
  if (users.length > 0) {
    const message = `pod ${srcNs}/${users[0]?.metadata.name ?? ''} using PersistentVolumeClaim ${srcName}`;
    await recordEvent(ctx, dv, 'Normal', 'CloneSourceInUse', message, COMPONENT);
    return { reason: 'CloneSourceInUse', message };
  }
  return undefined;
}

async function setProgress(
  ctx: SandboxContext,
  ns: string,
  name: string,
  progress: string,
): Promise<void> {
  await ctx.store.mutate(
    DATA_VOLUME,
    ns,
    name,
    (o) => {
      o.status = { ...(o.status ?? {}), progress };
    },
    { status: true },
  );
}

async function runBlank(
  ctx: SandboxContext,
  ns: string,
  name: string,
  requeue: Requeue,
  dvName: string,
): Promise<void> {
  const loc = claimLocation(ctx, ns, name);
  const pvcObj = ctx.store.get(PVC, ns, name);
  if (!loc || !pvcObj) return;
  const pvc = asType<Pvc>(pvcObj);
  const size = usableSpace(requestBytes(pvc), filesystemOverhead(ctx, pvc.spec.storageClassName));
  await sleep(simulatedDelay(1500));
  await createBlankImage(loc, size);
  await setProgress(ctx, ns, dvName, '100.0%');
  await markPvc(ctx, asType<Pvc>(ctx.store.get(PVC, ns, name) ?? pvc), {
    [ANN_POD_PHASE]: 'Succeeded',
    [ANN_RUNNING]: 'false',
    [ANN_RUNNING_REASON]: 'Completed',
    [ANN_RUNNING_MESSAGE]: 'Import Complete',
  });
  requeue.after(NAME, 1);
}

async function runClone(ctx: SandboxContext, dv: DataVolume, requeue: Requeue): Promise<void> {
  const ns = dv.metadata.namespace ?? '';
  const name = dv.metadata.name ?? '';
  const src = dv.spec.source?.pvc;
  const srcNs = src?.namespace ?? ns;
  const srcName = src?.name ?? '';
  const source = ctx.store.get(PVC, srcNs, srcName);
  const target = ctx.store.get(PVC, ns, name);
  const from = claimLocation(ctx, srcNs, srcName);
  const to = claimLocation(ctx, ns, name);
  if (!source || !target || !from || !to) return;
  const sourcePodName = `${target.metadata.uid ?? ''}-source-pod`;
  if (!ctx.store.get(POD, srcNs, sourcePodName)) {
    await ctx.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: sourcePodName,
        namespace: srcNs,
        labels: { ...CDI_LABELS, 'cdi.kubevirt.io': 'cdi-clone-source' },
      },
      spec: {
        nodeName: from.node,
        restartPolicy: 'OnFailure',
        containers: [{ name: 'cdi-clone-source', image: `${CDI_IMAGE}-cloner-rhel9:v4.18.0` }],
        volumes: [
          { name: 'cdi-data-vol', persistentVolumeClaim: { claimName: srcName, readOnly: true } },
        ],
      },
    });
    await ctx.store.mutate(
      POD,
      srcNs,
      sourcePodName,
      (o) => {
        o.status = runningPodStatus(
          (o.spec as { containers: { name: string; image: string }[] }).containers,
        );
      },
      { status: true },
    );
  }
  const tpvc = asType<Pvc>(target);
  const targetSize = to.block
    ? 0
    : usableSpace(requestBytes(tpvc), filesystemOverhead(ctx, tpvc.spec.storageClassName));
  for (const p of ['12.50%', '37.50%', '62.50%', '87.50%']) {
    await sleep(simulatedDelay(700));
    await setProgress(ctx, ns, name, p);
  }
  await copyImage(from, to, targetSize);
  await setProgress(ctx, ns, name, '100.0%');
  await ctx.store.delete(POD, srcNs, sourcePodName).catch(() => undefined);
  await markPvc(ctx, asType<Pvc>(ctx.store.get(PVC, ns, name) ?? tpvc), {
    [ANN_POD_PHASE]: 'Succeeded',
    [ANN_RUNNING]: 'false',
    [ANN_RUNNING_REASON]: 'Completed',
    [ANN_RUNNING_MESSAGE]: 'Clone Complete',
    'k8s.io/CloneOf': 'true',
  });
  requeue.after(NAME, 1);
}

async function cleanupWorkers(ctx: SandboxContext, ns: string, name: string): Promise<void> {
  for (const podName of [`cdi-upload-${name}`, `importer-${name}`]) {
    if (ctx.store.get(POD, ns, podName))
      await ctx.store.delete(POD, ns, podName).catch(() => undefined);
  }
  const scratch = `${name}${SCRATCH_SUFFIX}`;
  if (ctx.store.get(PVC, ns, scratch))
    await ctx.store.delete(PVC, ns, scratch).catch(() => undefined);
}

/**
 * Worker pods whose claim is gone or being deleted. CDI's upload and import controllers delete a
 * claim's worker pod as soon as the claim has a deletion timestamp
 * (kubevirt/containerized-data-importer `pkg/controller/upload-controller.go` and
 * `import-controller.go`: `cleanup` when `pvc.DeletionTimestamp != nil`), which lets the
 * pvc-protection finalizer go and frees the volumes; without it a deleted unfinished upload would
 * hold its PVC Terminating and its pod Running.
 */
async function cleanupOrphans(ctx: SandboxContext): Promise<void> {
  for (const p of ctx.store.list(POD)) {
    const n = p.metadata.name ?? '';
    const ns = p.metadata.namespace ?? '';
    const m = /^(?:cdi-upload|importer)-(.+)$/.exec(n);
    if (!m?.[1] || p.metadata.labels?.app !== 'containerized-data-importer') continue;
    const claim = ctx.store.get(PVC, ns, m[1]);
    if (!claim || claim.metadata.deletionTimestamp) {
      await ctx.store.delete(POD, ns, n).catch(() => undefined);
    }
  }
}

/**
 * Upload targets without a DataVolume (`virtctl image-upload pvc …`): the PVC carries
 * `cdi.kubevirt.io/storage.upload.target`; the upload controller gives it scratch space and an
 * upload pod under the same WaitForFirstConsumer rule as DataVolumes.
 */
async function reconcileUploadClaims(ctx: SandboxContext): Promise<void> {
  for (const obj of ctx.store.list(PVC)) {
    const pvc = asType<Pvc>(obj);
    const ann = pvc.metadata.annotations ?? {};
    if (!(ANN_UPLOAD_TARGET in ann) || pvc.metadata.deletionTimestamp) continue;
    if (pvc.metadata.ownerReferences?.some((o) => o.kind === 'DataVolume')) continue;
    // A prime PVC (owned by its target PVC): the DataVolume's populator runs it.
    if (pvc.metadata.ownerReferences?.some((o) => o.kind === 'PersistentVolumeClaim')) continue;
    const ns = pvc.metadata.namespace ?? '';
    const name = pvc.metadata.name ?? '';
    if (ann[ANN_POD_PHASE] === 'Succeeded') {
      await cleanupWorkers(ctx, ns, name);
      continue;
    }
    if (
      !isBound(pvc) &&
      isWaitForFirstConsumer(claimClass(ctx, pvc)) &&
      !(ANN_IMMEDIATE_BIND in ann)
    )
      continue;
    const claims: Pvc[] = [pvc];
    const scratch = await ensureScratch(ctx, pvc);
    if (scratch) claims.push(scratch);
    const pod = await ensureWorkerPod(ctx, pvc, `cdi-upload-${name}`, claims, 'upload');
    if (pod.spec.nodeName && pod.status?.phase === 'Running') {
      await markPvc(ctx, asType<Pvc>(ctx.store.get(PVC, ns, name) ?? pvc), {
        [ANN_POD_PHASE]: 'Running',
        [ANN_POD_READY]: 'true',
        [ANN_UPLOAD_POD]: `cdi-upload-${name}`,
      });
    } else {
      await markPvc(ctx, asType<Pvc>(ctx.store.get(PVC, ns, name) ?? pvc), {
        [ANN_POD_PHASE]: 'Pending',
        [ANN_POD_READY]: 'false',
      });
    }
  }
}
