import type { AdmissionRequest, SandboxContext } from '../../contract';
import { requestBytes } from '../../controllers/scheduling/claims';
import { parseQuantity } from '../quantity';
import { PVC } from '../refs';
import type { DataVolume, Pvc } from '../shapes';
import { asType } from '../shapes';
import { webhookDenied } from './webhook';

const VALIDATE = 'datavolume-validate.cdi.kubevirt.io';
const MUTATE = 'datavolume-mutate.cdi.kubevirt.io';
const MiB = 1024 * 1024;
const SOURCES = [
  'http',
  's3',
  'gcs',
  'registry',
  'pvc',
  'upload',
  'blank',
  'imageio',
  'vddk',
  'snapshot',
] as const;

/** CDI's DataVolume webhooks: spec rules, immutability, existing PVC, clone size and clone permission. */
export function dataVolumeAdmission(ctx: SandboxContext) {
  return (req: AdmissionRequest): void => {
    if (req.operation === 'DELETE' || !req.object || req.subresource) return;
    const dv = asType<DataVolume>(req.object);
    const deny = (message: string) => webhookDenied(ctx, VALIDATE, ` ${message}`);
    if (req.operation === 'UPDATE') {
      const old = req.oldObject ? asType<DataVolume>(req.oldObject) : undefined;
      if (old && JSON.stringify(old.spec) !== JSON.stringify(dv.spec))
        throw deny('Cannot update DataVolume Spec');
      return;
    }
    const ns = dv.metadata.namespace ?? '';
    const name = dv.metadata.name ?? '';
    const spec = dv.spec;
    const source = spec.source ?? {};
    const kinds = SOURCES.filter((k) => (source as Record<string, unknown>)[k] !== undefined);
    if (kinds.length === 0 && !spec.sourceRef)
      throw deny('Data volume should have either Source or SourceRef');
    if (kinds.length > 0 && spec.sourceRef)
      throw deny('Data volume should have either Source or SourceRef, not both');
    if (kinds.length > 1) throw deny(`Multiple Data volume sources ${kinds.join(', ')}`);
    if (spec.pvc && spec.storage)
      throw deny('Duplicate storage definition, both target storage and target pvc defined');
    if (!spec.pvc && !spec.storage) throw deny('Missing Data volume PVC');
    if (spec.contentType && spec.contentType !== 'kubevirt' && spec.contentType !== 'archive') {
      throw deny(`ContentType not one of: ${['kubevirt', 'archive'].join(', ')}`);
    }
    if (source.blank && spec.contentType === 'archive')
      throw deny('SourceType cannot be blank and the contentType be archive');
    const target = (spec.pvc ?? spec.storage) as Pvc['spec'];
    if (spec.pvc && (!spec.pvc.accessModes || spec.pvc.accessModes.length === 0)) {
      throw deny('Required value: at least 1 access mode is required');
    }
    const sizeText = target.resources?.requests?.storage;
    const isClone = kinds[0] === 'pvc';
    if (sizeText === undefined) {
      if (!(isClone && spec.storage)) throw deny('PVC size is missing');
    } else {
      const size = parseQuantity(sizeText);
      if (size === undefined || size <= 0) throw deny("PVC size can't be equal or less than zero");
      if (size < MiB) throw deny('PVC size must be greater than or equal to 1MiB');
    }
    if (ctx.store.get(PVC, ns, name)) {
      const existing = ctx.store.get(PVC, ns, name);
      const owned = existing?.metadata.ownerReferences?.some(
        (o) => o.kind === 'DataVolume' && o.name === name,
      );
      if (!owned) throw deny(`Destination PVC ${ns}/${name} already exists`);
    }
    if (isClone) {
      const src = source.pvc ?? {};
      if (!src.name) throw deny('Clone source PVC name is missing');
      const srcNs = src.namespace ?? ns;
      const srcObj = ctx.store.get(PVC, srcNs, src.name);
      if (srcObj && sizeText !== undefined) {
        const srcPvc = asType<Pvc>(srcObj);
        if (
          (parseQuantity(sizeText) ?? 0) < requestBytes(srcPvc) &&
          !dv.metadata.annotations?.['cdi.kubevirt.io/permissiveClone']
        ) {
          throw deny('target resources requests storage size is smaller than the source');
        }
        if (
          (target.volumeMode ?? 'Filesystem') !== (srcPvc.spec.volumeMode ?? 'Filesystem') &&
          spec.contentType === 'archive'
        ) {
          throw deny('Source and target volumeMode must match for archive content');
        }
      }
      if (srcNs !== ns) {
        const byDv = ctx.authorize(req.user, {
          verb: 'create',
          group: 'cdi.kubevirt.io',
          resource: 'datavolumes',
          subresource: 'source',
          namespace: srcNs,
          name: src.name,
        });
        const byPods = ctx.authorize(req.user, {
          verb: 'create',
          group: '',
          resource: 'pods',
          namespace: srcNs,
        });
        if (!byDv.allowed && !byPods.allowed) {
          throw webhookDenied(
            ctx,
            MUTATE,
            ` User ${req.user.username} has insufficient permissions in clone source namespace ${srcNs}`,
          );
        }
      }
    }
  };
}
