import type { AdmissionRequest, SandboxContext } from '../../contract';
import type { HppSpec } from '../../controllers/hpp/model';
import { webhookDenied } from './webhook';

const WEBHOOK = 'hostpathprovisioner.kubevirt.io';

/** The hostpath-provisioner operator's CR webhook rules. */
export function hostPathProvisionerAdmission(ctx: SandboxContext) {
  return (req: AdmissionRequest): void => {
    if (req.operation === 'DELETE' || !req.object || req.subresource) return;
    const spec = (req.object.spec ?? {}) as HppSpec;
    const deny = (m: string) => webhookDenied(ctx, WEBHOOK, m, 400);
    const pools = spec.storagePools ?? [];
    const hasPath = spec.pathConfig !== undefined;
    if (hasPath && pools.length > 0) throw deny('pathConfig and storage pools cannot be both set');
    if (!hasPath && pools.length === 0)
      throw deny('either pathConfig or storage pools must be set');
    if (hasPath && !spec.pathConfig?.path?.trim()) throw deny('pathConfig.path cannot be blank');
    const names = new Set<string>();
    const paths = new Set<string>();
    for (const p of pools) {
      const name = (p.name ?? '').trim();
      const path = (p.path ?? '').trim();
      if (!name) throw deny('storagePool.name cannot be blank');
      if (name.length > 50) throw deny(`storagePool.name ${name} is longer than 50 characters`);
      if (!path) throw deny('storagePool.path cannot be blank');
      if (path.length > 255) throw deny(`storagePool.path ${path} is longer than 255 characters`);
      if (names.has(name)) throw deny(`spec.storagePools[].name ${name} is not unique`);
      if (paths.has(path)) throw deny(`spec.storagePools[].path ${path} is not unique`);
      names.add(name);
      paths.add(path);
    }
  };
}
