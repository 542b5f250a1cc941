// The preflight: which HostPathProvisioner versions are served, the existing CR, nodes with OS and pool, machine
// configs (for the Ignition version), StorageClasses of either provisioner, and an access review for every
// permission the wizard needs. Each part fails on its own (a 403 on one list does not hide the others).
import { checkAccess, k8sListItems } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { HPP_GROUP, preferredHppVersion } from '../../../lib/hpp-manifests';
import type { HppVersion } from '../../../lib/hpp-manifests';
import { servedVersions } from '../../k8s/api-discovery';
import { hostPathProvisionerModelFor, MachineConfigPoolModel } from '../../k8s/hpp-models';
import { messageOf } from '../../k8s/load-error';
import {
  MachineConfigModel,
  NodeModel,
  PersistentVolumeClaimModel,
  StorageClassModel,
} from '../../k8s/models';
import type { NodeKind, PersistentVolumeClaimKind, StorageClassKind } from '../../k8s/types';
import type {
  HostPathProvisionerKind,
  MachineConfigKind,
  MachineConfigPoolKind,
} from '../../k8s/types/hpp-setup';
import { accessChecksFor } from './access-checks';
import type { AccessCheck } from './access-checks';

export interface Part<T> {
  data: T;
  error?: string;
}

export interface AccessResult {
  check: AccessCheck;
  allowed: boolean;
}

export interface PreflightResult {
  hppVersions: string[];
  version: HppVersion | undefined;
  mcServed: boolean;
  existing: Part<HostPathProvisionerKind | undefined>;
  nodes: Part<NodeKind[]>;
  pools: Part<MachineConfigPoolKind[]>;
  machineConfigs: Part<MachineConfigKind[]>;
  storageClasses: Part<StorageClassKind[]>;
  /** Every claim (all namespaces): which classes are in use. */
  claims: Part<PersistentVolumeClaimKind[]>;
  access: AccessResult[];
  discoveryError?: string;
}

const list = async <T>(model: K8sModel, fallback: T[]): Promise<Part<T[]>> => {
  try {
    return { data: (await k8sListItems({ model, queryParams: {} })) as T[] };
  } catch (error) {
    return { data: fallback, error: messageOf(error) };
  }
};

export const runPreflight = async (smokeNamespace: string): Promise<PreflightResult> => {
  let hppVersions: string[] = [];
  let mcVersions: string[] = [];
  let discoveryError: string | undefined;
  try {
    [hppVersions, mcVersions] = await Promise.all([
      servedVersions(HPP_GROUP),
      servedVersions('machineconfiguration.openshift.io'),
    ]);
  } catch (error) {
    discoveryError = messageOf(error);
  }
  const version = preferredHppVersion(hppVersions);
  const mcServed = mcVersions.includes('v1');
  const none: Part<MachineConfigPoolKind[]> = { data: [] };
  const [hpps, nodes, pools, machineConfigs, storageClasses, claims] = await Promise.all([
    version
      ? list<HostPathProvisionerKind>(hostPathProvisionerModelFor(version), [])
      : Promise.resolve<Part<HostPathProvisionerKind[]>>({ data: [] }),
    list<NodeKind>(NodeModel, []),
    mcServed ? list<MachineConfigPoolKind>(MachineConfigPoolModel, []) : Promise.resolve(none),
    mcServed
      ? list<MachineConfigKind>(MachineConfigModel, [])
      : Promise.resolve({ data: [] as MachineConfigKind[] }),
    list<StorageClassKind>(StorageClassModel, []),
    list<PersistentVolumeClaimKind>(PersistentVolumeClaimModel, []),
  ]);
  const live = hpps.data
    .filter((cr) => !cr.metadata?.deletionTimestamp)
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  const existing: Part<HostPathProvisionerKind | undefined> = {
    data: live[0],
    ...(hpps.error ? { error: hpps.error } : {}),
  };
  const checks = accessChecksFor({ hppExists: Boolean(live[0]), smokeNamespace });
  const access = await Promise.all(
    checks.map(async (check): Promise<AccessResult> => {
      try {
        const review = await checkAccess({
          group: check.group,
          resource: check.resource,
          verb: check.verb,
          ...(check.namespace ? { namespace: check.namespace } : {}),
        });
        return { check, allowed: Boolean(review.status?.allowed) };
      } catch {
        return { check, allowed: false };
      }
    }),
  );
  return {
    hppVersions,
    version,
    mcServed,
    existing,
    nodes,
    pools,
    machineConfigs,
    storageClasses,
    claims,
    access,
    ...(discoveryError ? { discoveryError } : {}),
  };
};
