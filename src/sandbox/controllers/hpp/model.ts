import type { KubeObject, SandboxContext, SandboxProfile } from '../../contract';
import { HPP, POD } from '../../world/refs';
import { asType } from '../../world/shapes';
import type { Pod } from '../../world/shapes';
import { CSI_HPP, LEGACY_HPP } from '../scheduling/claims';

export const HPP_NAMESPACE = 'openshift-cnv';
/** The image tag of the HPP components (the OpenShift Virtualization release). */
export const HPP_VERSIONS: Record<SandboxProfile, string> = {
  current: 'v4.22.0',
  legacy: 'v4.9.0',
};
/** The RHEL release of the component images. */
export const HPP_IMAGE_OS: Record<SandboxProfile, string> = { current: 'rhel9', legacy: 'rhel8' };
/** The CSI driver the operator registers (kubevirt/hostpath-provisioner-operator `csidriver.go`). */
export const HPP_CSI_DRIVER = 'kubevirt.io.hostpath-provisioner';
const LEGACY_POOL = 'legacy';
export const LEGACY_APP = 'hostpath-provisioner';
export const CSI_APP = 'hostpath-provisioner-csi';
export const CSI_TOPOLOGY_KEY = 'topology.hostpath.csi/node';

export interface HppSpec {
  imagePullPolicy?: string;
  pathConfig?: { path?: string; useNamingPrefix?: boolean | string };
  storagePools?: { name?: string; path?: string }[];
  workload?: { nodeSelector?: Record<string, string> };
}

export function hppSpec(cr: KubeObject): HppSpec {
  return cr.spec ?? {};
}

export function namingPrefixEnabled(spec: HppSpec): boolean {
  const v = spec.pathConfig?.useNamingPrefix;
  return v === true || v === 'true';
}

/** The live HostPathProvisioner CR (the operator handles one; the first by name). */
export function currentHpp(ctx: SandboxContext): KubeObject | undefined {
  return ctx.store
    .list(HPP)
    .filter((o) => !o.metadata.deletionTimestamp)
    .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
}

/**
 * Storage pools the CSI driver serves and the node directory its volumes go to: the spec's pools, or
 * `legacy` under `<path>/csi` for a pathConfig CR. On `current` a storage pool's volumes are under
 * `<pool path>/csi` too: operator v0.25 passes the driver `<pool mount>/csi` for every pool
 * (kubevirt/hostpath-provisioner-operator `pkg/controller/hostpathprovisioner/daemonset.go`
 * `buildPathArgFromStoragePoolInfo`), so that a legacy provisioner on the same path never mixes
 * with it. The seed's era (legacy profile) keeps volumes directly under the pool path.
 */
export function csiPools(
  spec: HppSpec,
  profile: SandboxProfile = 'legacy',
): { name: string; path: string }[] {
  if (spec.storagePools && spec.storagePools.length > 0) {
    return spec.storagePools.map((p) => {
      const base = (p.path ?? '').replace(/\/$/, '');
      return { name: p.name ?? '', path: profile === 'current' ? `${base}/csi` : base };
    });
  }
  if (spec.pathConfig?.path)
    return [{ name: LEGACY_POOL, path: `${spec.pathConfig.path.replace(/\/$/, '')}/csi` }];
  return [];
}

/** Whether the provisioner for `provisioner` has a running, ready pod on `node`. */
export function provisionerReadyOnNode(
  ctx: SandboxContext,
  provisioner: string,
  node: string,
): boolean {
  const app =
    provisioner === LEGACY_HPP ? LEGACY_APP : provisioner === CSI_HPP ? CSI_APP : undefined;
  if (!app) return true;
  return ctx.store
    .list(POD, { namespace: HPP_NAMESPACE })
    .map((p) => asType<Pod>(p))
    .some(
      (p) =>
        p.metadata.labels?.['k8s-app'] === app &&
        p.spec.nodeName === node &&
        p.status?.phase === 'Running' &&
        !p.metadata.deletionTimestamp,
    );
}
