/**
 * Why a DataVolume's volume is not ready yet, read from what CDI and Kubernetes already say: the DataVolume's
 * phase and conditions, the phases of its claims (target, populator prime, scratch) and the events of those claims
 * and of CDI's worker pods. Gives one cause, the words of the component that reported it, and what the user can do.
 * Pure and framework-free; the plugin words the causes and advice.
 *
 * Facts it follows:
 * - DataVolume phases `WaitForFirstConsumer` and `PendingPopulation`: kubevirt/containerized-data-importer
 *   pkg/controller/datavolume/controller-base.go (`shouldBeMarkedWaitForFirstConsumer`,
 *   `shouldBeMarkedPendingPopulation`): the claim's class binds on first use, no node is selected and the claim
 *   lacks `cdi.kubevirt.io/storage.bind.immediate.requested` (pkg/controller/common/util.go `AnnImmediateBinding`,
 *   `ImmediateBindingRequested`, read on the claim).
 * - The Bound condition's reasons `Pending`, `Bound`, `ClaimLost`, `ErrExceededQuota`, `ErrClaimNotValid`:
 *   pkg/controller/datavolume/conditions.go `updateBoundCondition`, pkg/controller/common/util.go.
 * - The Running condition's reason `Pending` with the scheduler's message while the worker pod waits, and
 *   "Scratch space required" (pkg/controller/util.go `ScratchSpaceRequiredReason`).
 * - The scheduler's FailedScheduling message "0/N nodes are available: …" with the volume binding reasons
 *   "node(s) didn't find available persistent volumes to bind", "node(s) had volume node affinity conflict",
 *   "node(s) did not have enough free storage": kubernetes/kubernetes
 *   pkg/scheduler/framework/plugins/volumebinding/binder.go (`ErrReasonBindConflict`, `ErrReasonNodeConflict`,
 *   `ErrReasonNotEnoughSpace`); "pod has unbound immediate PersistentVolumeClaims" (volume_binding.go).
 * - A provisioner's `ProvisioningFailed` Warning on a claim (kubernetes-csi/external-provisioner, HPP).
 */

export type ClaimRole = 'target' | 'prime' | 'scratch';

export interface WaitCondition {
  type: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface WaitClaim {
  name: string;
  role: ClaimRole;
  /** PersistentVolumeClaim phase; absent when the claim does not exist (yet). */
  phase?: string;
}

export interface WaitEvent {
  /** `PersistentVolumeClaim`, `Pod` or `DataVolume`. */
  kind: string;
  name: string;
  type?: string;
  reason?: string;
  message?: string;
  /** RFC 3339 time of the event's last occurrence. */
  at?: string;
}

export interface VolumeWaitInput {
  /** The DataVolume's `status.phase`. */
  phase?: string;
  conditions?: readonly WaitCondition[];
  claims: readonly WaitClaim[];
  /** Events of the DataVolume, its claims and CDI's worker pods for them. */
  events: readonly WaitEvent[];
}

export type WaitCause =
  | 'wait-for-first-consumer'
  | 'pending-population'
  | 'quota-exceeded'
  | 'claim-lost'
  | 'claim-not-valid'
  | 'provisioning-failed'
  | 'no-node'
  | 'scratch-pending'
  | 'claim-pending';

export type WaitAdvice =
  | 'force-bind'
  | 'start-consumer'
  | 'create-local-volume'
  | 'other-class'
  | 'fix-scratch-space'
  | 'raise-quota'
  | 'fix-claim';

export interface VolumeWait {
  cause: WaitCause;
  /** The words of the component that reported it (event or condition message), when there are any. */
  detail?: string;
  /** The object the detail is about (claim or pod name). */
  object?: string;
  /** Which claim is blocked, when it is one of them. */
  role?: ClaimRole;
  /** A problem the user must fix (true), or a wait that has a known way forward (false). */
  blocking: boolean;
  advice: WaitAdvice[];
}

/** Phases in which the work runs or has ended: nothing waits. */
const MOVING_PHASES = new Set([
  'UploadReady',
  'ImportInProgress',
  'CloneInProgress',
  'CSICloneInProgress',
  'SmartClonePVCInProgress',
  'SnapshotForSmartCloneInProgress',
  'CloneFromSnapshotSourceInProgress',
  'ExpansionInProgress',
  'NamespaceTransferInProgress',
  'Succeeded',
  'Failed',
  'Paused',
]);

const BIND_CONFLICT = "didn't find available persistent volumes to bind";

const newestFirst = (a: WaitEvent, b: WaitEvent): number => (b.at ?? '').localeCompare(a.at ?? '');

/** Events of one object, newest first. */
const eventsOf = (events: readonly WaitEvent[], kind: string, name: string): WaitEvent[] =>
  events.filter((e) => e.kind === kind && e.name === name).sort(newestFirst);

const condition = (input: VolumeWaitInput, type: string): WaitCondition | undefined =>
  input.conditions?.find((c) => c.type === type);

/** Advice for a scheduler message, by the volume binding reasons it names. */
const schedulingAdvice = (message: string, scratchPending: boolean): WaitAdvice[] => {
  const advice: WaitAdvice[] = [];
  if (message.includes(BIND_CONFLICT)) advice.push('create-local-volume');
  if (scratchPending) advice.push('fix-scratch-space');
  advice.push('other-class');
  return advice;
};

/**
 * The cause a DataVolume waits for, or `undefined` when nothing holds it (its work runs, it has ended, or there
 * is nothing to say yet).
 */
export const volumeWait = (input: VolumeWaitInput): VolumeWait | undefined => {
  if (input.phase && MOVING_PHASES.has(input.phase)) return undefined;
  const bound = condition(input, 'Bound');
  const running = condition(input, 'Running');
  const claimEvents = (name: string) => eventsOf(input.events, 'PersistentVolumeClaim', name);
  const dvWarnings = input.events.filter((e) => e.kind === 'DataVolume' && e.type === 'Warning');

  if (
    bound?.reason === 'ErrExceededQuota' ||
    dvWarnings.some((e) => e.reason === 'ErrExceededQuota')
  ) {
    const detail =
      bound?.reason === 'ErrExceededQuota'
        ? bound.message
        : dvWarnings.find((e) => e.reason === 'ErrExceededQuota')?.message;
    return {
      cause: 'quota-exceeded',
      ...(detail ? { detail } : {}),
      blocking: true,
      advice: ['raise-quota'],
    };
  }
  if (bound?.reason === 'ClaimLost') {
    return {
      cause: 'claim-lost',
      ...(bound.message ? { detail: bound.message } : {}),
      blocking: true,
      advice: ['other-class'],
    };
  }
  const invalid = dvWarnings.find((e) => e.reason === 'ErrClaimNotValid');
  if (bound?.reason === 'ErrClaimNotValid' || invalid) {
    const detail = invalid?.message ?? bound?.message;
    return {
      cause: 'claim-not-valid',
      ...(detail ? { detail } : {}),
      blocking: true,
      advice: ['fix-claim'],
    };
  }
  if (input.phase === 'WaitForFirstConsumer' || input.phase === 'PendingPopulation') {
    const target = input.claims.find((c) => c.role === 'target');
    const newest = target ? claimEvents(target.name).at(0) : undefined;
    return {
      cause:
        input.phase === 'WaitForFirstConsumer' ? 'wait-for-first-consumer' : 'pending-population',
      ...(newest?.message ? { detail: newest.message, object: target?.name } : {}),
      ...(target ? { role: target.role } : {}),
      blocking: false,
      advice: ['force-bind', 'start-consumer'],
    };
  }

  const pending = input.claims.filter((c) => c.phase === 'Pending');
  const scratchPending = pending.some((c) => c.role === 'scratch');
  // A provisioner that failed for a claim still Pending: its newest event is the Warning.
  for (const claim of pending) {
    const newest = claimEvents(claim.name).at(0);
    if (newest?.type === 'Warning' && newest.reason === 'ProvisioningFailed') {
      return {
        cause: 'provisioning-failed',
        ...(newest.message ? { detail: newest.message } : {}),
        object: claim.name,
        role: claim.role,
        blocking: true,
        advice: claim.role === 'scratch' ? ['fix-scratch-space', 'other-class'] : ['other-class'],
      };
    }
  }
  // A worker pod the scheduler cannot place: the newest event of a pod is FailedScheduling.
  const podNames = [...new Set(input.events.filter((e) => e.kind === 'Pod').map((e) => e.name))];
  const unschedulable = podNames
    .map((name) => eventsOf(input.events, 'Pod', name).at(0))
    .filter((e): e is WaitEvent => e?.type === 'Warning' && e.reason === 'FailedScheduling')
    .sort(newestFirst)
    .at(0);
  const runningMessage =
    running?.status !== 'True' &&
    running?.reason === 'Pending' &&
    running.message?.includes('nodes are available')
      ? running.message
      : undefined;
  if (unschedulable || runningMessage) {
    const detail = unschedulable?.message ?? runningMessage ?? '';
    return {
      cause: 'no-node',
      detail,
      ...(unschedulable ? { object: unschedulable.name } : {}),
      blocking: true,
      advice: schedulingAdvice(detail, scratchPending),
    };
  }
  if (running?.reason === 'Scratch space required' || scratchPending) {
    const scratch = pending.find((c) => c.role === 'scratch');
    const newest = scratch ? claimEvents(scratch.name).at(0) : undefined;
    return {
      cause: 'scratch-pending',
      ...(newest?.message ? { detail: newest.message } : {}),
      ...(scratch ? { object: scratch.name, role: scratch.role } : {}),
      blocking: false,
      advice: ['fix-scratch-space'],
    };
  }
  const claim = pending.find((c) => c.role !== 'scratch');
  if (claim) {
    const newest = claimEvents(claim.name).at(0);
    return {
      cause: 'claim-pending',
      ...(newest?.message ? { detail: newest.message } : {}),
      object: claim.name,
      role: claim.role,
      blocking: false,
      advice: ['other-class', 'create-local-volume'],
    };
  }
  return undefined;
};
