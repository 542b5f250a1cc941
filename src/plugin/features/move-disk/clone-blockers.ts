// Why a clone DataVolume is not moving, read from its conditions: CDI sets `Bound` (the claim and its volume) and
// `Running` (the clone's worker) with a reason and message (kubevirt/containerized-data-importer
// doc/datavolumes.md "Conditions"; pkg/apis/core/v1beta1/types.go DataVolumeCondition). A claim not yet bound
// comes first: nothing runs before it binds.

export interface ConditionLike {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface CloneBlocker {
  type: 'Bound' | 'Running';
  reason: string;
  message: string;
}

export const cloneBlockers = (
  phase: string | undefined,
  conditions: readonly ConditionLike[] | undefined,
): CloneBlocker[] => {
  if (phase === 'Succeeded') return [];
  const blockers: CloneBlocker[] = [];
  const bound = conditions?.find((c) => c.type === 'Bound');
  if (bound?.status === 'False' && (bound.reason || bound.message)) {
    blockers.push({ type: 'Bound', reason: bound.reason ?? '', message: bound.message ?? '' });
  }
  const running = conditions?.find((c) => c.type === 'Running');
  if (running?.status !== 'True' && running?.reason) {
    blockers.push({ type: 'Running', reason: running.reason, message: running.message ?? '' });
  }
  return blockers;
};
