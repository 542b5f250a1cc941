import type { KubeObject, SandboxContext } from '../../contract';
import { CDI_CONFIG } from '../../world/refs';
import { storageClass } from '../scheduling/claims';

export const DEFAULT_OVERHEAD = '0.055';

interface CdiConfigStatus {
  scratchSpaceStorageClass?: string;
  filesystemOverhead?: { global?: string; storageClass?: Record<string, string> };
}

function cdiConfig(ctx: SandboxContext): KubeObject | undefined {
  return ctx.store.get(CDI_CONFIG, undefined, 'config');
}

/** Filesystem overhead for a class, from CDIConfig status (computed per class), else the global default. */
export function filesystemOverhead(
  ctx: SandboxContext,
  className: string | null | undefined,
): number {
  const status = (cdiConfig(ctx)?.status ?? {}) as CdiConfigStatus;
  const perClass = className ? status.filesystemOverhead?.storageClass?.[className] : undefined;
  const value = perClass ?? status.filesystemOverhead?.global ?? DEFAULT_OVERHEAD;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number(DEFAULT_OVERHEAD);
}

/**
 * The scratch PVC's storage class (`GetScratchPvcStorageClass`): CDIConfig's resolved
 * `status.scratchSpaceStorageClass` (spec if that class exists; before CDI v1.65 else the cluster
 * default class), else the target claim's class.
 */
export function scratchStorageClass(
  ctx: SandboxContext,
  targetClass: string | null | undefined,
): string | undefined {
  const status = (cdiConfig(ctx)?.status ?? {}) as CdiConfigStatus;
  const fromConfig = status.scratchSpaceStorageClass;
  if (fromConfig && storageClass(ctx, fromConfig)) return fromConfig;
  return targetClass ?? undefined;
}
