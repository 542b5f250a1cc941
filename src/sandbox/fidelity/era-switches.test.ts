/**
 * What the sandbox's profile switches between eras, checked through real kubectl and HTTP on each profile:
 *
 * - KubeVirt's `spec.running` deprecation warning: only KubeVirt ≥ v1.4 sends it (kubevirt/kubevirt
 *   pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go `Admit`): `current` (v1.9) warns,
 *   `legacy` (the seed's era) does not.
 * - The upload server's answer to an image that does not fit: CDI ≥ 1.63 "effective image size is larger than
 *   the reported available storage" (kubevirt/containerized-data-importer pkg/uploadserver/uploadserver.go
 *   `handleStreamError`, PR #3704); CDI v1.38 the size check's text from pkg/image/qemu.go `checkIfURLIsValid`,
 *   with 400 on the async endpoint and a bare 500 on the synchronous one (uploadserver.go `uploadHandlerAsync`,
 *   `uploadHandler`). See src/sandbox/uploadproxy/capacity-error.ts.
 * - The CDI resource reports the release the profile models (`status.observedVersion`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, SandboxProfile } from '../contract';
import type { WorldHarness } from '../world/testing/harness';
import { field, sh, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

const WARNING = 'spec.running is deprecated, please use spec.runStrategy instead.';

const runningVm = (name: string): string => `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  namespace: vm-images
spec:
  running: false
  template:
    spec:
      domain:
        devices: {}
`;

const uploadDv = (name: string): string => `apiVersion: cdi.kubevirt.io/v1beta1
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
    accessModes: [ReadWriteOnce]
    resources:
      requests:
        storage: 64Mi
`;

interface Era {
  w: WorldHarness;
  proxy: string;
}

const startEra = async (profile: SandboxProfile): Promise<Era> => {
  const w = await startWorld(profile);
  const cfg = await waitFor('upload proxy URL', async () => {
    const c = await w.get('cdiconfig', 'config');
    return field(c, 'status.uploadProxyURL') ? c : undefined;
  });
  return { w, proxy: String(field(cfg, 'status.uploadProxyURL')) };
};

/** A 1 GiB qcow2 sent to a 64Mi upload DataVolume at `endpoint`. */
const uploadTooLarge = async (era: Era, name: string, endpoint: string) => {
  const { w } = era;
  await w.apply(uploadDv(name));
  await waitFor(`${name} UploadReady`, async () => {
    const dv = await w.get('dv', name, 'vm-images');
    return field(dv, 'status.phase') === 'UploadReady' ? dv : undefined;
  });
  const bearer = w.sandbox.users.find((u) => u.name === 'admin')?.token ?? '';
  const issued = await fetch(
    `${w.sandbox.url}/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/vm-images/uploadtokenrequests`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
        kind: 'UploadTokenRequest',
        metadata: { name: 'upload' },
        spec: { pvcName: name },
      }),
    },
  );
  const token = String(field((await issued.json()) as KubeObject, 'status.token'));
  const big = path.join(w.dataDir, `${name}.qcow2`);
  await sh('qemu-img', ['create', '-f', 'qcow2', big, '1G']);
  const res = await fetch(`${era.proxy}${endpoint}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: await readFile(big),
  });
  return { status: res.status, text: await res.text() };
};

describe('era switches on legacy (KubeVirt v0.4x, CDI v1.38)', () => {
  let era: Era;
  beforeAll(async () => {
    era = await startEra('legacy');
  });
  afterAll(async () => {
    await era.w.close();
  });

  it('accepts spec.running without a deprecation warning', async () => {
    const r = await era.w.kubectl(['create', '-f', '-'], { input: runningVm('legacy-running') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain(WARNING);
  });

  it('answers an image that does not fit as CDI v1.38 did: 400 with the size check text on async, bare 500 on sync', async () => {
    const async = await uploadTooLarge(era, 'too-large-async', '/v1beta1/upload-async');
    expect(async.status).toBe(400);
    expect(async.text).toMatch(
      /^Saving stream failed: Virtual image size 1073741824 is larger than available size \d+ \(PVC size 1073741824, reserved overhead \d\.\d{6}%\)\. A larger PVC is required\.$/,
    );
    const sync = await uploadTooLarge(era, 'too-large-sync', '/v1beta1/upload');
    expect(sync).toEqual({ status: 500, text: '' });
  });

  it('reports CDI v1.38.4 on the CDI resource', async () => {
    expect(field(await era.w.get('cdi', 'cdi'), 'status.observedVersion')).toBe('v1.38.4');
  });
});

describe('era switches on current (KubeVirt v1.9, CDI v1.66)', () => {
  let era: Era;
  beforeAll(async () => {
    era = await startEra('current');
  });
  afterAll(async () => {
    await era.w.close();
  });

  it('warns that spec.running is deprecated', async () => {
    const r = await era.w.kubectl(['create', '-f', '-'], { input: runningVm('current-running') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Warning: ${WARNING}`);
  });

  it('answers an image that does not fit with CDI ≥ 1.63 text on the async endpoint too', async () => {
    const res = await uploadTooLarge(era, 'too-large-async', '/v1beta1/upload-async');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(
      /^Saving stream failed: effective image size is larger than the reported available storage: virtual image size 1073741824 is larger than the reported available storage \d+\. A larger PVC is required$/,
    );
  });

  it('reports CDI v1.66.0 on the CDI resource', async () => {
    expect(field(await era.w.get('cdi', 'cdi'), 'status.observedVersion')).toBe('v1.66.0');
  });
});
