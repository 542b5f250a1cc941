import type { AdmissionRequest, SandboxContext } from '../../contract';
import type { UploadTokenSigner } from '../../uploadproxy/token';

/** cdi-apiserver's UploadTokenRequest: answers `status.token` for `spec.pvcName` (not stored). */
export function uploadTokenAdmission(ctx: SandboxContext, signer: UploadTokenSigner) {
  return (req: AdmissionRequest): void => {
    if (req.operation !== 'CREATE' || !req.object) return;
    const spec = (req.object.spec ?? {}) as { pvcName?: string };
    if (!spec.pvcName) {
      throw ctx.errors.invalid(
        { group: 'upload.cdi.kubevirt.io', kind: 'UploadTokenRequest' },
        req.object.metadata.name ?? '',
        [{ field: 'spec.pvcName', message: 'Required value' }],
      );
    }
    req.object.status = { token: signer.issue(req.object.metadata.namespace ?? '', spec.pvcName) };
  };
}
