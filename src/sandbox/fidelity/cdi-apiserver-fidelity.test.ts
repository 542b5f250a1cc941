// Who answers a denied UploadTokenRequest, checked over real HTTP and with the real kubectl against:
// - kubevirt/containerized-data-importer pkg/apiserver/apiserver.go `uploadHandler` and
//   pkg/apiserver/authorizer.go `Authorize` / `isAuthenticated` (cdi-apiserver called directly: 401 with a
//   text/plain reason, "request is not authenticated" without a verified client certificate),
// - pkg/operator/resources/namespaced/apiserver.go `createAPIServerService` (Service `cdi-api`, 443 → 8443),
// - kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/server/config.go `DefaultBuildHandlerChain`
//   (the aggregated path is authorized by the kube-apiserver first: 403 Status) and
//   pkg/registry/core/service/proxy.go, pkg/registry/core/service/storage/storage.go `ResourceLocation`
//   (the service proxy: `services/proxy` RBAC, 503 without endpoints or with an unknown port).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorldHarness } from '../world/testing/harness';
import { field, startWorld } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;

beforeAll(async () => {
  w = await startWorld('current');
});

afterAll(async () => {
  await w.close();
});

const TOKEN_PATH = '/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/vm-images/uploadtokenrequests';
const PROXY = '/api/v1/namespaces/openshift-cnv/services/https:cdi-api:443/proxy';
const BODY = JSON.stringify({
  apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
  kind: 'UploadTokenRequest',
  metadata: { name: 'upload' },
  spec: { pvcName: 'some-disk' },
});

const tokenOf = (user: string): string => w.sandbox.users.find((u) => u.name === user)?.token ?? '';

const post = (path: string, user: string) =>
  fetch(`${w.sandbox.url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokenOf(user)}`, 'Content-Type': 'application/json' },
    body: BODY,
  });

describe('cdi-apiserver answers a denied UploadTokenRequest with 401 text/plain (CDI apiserver.go, authorizer.go)', () => {
  it('runs the cdi-api Service as cdi-operator creates it', async () => {
    const svc = await w.get('service', 'cdi-api', 'openshift-cnv');
    expect(field(svc, 'spec.ports')).toEqual([{ port: 443, targetPort: 8443, protocol: 'TCP' }]);
    expect(field(svc, 'spec.selector')).toEqual({ 'cdi.kubevirt.io': 'cdi-apiserver' });
  });

  it('called directly through the service proxy: 401 "request is not authenticated" as text/plain', async () => {
    const res = await post(`${PROXY}${TOKEN_PATH}`, 'admin');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('request is not authenticated');

    const r = await w.kubectl(['create', '--raw', `${PROXY}${TOKEN_PATH}`, '-f', '-'], {
      input: BODY,
    });
    expect(r.code).not.toBe(0);
    // kubectl's words for a 401 whose body is not a Status.
    expect(r.stderr).toContain('You must be logged in to the server');
  });

  it('serves its discovery routes without authorization (authorizer.go isInfoEndpoint)', async () => {
    const r = await w.kubectl(['get', '--raw', `${PROXY}/apis/upload.cdi.kubevirt.io/v1beta1`]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { resources: { name: string; verbs: string[] }[] };
    expect(list.resources).toEqual([
      expect.objectContaining({ name: 'uploadtokenrequests', verbs: ['create'] }),
    ]);
  });

  it('through the aggregated API the kube-apiserver denies first: 403 Status for a user without the right', async () => {
    const res = await post(TOKEN_PATH, 'viewer');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/json');
    const status = (await res.json()) as { kind: string; reason: string };
    expect(status).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    // The same user may not use the service proxy either (create services/proxy in openshift-cnv).
    const viaProxy = await post(`${PROXY}${TOKEN_PATH}`, 'viewer');
    expect(viaProxy.status).toBe(403);
    expect(await viaProxy.text()).toContain('services/proxy');
  });

  it('the service proxy answers 503 for a port the Service does not have and 404 for a missing Service', async () => {
    const badPort = await post(
      `/api/v1/namespaces/openshift-cnv/services/https:cdi-api:8443/proxy${TOKEN_PATH}`,
      'admin',
    );
    expect(badPort.status).toBe(503);
    expect(((await badPort.json()) as { message: string }).message).toBe(
      'no service port 8443 found for service "cdi-api"',
    );
    const missing = await post(
      `/api/v1/namespaces/openshift-cnv/services/https:no-such-api:443/proxy${TOKEN_PATH}`,
      'admin',
    );
    expect(missing.status).toBe(404);
  });
});
