// What a DataVolume filled by a CDI volume populator is waiting for. CDI ≥ 1.58 fills claims of classes with a
// CSI driver through populators: the DataVolume shows `PendingPopulation` while its WaitForFirstConsumer claim has
// no node (kubevirt/containerized-data-importer pkg/controller/datavolume/controller-base.go
// `shouldBeMarkedPendingPopulation`), and the work happens on a `prime-<uid>` claim named in the target claim's
// annotation `cdi.kubevirt.io/storage.populator.pvcPrime` (pkg/controller/common/util.go `AnnPVCPrimeName`,
// pkg/controller/populators/util.go `PVCPrimeName`), with its own worker pod (`cdi-upload-prime-…`,
// `importer-prime-…`). Pure.
import type { DataVolumeKind, PersistentVolumeClaimKind } from '../types';
import type { EventKind, PodKind } from '../types/hpp-setup';

export const PVC_PRIME_ANNOTATION = 'cdi.kubevirt.io/storage.populator.pvcPrime';
export const PRIME_PREFIX = 'prime-';

export interface PopulationView {
  /** The DataVolume waits for a first consumer (or forced binding) before any work starts. */
  pendingPopulation: boolean;
  primeName?: string;
  primePhase?: string;
  podName?: string;
  podPhase?: string;
  /** The newest event of the prime claim or its pod (a Warning preferred), else of the target claim. */
  event?: { type: string; reason: string; message: string; object: string };
}

const nameOf = (o: { metadata?: { name?: string } } | undefined): string => o?.metadata?.name ?? '';

/** The prime claim's name: the annotation, else `prime-<uid>` of the target claim. */
export const primeClaimName = (pvc: PersistentVolumeClaimKind | undefined): string | undefined => {
  if (!pvc) return undefined;
  const annotated = pvc.metadata?.annotations?.[PVC_PRIME_ANNOTATION];
  if (annotated) return annotated;
  return pvc.metadata?.uid ? `${PRIME_PREFIX}${pvc.metadata.uid}` : undefined;
};

const newest = (events: readonly EventKind[]): EventKind | undefined =>
  [...events].sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? '')).at(-1);

/**
 * The populator state of `dv` from the claims, pods and events of its namespace; `undefined` when the DataVolume
 * does not go through a populator (not PendingPopulation and no prime claim exists).
 */
export const populationView = (input: {
  dv: DataVolumeKind | undefined;
  pvcs: readonly PersistentVolumeClaimKind[];
  pods: readonly PodKind[];
  events: readonly EventKind[];
}): PopulationView | undefined => {
  const { dv } = input;
  if (!dv) return undefined;
  const namespace = dv.metadata?.namespace;
  const inNs = (o: { metadata?: { namespace?: string } }): boolean =>
    o.metadata?.namespace === namespace;
  const claimName = dv.status?.claimName ?? nameOf(dv);
  const pvc = input.pvcs.find((p) => inNs(p) && nameOf(p) === claimName);
  const primeName = primeClaimName(pvc);
  const prime = primeName ? input.pvcs.find((p) => inNs(p) && nameOf(p) === primeName) : undefined;
  const pendingPopulation = dv.status?.phase === 'PendingPopulation';
  if (!pendingPopulation && !prime) return undefined;
  const pod = prime
    ? input.pods.find(
        (p) =>
          inNs(p) &&
          (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === primeName),
      )
    : undefined;
  const objects = new Set([primeName, nameOf(pod)].filter(Boolean));
  const eventsHere = input.events.filter((e) => e.involvedObject.namespace === namespace);
  const objectOf = (e: EventKind): string => e.involvedObject.name ?? '';
  const related = eventsHere.filter((e) => objects.has(objectOf(e)));
  const ofTarget = eventsHere.filter(
    (e) => objectOf(e) === claimName || objectOf(e) === nameOf(dv),
  );
  const chosen =
    newest(related.filter((e) => e.type === 'Warning')) ?? newest(related) ?? newest(ofTarget);
  return {
    pendingPopulation,
    ...(prime ? { primeName, primePhase: prime.status?.phase ?? 'Pending' } : {}),
    ...(pod ? { podName: nameOf(pod), podPhase: pod.status?.phase ?? 'Pending' } : {}),
    ...(chosen
      ? {
          event: {
            type: chosen.type ?? 'Normal',
            reason: chosen.reason ?? '',
            message: chosen.message ?? '',
            object: chosen.involvedObject.name ?? '',
          },
        }
      : {}),
  };
};
