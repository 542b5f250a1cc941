// Applies the planned objects in order, one at a time: create when missing, update when different, leave alone
// when equal (so a re-run is idempotent). A StorageClass whose immutable fields differ is refused with a reason
// instead of an update the API would reject. Stops at the first error.
import { k8sCreate, k8sListItems, k8sUpdate } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel, K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import {
  DEFAULT_CLASS_ANNOTATION,
  mergeHppSpec,
  sameSpec,
  storageClassDifferences,
} from '../../../lib/hpp-manifests';
import type { HppObject, StorageClassObject } from '../../../lib/hpp-manifests';
import { hostPathProvisionerModelFor } from '../../k8s/hpp-models';
import { messageOf } from '../../k8s/load-error';
import { MachineConfigModel, StorageClassModel } from '../../k8s/models';
import type { PlannedKind } from './planned-objects';

export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

export class StorageClassConflict extends Error {
  constructor(
    readonly className: string,
    readonly fields: string[],
  ) {
    super(`StorageClass ${className} exists with different ${fields.join(', ')}`);
  }
}

const modelFor = (kind: PlannedKind, object: Record<string, unknown>): K8sModel => {
  if (kind === 'MachineConfig') return MachineConfigModel;
  if (kind === 'StorageClass') return StorageClassModel;
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const version = apiVersion.split('/')[1] ?? 'v1beta1';
  return hostPathProvisionerModelFor(version);
};

const getOrUndefined = async (
  model: K8sModel,
  name: string,
): Promise<Record<string, unknown> | undefined> => {
  // A list by name answers "absent" without a 404 in the browser console.
  const items = await k8sListItems({
    model,
    queryParams: { fieldSelector: `metadata.name=${name}` },
  });
  return items.find((o) => o.metadata?.name === name) as Record<string, unknown> | undefined;
};

export const applyObject = async (
  kind: PlannedKind,
  object: Record<string, unknown>,
): Promise<ApplyOutcome> => {
  const model = modelFor(kind, object);
  const name = (object.metadata as { name?: string } | undefined)?.name ?? '';
  const existing = await getOrUndefined(model, name);
  const data = object as K8sResourceCommon;
  if (!existing) {
    await k8sCreate({ model, data });
    return 'created';
  }
  if (kind === 'StorageClass') {
    const desired = object as StorageClassObject;
    const current = existing as StorageClassObject;
    const differences = storageClassDifferences(current, desired);
    if (differences.length > 0)
      throw new StorageClassConflict(
        name,
        differences.map((d) => d.field),
      );
    const want = desired.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION];
    const have = current.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION];
    if (want === undefined || want === have) return 'unchanged';
    await k8sUpdate({
      model,
      data: {
        ...current,
        metadata: {
          ...current.metadata,
          annotations: {
            ...(current.metadata.annotations ?? {}),
            [DEFAULT_CLASS_ANNOTATION]: want,
          },
        },
      },
    });
    return 'updated';
  }
  if (kind === 'HostPathProvisioner') {
    const merged = mergeHppSpec(existing as HppObject, object as HppObject);
    if (sameSpec(merged.spec, existing.spec)) return 'unchanged';
    await k8sUpdate({ model, data: merged });
    return 'updated';
  }
  if (
    sameSpec(object.spec, existing.spec) &&
    sameSpec(
      (object.metadata as { labels?: unknown }).labels ?? {},
      (existing.metadata as { labels?: unknown }).labels ?? {},
    )
  )
    return 'unchanged';
  const metadata = existing.metadata as Record<string, unknown>;
  await k8sUpdate({
    model,
    data: {
      ...existing,
      metadata: { ...metadata, labels: (object.metadata as { labels?: unknown }).labels },
      spec: object.spec,
    } as K8sResourceCommon,
  });
  return 'updated';
};

export { messageOf };
