import type { KubeObject, SandboxContext, SandboxProfile } from '../../contract';
import { isDeepStrictEqual } from 'node:util';
import { seedCdi, storageDefaultsData } from '../../world/seed/platform';
import {
  CDI,
  CONFIG_MAP,
  CNV_NAMESPACE,
  HYPERCONVERGED,
  STORAGE_DEFAULTS_CONFIG_MAP,
} from '../../world/refs';
import { nowIso } from '../../world/shapes';
import type { Controller } from '../runtime';

/** The operator version HCO reports (the OpenShift Virtualization release). */
const HCO_VERSIONS: Record<SandboxProfile, string> = { current: '4.22.0', legacy: '4.9.7' };

interface HcoSpec {
  localStorageClassName?: string;
  scratchSpaceStorageClass?: string;
}

/** The settings HCO reads, from the stored object (`v1` on `current`: storage fields under `spec.storage`). */
function hcoSettings(profile: SandboxProfile, hco: KubeObject): HcoSpec {
  const spec = (hco.spec ?? {}) as HcoSpec & { storage?: { scratchSpaceStorageClass?: string } };
  if (profile === 'legacy') return spec;
  const scratch = spec.storage?.scratchSpaceStorageClass;
  return scratch ? { scratchSpaceStorageClass: scratch } : {};
}

/**
 * The HyperConverged operator. Both profiles: it owns the CDI CR's whole spec (so the
 * HyperConverged scratch space class is the place to set scratch space; a direct edit of any CDI
 * spec field reverts). `legacy` (HCO v1.3–v1.6): resets the default keys of
 * `kubevirt-storage-class-defaults` on every reconcile while keeping keys users added. `current`
 * (HCO v1.18): no such ConfigMap; HCO v1.7.0 stopped creating it and removes it
 * (kubevirt/hyperconverged-cluster-operator PR #1829 "Remove configmap
 * kubevirt-storage-class-defaults", `assets/upgradePatches.json` objectsToBeRemoved), StorageProfiles
 * are the defaults.
 */
export function hyperConvergedController(ctx: SandboxContext): Controller {
  return {
    name: 'hco-operator',
    watches: [HYPERCONVERGED, CDI, CONFIG_MAP],
    async reconcile() {
      const hco = ctx.store
        .list(HYPERCONVERGED, { namespace: CNV_NAMESPACE })
        .find((h) => !h.metadata.deletionTimestamp);
      if (!hco) return;
      const spec = hcoSettings(ctx.profile, hco);
      if (ctx.profile === 'legacy') await reconcileStorageDefaults(ctx, hco, spec);
      else await removeStorageDefaults(ctx);
      await reconcileCdi(ctx, spec);
      await reconcileStatus(ctx, hco);
    },
  };
}

async function removeStorageDefaults(ctx: SandboxContext): Promise<void> {
  const cm = ctx.store.get(CONFIG_MAP, CNV_NAMESPACE, STORAGE_DEFAULTS_CONFIG_MAP);
  if (!cm || cm.metadata.deletionTimestamp) return;
  ctx.log(`Removing the obsolete ConfigMap ${STORAGE_DEFAULTS_CONFIG_MAP}`);
  await ctx.store.delete(CONFIG_MAP, CNV_NAMESPACE, STORAGE_DEFAULTS_CONFIG_MAP);
}

async function reconcileStorageDefaults(
  ctx: SandboxContext,
  hco: KubeObject,
  spec: HcoSpec,
): Promise<void> {
  const defaults = storageDefaultsData(spec.localStorageClassName);
  const cm = ctx.store.get(CONFIG_MAP, CNV_NAMESPACE, STORAGE_DEFAULTS_CONFIG_MAP);
  if (!cm) {
    await ctx.store.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: STORAGE_DEFAULTS_CONFIG_MAP,
        namespace: CNV_NAMESPACE,
        labels: { app: 'kubevirt-hyperconverged' },
        ownerReferences: [
          {
            apiVersion: hco.apiVersion,
            kind: hco.kind,
            name: hco.metadata.name ?? '',
            uid: hco.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      data: defaults,
    });
    return;
  }
  const data = (cm.data ?? {}) as Record<string, string>;
  if (Object.entries(defaults).every(([k, v]) => data[k] === v)) return;
  ctx.log('Updating existing KubeVirt Storage Configmap to its default values');
  await ctx.store.mutate(CONFIG_MAP, CNV_NAMESPACE, STORAGE_DEFAULTS_CONFIG_MAP, (o) => {
    o.data = { ...((o.data ?? {}) as Record<string, string>), ...defaults };
  });
}

/**
 * The CDI spec HCO wants: the one it deployed, with HCO's scratch space class. HCO compares the whole
 * spec and overwrites it on any difference, so direct edits of the CDI CR (any field) revert.
 */
function desiredCdiSpec(profile: SandboxProfile, spec: HcoSpec): Record<string, unknown> {
  const base = seedCdi(profile).spec as { config?: Record<string, unknown> };
  const config = { ...(base.config ?? {}) };
  if (spec.scratchSpaceStorageClass)
    config.scratchSpaceStorageClass = spec.scratchSpaceStorageClass;
  return { ...base, config };
}

async function reconcileCdi(ctx: SandboxContext, spec: HcoSpec): Promise<void> {
  const cdi = ctx.store.list(CDI).at(0);
  if (!cdi) return;
  const desired = desiredCdiSpec(ctx.profile, spec);
  if (isDeepStrictEqual(cdi.spec ?? {}, desired)) return;
  ctx.log('Updating existing CDI CR to its desired spec');
  await ctx.store.mutate(CDI, undefined, cdi.metadata.name ?? '', (o) => {
    o.spec = structuredClone(desired);
  });
}

async function reconcileStatus(ctx: SandboxContext, hco: KubeObject): Promise<void> {
  const status = (hco.status ?? {}) as { conditions?: unknown[] };
  if (status.conditions && status.conditions.length > 0) return;
  const t = nowIso();
  const cond = (type: string, s: string, reason: string, message: string) => ({
    type,
    status: s,
    reason,
    message,
    lastTransitionTime: t,
    observedGeneration: hco.metadata.generation ?? 1,
  });
  await ctx.store.mutate(
    HYPERCONVERGED,
    CNV_NAMESPACE,
    hco.metadata.name ?? '',
    (o) => {
      o.status = {
        conditions: [
          cond(
            'ReconcileComplete',
            'True',
            'ReconcileCompleted',
            'Reconcile completed successfully',
          ),
          cond('Available', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
          cond('Progressing', 'False', 'ReconcileCompleted', 'Reconcile completed successfully'),
          cond('Degraded', 'False', 'ReconcileCompleted', 'Reconcile completed successfully'),
          cond('Upgradeable', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
        ],
        versions: [{ name: 'operator', version: HCO_VERSIONS[ctx.profile] }],
        relatedObjects: [
          { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'CDI', name: 'cdi' },
          ...(ctx.profile === 'legacy'
            ? [
                {
                  apiVersion: 'v1',
                  kind: 'ConfigMap',
                  name: STORAGE_DEFAULTS_CONFIG_MAP,
                  namespace: CNV_NAMESPACE,
                },
              ]
            : []),
        ],
      };
    },
    { status: true },
  );
}
