import type { SandboxContext, ServiceBackend, ServiceProxyResponse } from '../contract';
import { CNV_NAMESPACE } from './refs';

/**
 * cdi-apiserver as its Service `cdi-api` (port 443 → 8443, kubevirt/containerized-data-importer
 * pkg/operator/resources/namespaced/apiserver.go `createAPIServerService`) answers when called directly, e.g.
 * through the API server's service proxy. Its upload-token route (pkg/apiserver/apiserver.go `uploadHandler`)
 * authorizes first (pkg/apiserver/authorizer.go `Authorize`): a caller without a verified client certificate
 * (the aggregator's front-proxy certificate) is "request is not authenticated", and a SubjectAccessReview
 * denial gives its reason; both are written with go-restful's `WriteErrorString`, i.e. 401 and the bare reason
 * (net/http sniffs `text/plain; charset=utf-8`). The kube-apiserver's service proxy presents no client
 * certificate, so that is the answer there. Through the aggregated path (`/apis/upload.cdi.kubevirt.io/...`)
 * the kube-apiserver authorizes first and denies with its own 403 Status (see admission/uploadtoken.ts).
 * The discovery routes (`/apis/<group>`, `/apis/<group>/<version>`) need no authorization (`isInfoEndpoint`).
 */
const CDI_API_SERVICE = 'cdi-api';
const GROUP = 'upload.cdi.kubevirt.io';
const VERSION = 'v1beta1';

const text = (status: number, body: string): ServiceProxyResponse => ({
  status,
  contentType: 'text/plain; charset=utf-8',
  body,
});

const json = (body: unknown): ServiceProxyResponse => ({
  status: 200,
  contentType: 'application/json',
  body: JSON.stringify(body),
});

const groupVersion = { groupVersion: `${GROUP}/${VERSION}`, version: VERSION };

const cdiApiServer: ServiceBackend = (req) => {
  const path = req.path.split('?')[0] ?? '/';
  const parts = path.split('/').filter((p) => p !== '');
  if (req.method === 'GET' && parts[0] === 'apis' && parts[1] === GROUP) {
    if (parts.length === 2) {
      return json({
        kind: 'APIGroup',
        apiVersion: 'v1',
        name: GROUP,
        versions: [groupVersion],
        preferredVersion: groupVersion,
      });
    }
    if (parts.length === 3 && parts[2] === VERSION) {
      return json({
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: `${GROUP}/${VERSION}`,
        resources: [
          {
            name: 'uploadtokenrequests',
            singularName: 'uploadtokenrequest',
            namespaced: true,
            group: GROUP,
            version: VERSION,
            kind: 'UploadTokenRequest',
            verbs: ['create'],
            shortNames: ['utr', 'utrs'],
          },
        ],
      });
    }
  }
  const isTokenRoute =
    req.method === 'POST' &&
    parts.length === 6 &&
    parts[0] === 'apis' &&
    parts[1] === GROUP &&
    parts[2] === VERSION &&
    parts[3] === 'namespaces' &&
    /^[a-z0-9][a-z0-9-]*$/.test(parts[4] ?? '') &&
    parts[5] === 'uploadtokenrequests';
  if (isTokenRoute && !req.clientCertificate) return text(401, 'request is not authenticated');
  // go-restful's answer for a route it does not serve.
  return text(404, '404: Page Not Found');
};

/** cdi-operator reconciles the Service; the world registers what its pod answers. */
export async function installCdiApiServer(ctx: SandboxContext): Promise<void> {
  ctx.registerServiceBackend?.(CNV_NAMESPACE, CDI_API_SERVICE, cdiApiServer);
  if (ctx.store.get({ group: '', kind: 'Service' }, CNV_NAMESPACE, CDI_API_SERVICE)) return;
  await ctx.store.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: CDI_API_SERVICE,
      namespace: CNV_NAMESPACE,
      labels: { 'cdi.kubevirt.io': 'cdi-apiserver' },
    },
    spec: {
      type: 'ClusterIP',
      selector: { 'cdi.kubevirt.io': 'cdi-apiserver' },
      ports: [{ port: 443, targetPort: 8443, protocol: 'TCP' }],
    },
  });
}
