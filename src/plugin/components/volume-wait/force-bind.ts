// Force-binding an existing DataVolume, as `virtctl image-upload --force-bind` asks for it at creation: the
// annotation `cdi.kubevirt.io/storage.bind.immediate.requested` (kubevirt/kubevirt pkg/virtctl/imageupload
// datavolume.go / pvc.go `forceImmediateBindingAnnotation`). CDI reads it on the claim
// (kubevirt/containerized-data-importer pkg/controller/common/util.go `ImmediateBindingRequested`, used by
// pkg/controller/datavolume/controller-base.go `shouldBeMarkedPendingPopulation` and pkg/controller/populators
// util.go), and copies a DataVolume's annotations to the claim only when it creates it, so an existing
// DataVolume gets it on both: the DataVolume for the record, the claim for CDI.
import { k8sGet, k8sPatch } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel, K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { DataVolumeModel, PersistentVolumeClaimModel } from '../../k8s/models';
import type { DataVolumeKind } from '../../k8s/types';
import { forceBindPatch, WAITING_FOR_CONSUMER } from './force-bind-patch';

export { FORCE_BIND_ANNOTATION, WAITING_FOR_CONSUMER } from './force-bind-patch';

const annotate = async (model: K8sModel, obj: K8sResourceCommon): Promise<void> => {
  const data = forceBindPatch(obj);
  if (data.length > 0) await k8sPatch({ model, resource: obj, data });
};

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Annotates the DataVolume and its claim, then waits (up to `timeoutMs`) until CDI has left
 * WaitForFirstConsumer / PendingPopulation. Resolves the DataVolume's phase.
 */
export async function forceBindDataVolume(
  namespace: string,
  name: string,
  timeoutMs = 60_000,
): Promise<string> {
  const dv = await k8sGet<DataVolumeKind>({ model: DataVolumeModel, name, ns: namespace });
  await annotate(DataVolumeModel, dv);
  const claimName = dv.status?.claimName ?? name;
  const claim = await k8sGet<K8sResourceCommon>({
    model: PersistentVolumeClaimModel,
    name: claimName,
    ns: namespace,
  });
  await annotate(PersistentVolumeClaimModel, claim);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await k8sGet<DataVolumeKind>({ model: DataVolumeModel, name, ns: namespace });
    const phase = now.status?.phase ?? '';
    if (!WAITING_FOR_CONSUMER.has(phase) || Date.now() > deadline) return phase;
    await sleep(500);
  }
}
