import type { AdmissionRequest, SandboxContext } from '../../contract';
import type { UploadTokenSigner } from '../../uploadproxy/token';

/**
 * cdi-apiserver's UploadTokenRequest (kubevirt/containerized-data-importer pkg/apiserver/apiserver.go
 * `uploadHandler`): answers `status.token` for `spec.pvcName` in the request's namespace (not
 * stored). It does not validate the body: without `spec.pvcName` it signs a token that names no
 * PVC, which the upload proxy refuses with 400 (pkg/uploadproxy/uploadproxy.go).
 *
 * Permission: the request reaches cdi-apiserver only after the kube-apiserver authorized it
 * (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/server/config.go
 * `DefaultBuildHandlerChain` runs `WithAuthorization` before the aggregator proxies,
 * staging/src/k8s.io/kube-aggregator/pkg/apiserver/handler_proxy.go), so a user without
 * `create uploadtokenrequests` gets the API server's 403 Status. cdi-apiserver's own check
 * (pkg/apiserver/authorizer.go, a SubjectAccessReview with the same attributes) answers 401 with
 * a text/plain reason; on this path only when the two disagree, which one RBAC cannot produce
 * here. Called directly (the `cdi-api` Service through the service proxy) it answers 401: see
 * ../cdi-apiserver.ts.
 */
export function uploadTokenAdmission(_ctx: SandboxContext, signer: UploadTokenSigner) {
  return (req: AdmissionRequest): void => {
    if (req.operation !== 'CREATE' || !req.object) return;
    const spec = (req.object.spec ?? {}) as { pvcName?: unknown };
    const pvcName = typeof spec.pvcName === 'string' ? spec.pvcName : '';
    req.object.status = { token: signer.issue(req.object.metadata.namespace ?? '', pvcName) };
  };
}
