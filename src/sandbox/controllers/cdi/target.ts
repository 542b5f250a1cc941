import type { SandboxContext } from '../../contract';
import { formatBytes, inflateForOverhead } from '../../world/quantity';
import { PVC, STORAGE_PROFILE } from '../../world/refs';
import type { DataVolume, Pvc, PvcSpec } from '../../world/shapes';
import { asType } from '../../world/shapes';
import { defaultStorageClass, requestBytes, storageClasses } from '../scheduling/claims';
import { ANN_DEFAULT_VIRT_CLASS } from './annotations';
import { profileProperties } from './profiles';
import { filesystemOverhead } from './settings';

export type TargetSpec = { spec: PvcSpec } | { error: string; reason: string };

/**
 * The PVC spec CDI renders for a DataVolume: `spec.pvc` is passed through (the default class is
 * filled in as the API server's admission would); `spec.storage` is completed from the class's
 * StorageProfile, and Filesystem requests are inflated by the filesystem overhead.
 */
export function renderTargetSpec(ctx: SandboxContext, dv: DataVolume): TargetSpec {
  if (dv.spec.pvc) {
    const spec = structuredClone(dv.spec.pvc);
    if (spec.storageClassName === undefined || spec.storageClassName === null) {
      const def = defaultStorageClass(ctx)?.metadata.name;
      if (def) spec.storageClassName = def;
    }
    spec.volumeMode ??= 'Filesystem';
    return { spec };
  }
  const storage = dv.spec.storage;
  if (!storage) return { error: 'Missing Data volume PVC', reason: 'ErrClaimNotValid' };
  const spec = structuredClone(storage);
  if (spec.storageClassName === undefined || spec.storageClassName === null) {
    const virtDefault = storageClasses(ctx).find(
      (sc) => sc.metadata.annotations?.[ANN_DEFAULT_VIRT_CLASS] === 'true',
    );
    const cls = virtDefault ?? defaultStorageClass(ctx);
    if (cls?.metadata.name) spec.storageClassName = cls.metadata.name;
  }
  const className = spec.storageClassName ?? '';
  const props = profileProperties(ctx.store.get(STORAGE_PROFILE, undefined, className));
  if (!spec.accessModes || spec.accessModes.length === 0) {
    const first =
      props.find(
        (p) =>
          !spec.volumeMode ||
          spec.volumeMode === 'FromStorageProfile' ||
          p.volumeMode === spec.volumeMode,
      ) ?? props.at(0);
    if (!first) {
      return {
        error: `no accessMode specified in StorageProfile ${className}`,
        reason: 'ErrClaimNotValid',
      };
    }
    spec.accessModes = first.accessModes;
    if (!spec.volumeMode || spec.volumeMode === 'FromStorageProfile')
      spec.volumeMode = first.volumeMode;
  }
  if (!spec.volumeMode || spec.volumeMode === 'FromStorageProfile') {
    spec.volumeMode =
      props.find((p) => p.accessModes.some((m) => spec.accessModes?.includes(m)))?.volumeMode ??
      'Filesystem';
  }
  let size = requestBytes({ spec });
  if (size === 0 && dv.spec.source?.pvc?.name) {
    const src = ctx.store.get(
      PVC,
      dv.spec.source.pvc.namespace ?? dv.metadata.namespace,
      dv.spec.source.pvc.name,
    );
    if (src) size = requestBytes(asType<Pvc>(src));
  }
  if (size > 0) {
    const requested =
      spec.volumeMode === 'Filesystem'
        ? inflateForOverhead(size, filesystemOverhead(ctx, className))
        : size;
    spec.resources = {
      ...(spec.resources ?? {}),
      requests: { ...(spec.resources?.requests ?? {}), storage: formatBytes(requested) },
    };
  }
  return { spec };
}
