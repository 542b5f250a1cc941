import type { KubeObject, SandboxContext } from '../../contract';
import { HPP, POD } from '../../world/refs';
import { asType } from '../../world/shapes';
import type { Pod } from '../../world/shapes';
import { CSI_HPP, LEGACY_HPP } from '../scheduling/claims';

export const HPP_NAMESPACE = 'openshift-cnv';
export const HPP_VERSION = 'v4.9.0';
export const LEGACY_POOL = 'legacy';
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

/** Storage pools the CSI driver serves: the spec's pools, or `legacy` under `<path>/csi` for a pathConfig CR. */
export function csiPools(spec: HppSpec): { name: string; path: string }[] {
  if (spec.storagePools && spec.storagePools.length > 0) {
    return spec.storagePools.map((p) => ({ name: p.name ?? '', path: p.path ?? '' }));
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
