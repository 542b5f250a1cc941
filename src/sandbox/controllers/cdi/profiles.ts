import type { KubeObject, SandboxContext } from '../../contract';
import { PV, STORAGE_CLASS, STORAGE_PROFILE } from '../../world/refs';
import { asType } from '../../world/shapes';
import type { StorageClass } from '../../world/shapes';
import type { Controller } from '../runtime';
import { CSI_HPP, LEGACY_HPP } from '../scheduling/claims';

export interface ClaimPropertySet {
  accessModes: string[];
  volumeMode: string;
}

/** CDI's storage capabilities table for the provisioners this cluster can have. */
const CAPABILITIES: Partial<Record<string, ClaimPropertySet[]>> = {
  [LEGACY_HPP]: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
  [CSI_HPP]: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
  'openshift-storage.rbd.csi.ceph.com': [
    { accessModes: ['ReadWriteMany'], volumeMode: 'Block' },
    { accessModes: ['ReadWriteOnce'], volumeMode: 'Block' },
    { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
  ],
};

const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

interface PvShape {
  spec?: { storageClassName?: string; accessModes?: string[]; volumeMode?: string };
}

/**
 * CDI v1.66 for a `kubernetes.io/no-provisioner` class (kubevirt/containerized-data-importer
 * pkg/storagecapabilities/storagecapabilities.go `GetCapabilities` → `capabilitiesForNoProvisioner`, used by
 * pkg/controller/storageprofile-controller.go `reconcilePropertySets`, which also watches PersistentVolumes):
 * one set per distinct (access mode, volume mode) among the class's PVs, a missing volume mode counting as
 * Filesystem; none without PVs. CDI collects them through a Go map (order not defined); here in PV order.
 * CDI v1.49 did this only for classes labelled `local.storage.openshift.io/owner-name`; v1.38 (`legacy`) never.
 */
function noProvisionerSets(ctx: SandboxContext, sc: StorageClass): ClaimPropertySet[] | undefined {
  const sets: ClaimPropertySet[] = [];
  for (const pv of ctx.store.list(PV)) {
    const spec = (pv as PvShape).spec ?? {};
    if (spec.storageClassName !== sc.metadata.name) continue;
    const volumeMode = spec.volumeMode ?? 'Filesystem';
    for (const mode of spec.accessModes ?? []) {
      if (!sets.some((s) => s.accessModes[0] === mode && s.volumeMode === volumeMode)) {
        sets.push({ accessModes: [mode], volumeMode });
      }
    }
  }
  return sets.length > 0 ? sets : undefined;
}

function profileStatus(
  ctx: SandboxContext,
  sc: StorageClass,
  spec: { claimPropertySets?: ClaimPropertySet[]; cloneStrategy?: string },
): Record<string, unknown> {
  const known =
    sc.provisioner === NO_PROVISIONER && ctx.profile === 'current'
      ? noProvisionerSets(ctx, sc)
      : CAPABILITIES[sc.provisioner];
  const sets =
    spec.claimPropertySets && spec.claimPropertySets.length > 0 ? spec.claimPropertySets : known;
  const status: Record<string, unknown> = {
    storageClass: sc.metadata.name,
    provisioner: sc.provisioner,
    cloneStrategy:
      spec.cloneStrategy ?? sc.metadata.annotations?.['cdi.kubevirt.io/clone-strategy'] ?? 'copy',
    dataImportCronSourceFormat: 'pvc',
  };
  if (sets) status.claimPropertySets = sets;
  return status;
}

/** Effective claim property sets of a class's profile (empty when CDI doesn't know the provisioner). */
export function profileProperties(profile: KubeObject | undefined): ClaimPropertySet[] {
  return (
    ((profile?.status ?? {}) as { claimPropertySets?: ClaimPropertySet[] }).claimPropertySets ?? []
  );
}

/** One StorageProfile per StorageClass, same name, status from the class and the profile's spec. */
export function storageProfileController(ctx: SandboxContext): Controller {
  return {
    name: 'cdi-storageprofile',
    watches: [STORAGE_CLASS, STORAGE_PROFILE, PV],
    async reconcile() {
      const classes = ctx.store.list(STORAGE_CLASS).map((o) => asType<StorageClass>(o));
      for (const sc of classes) {
        const name = sc.metadata.name ?? '';
        let profile = ctx.store.get(STORAGE_PROFILE, undefined, name);
        if (!profile) {
          profile = await ctx.store.create({
            apiVersion: 'cdi.kubevirt.io/v1beta1',
            kind: 'StorageProfile',
            metadata: {
              name,
              labels: {
                app: 'containerized-data-importer',
                'app.kubernetes.io/component': 'storage',
                'app.kubernetes.io/managed-by': 'cdi-controller',
                'cdi.kubevirt.io': '',
              },
              ownerReferences: [
                {
                  apiVersion: 'storage.k8s.io/v1',
                  kind: 'StorageClass',
                  name,
                  uid: sc.metadata.uid ?? '',
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ],
            },
            spec: {},
          });
        }
        const status = profileStatus(ctx, sc, profile.spec ?? {});
        if (JSON.stringify(profile.status ?? {}) !== JSON.stringify(status)) {
          await ctx.store.mutate(
            STORAGE_PROFILE,
            undefined,
            name,
            (o) => {
              o.status = status;
            },
            { status: true },
          );
        }
      }
      for (const p of ctx.store.list(STORAGE_PROFILE)) {
        if (!classes.some((sc) => sc.metadata.name === p.metadata.name)) {
          await ctx.store
            .delete(STORAGE_PROFILE, undefined, p.metadata.name ?? '')
            .catch(() => undefined);
        }
      }
    },
  };
}
