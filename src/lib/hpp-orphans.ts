// Which StorageClasses a change of the HostPathProvisioner CR would break. A class of the CSI driver names its
// storage pool in the `storagePool` parameter; the driver refuses to provision for a pool it was not started
// with ("unable to locate path for storage pool <name>": kubevirt/hostpath-provisioner
// pkg/hostpath/controllerserver.go `CreateVolume`). The operator starts the driver with the CR's storagePools, and
// for a pathConfig CR with one pool named `legacy` next to the legacy provisioner
// (kubevirt/hostpath-provisioner-operator pkg/controller/hostpathprovisioner/controller.go `isLegacy`,
// daemonset.go). So removing a pool, switching between pathConfig and storagePools, or moving a pool's path
// leaves the classes (and the volumes already on the node) of the old configuration without a provisioner.
// Pure.
import { CSI_PROVISIONER, LEGACY_POOL_NAME, LEGACY_PROVISIONER } from './hpp-manifests';
import type { HppSpecLike } from './hpp-manifests';

export interface ClassLike {
  metadata?: { name?: string };
  provisioner?: string;
  parameters?: Record<string, string>;
}

export interface ClaimLike {
  metadata?: { name?: string; namespace?: string };
  spec?: { storageClassName?: string | null };
}

export type OrphanReason = 'no-longer-served' | 'path-changed';

export interface OrphanedClass {
  className: string;
  reason: OrphanReason;
  /** The directory the class's volumes live in today. */
  path: string;
  /** The directory after the change, for `path-changed`. */
  newPath?: string;
  /** `namespace/name` of every claim of the class, sorted. */
  claims: string[];
}

const trimPath = (p: string | undefined): string | undefined =>
  p?.trim().replace(/\/+$/, '') || undefined;

/** The directory that serves a class under a CR spec, or `undefined` when the spec does not serve it. */
export const servingPath = (spec: HppSpecLike | undefined, sc: ClassLike): string | undefined => {
  if (!spec) return undefined;
  if (sc.provisioner === LEGACY_PROVISIONER) return trimPath(spec.pathConfig?.path);
  if (sc.provisioner !== CSI_PROVISIONER) return undefined;
  const pool = sc.parameters?.storagePool;
  const fromPools = spec.storagePools?.find((p) => p.name === pool)?.path;
  if (fromPools) return trimPath(fromPools);
  return pool === LEGACY_POOL_NAME ? trimPath(spec.pathConfig?.path) : undefined;
};

/**
 * The classes served by the `existing` spec that the `desired` spec no longer serves, or serves from another
 * directory, each with the claims that use it. Classes the existing spec does not serve are not this change's
 * doing and are left out.
 */
export const orphanedClasses = (
  existing: HppSpecLike | undefined,
  desired: HppSpecLike,
  classes: readonly ClassLike[],
  claims: readonly ClaimLike[],
): OrphanedClass[] => {
  const out: OrphanedClass[] = [];
  for (const sc of classes) {
    const name = sc.metadata?.name ?? '';
    const before = servingPath(existing, sc);
    if (!name || before === undefined) continue;
    const after = servingPath(desired, sc);
    if (after === before) continue;
    const using = claims
      .filter((c) => c.spec?.storageClassName === name)
      .map((c) => `${c.metadata?.namespace ?? ''}/${c.metadata?.name ?? ''}`)
      .sort();
    out.push({
      className: name,
      reason: after === undefined ? 'no-longer-served' : 'path-changed',
      path: before,
      ...(after !== undefined ? { newPath: after } : {}),
      claims: using,
    });
  }
  return out.sort((a, b) => a.className.localeCompare(b.className));
};
