// The upload path as today's CDI answers it, over HTTP, checked against
// kubevirt/containerized-data-importer:
// - pkg/apiserver/apiserver.go `uploadHandler` (a token for whatever `spec.pvcName` says, even none),
// - pkg/uploadproxy/uploadproxy.go `authHeaderMatcher` and `handleUploadRequest` (scheme matched
//   case-insensitively, token characters restricted: 400; bad token: 401; token naming no PVC: 400),
// - pkg/uploadserver/uploadserver.go `handleStreamError` (CDI ≥ 1.63: 400 "Saving stream failed:
//   effective image size is larger than the reported available storage: …"),
// - pkg/controller/datavolume/conditions.go (Ready False with reason TransferRunning while Running).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../contract';
import type { WorldHarness } from '../world/testing/harness';
import { field, sh, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;
let proxy: string;

beforeAll(async () => {
  w = await startWorld();
  const cfg = await waitFor('upload proxy URL', async () => {
    const c = await w.get('cdiconfig', 'config');
    return field(c, 'status.uploadProxyURL') ? c : undefined;
  });
  proxy = String(field(cfg, 'status.uploadProxyURL'));
});

afterAll(async () => {
  await w.close();
});

function uploadDv(name: string, size: string): string {
  return `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: ${name}
  namespace: vm-images
  annotations:
    cdi.kubevirt.io/storage.bind.immediate.requested: "true"
spec:
  source:
    upload: {}
  pvc:
    accessModes:
      - ReadWriteOnce
    resources:
      requests:
        storage: ${size}
`;
}

async function waitDv(name: string, want: (dv: KubeObject) => boolean): Promise<KubeObject> {
  return waitFor(name, async () => {
    const dv = await w.get('dv', name, 'vm-images');
    return dv && want(dv) ? dv : undefined;
  });
}

const readyCondition = (dv: KubeObject | undefined) =>
  (field(dv, 'status.conditions') as { type: string; status: string; reason?: string }[]).find(
    (c) => c.type === 'Ready',
  );

/** POSTs an UploadTokenRequest as the console does; `spec` as given. */
async function tokenRequest(spec: object): Promise<{ status: number; token: string }> {
  const bearer = w.sandbox.users.find((u) => u.name === 'admin')?.token ?? '';
  const res = await fetch(
    `${w.sandbox.url}/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/vm-images/uploadtokenrequests`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
        kind: 'UploadTokenRequest',
        metadata: { name: 'upload' },
        spec,
      }),
    },
  );
  const body = (await res.json()) as KubeObject;
  const token = field(body, 'status.token');
  return { status: res.status, token: typeof token === 'string' ? token : '' };
}

const upload = (authorization: string, body: Buffer<ArrayBuffer> | string = 'x') =>
  fetch(`${proxy}/v1beta1/upload`, { method: 'POST', headers: { authorization }, body });

describe('CDI upload proxy and cdi-apiserver tokens (containerized-data-importer uploadproxy.go, apiserver.go, uploadserver.go)', () => {
  it('matches the Authorization scheme case-insensitively and restricts the token characters', async () => {
    await w.apply(uploadDv('auth-dv', '64Mi'));
    await waitDv('auth-dv', (dv) => field(dv, 'status.phase') === 'UploadReady');
    expect((await upload('Bearer a=b')).status).toBe(400);
    expect((await upload('Bearer a b')).status).toBe(400);
    expect((await upload('Basic YWRtaW4=')).status).toBe(400);
    expect((await upload('bearer x')).status).toBe(401);
    expect((await upload('BEARER not.a.token')).status).toBe(401);
    const { token } = await tokenRequest({ pvcName: 'auth-dv' });
    const ok = await upload(`bearer   ${token}`, Buffer.alloc(1024 * 1024));
    expect(ok.status, await ok.text()).toBe(200);
  });

  it('issues a token without spec.pvcName, which the upload proxy refuses with 400', async () => {
    const issued = await tokenRequest({});
    expect(issued.status).toBe(201);
    expect(issued.token).not.toBe('');
    const res = await upload(`Bearer ${issued.token}`);
    expect(res.status).toBe(400);
  });

  it('answers an image that does not fit with 400 "effective image size is larger than the reported available storage"', async () => {
    await w.apply(uploadDv('small-dv', '64Mi'));
    await waitDv('small-dv', (dv) => field(dv, 'status.phase') === 'UploadReady');
    const big = path.join(w.dataDir, 'big.qcow2');
    await sh('qemu-img', ['create', '-f', 'qcow2', big, '1G']);
    const { token } = await tokenRequest({ pvcName: 'small-dv' });
    const res = await upload(`Bearer ${token}`, await readFile(big));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toMatch(
      /^Saving stream failed: effective image size is larger than the reported available storage: virtual image size 1073741824 is larger than the reported available storage \d+\. A larger PVC is required$/,
    );
  });

  it('reports Ready False with reason TransferRunning while the upload pod runs, then Ready True', async () => {
    await w.apply(uploadDv('ready-dv', '64Mi'));
    const waiting = await waitDv('ready-dv', (dv) => field(dv, 'status.phase') === 'UploadReady');
    expect(readyCondition(waiting)).toMatchObject({ status: 'False', reason: 'TransferRunning' });
    const { token } = await tokenRequest({ pvcName: 'ready-dv' });
    const res = await upload(`Bearer ${token}`, Buffer.alloc(1024 * 1024));
    expect(res.status).toBe(200);
    const done = await waitDv('ready-dv', (dv) => field(dv, 'status.phase') === 'Succeeded');
    expect(readyCondition(done)).toMatchObject({ status: 'True' });
  });
});
