// The input of lib/volume-wait for one DataVolume, from the watched objects of its namespace: its claim
// (`status.claimName`, else its name), the populator's prime claim (k8s/selectors/population.ts), their scratch
// claims (`<claim>-scratch`, kubevirt/containerized-data-importer pkg/controller/common/util.go
// `ScratchNameFromPvc`) and the events of those claims, of the DataVolume and of CDI's worker pods
// (`cdi-upload-<claim>`, `importer-<claim>`; pkg/controller/upload-controller.go, import-controller.go). Pure.
import type {
  VolumeWaitInput,
  WaitClaim,
  WaitCondition,
  WaitEvent,
} from '../../../lib/volume-wait';
import { primeClaimName } from '../../k8s/selectors/population';
import type { DataVolumeKind, PersistentVolumeClaimKind } from '../../k8s/types';
import type { EventKind } from '../../k8s/types/hpp-setup';

export const SCRATCH_SUFFIX = '-scratch';

export const volumeWaitInput = (input: {
  dv: DataVolumeKind;
  pvcs: readonly PersistentVolumeClaimKind[];
  events: readonly EventKind[];
}): VolumeWaitInput => {
  const { dv } = input;
  const namespace = dv.metadata?.namespace;
  const dvName = dv.metadata?.name ?? '';
  const claimName = dv.status?.claimName ?? dvName;
  const inNs = input.pvcs.filter((p) => p.metadata?.namespace === namespace);
  const byName = (n: string) => inNs.find((p) => p.metadata?.name === n);
  const target = byName(claimName);
  const primeName = primeClaimName(target);
  const prime = primeName ? byName(primeName) : undefined;
  const claims: WaitClaim[] = [];
  const add = (
    name: string,
    role: WaitClaim['role'],
    claim: PersistentVolumeClaimKind | undefined,
  ) => {
    claims.push({ name, role, ...(claim ? { phase: claim.status?.phase ?? 'Pending' } : {}) });
  };
  add(claimName, 'target', target);
  if (prime && primeName) add(primeName, 'prime', prime);
  const workClaims = [claimName, ...(prime && primeName ? [primeName] : [])];
  for (const w of workClaims) {
    const scratch = byName(`${w}${SCRATCH_SUFFIX}`);
    if (scratch) add(`${w}${SCRATCH_SUFFIX}`, 'scratch', scratch);
  }
  const related = new Map<string, Set<string>>([
    ['DataVolume', new Set([dvName])],
    ['PersistentVolumeClaim', new Set(claims.map((c) => c.name))],
    ['Pod', new Set(workClaims.flatMap((w) => [`cdi-upload-${w}`, `importer-${w}`]))],
  ]);
  const events: WaitEvent[] = input.events
    .filter((e) => {
      const o = e.involvedObject;
      return o.namespace === namespace && related.get(o.kind ?? '')?.has(o.name ?? '') === true;
    })
    .map((e) => ({
      kind: e.involvedObject.kind ?? '',
      name: e.involvedObject.name ?? '',
      ...(e.type ? { type: e.type } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
      ...(e.message ? { message: e.message } : {}),
      ...(e.lastTimestamp ? { at: e.lastTimestamp } : {}),
    }));
  const conditions: WaitCondition[] = (dv.status?.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
  }));
  return { ...(dv.status?.phase ? { phase: dv.status.phase } : {}), conditions, claims, events };
};
