import { statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../contract';
import type { WorldHarness } from '../world/testing/harness';
import { field, readHead, sh, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;
let proxy: string;
const MiB = 1024 * 1024;

beforeAll(async () => {
  w = await startWorld('legacy');
  const cfg = await waitFor('upload proxy URL', async () => {
    const c = await w.get('cdiconfig', 'config');
    return field(c, 'status.uploadProxyURL') ? c : undefined;
  });
  proxy = String(field(cfg, 'status.uploadProxyURL'));
});

afterAll(async () => {
  await w.close();
});

/** A raw image with recognisable content in its first MiBs, and its qcow2 conversion. */
async function makeImages(name: string, sizeMiB: number): Promise<{ raw: string; qcow2: string }> {
  const raw = path.join(w.dataDir, `${name}.raw`);
  const buf = Buffer.alloc(sizeMiB * MiB);
  for (let i = 0; i < 3 * MiB; i++) buf[i] = (i * 7 + 13) % 251;
  await writeFile(raw, buf);
  const qcow2 = path.join(w.dataDir, `${name}.qcow2`);
  await sh('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
  return { raw, qcow2 };
}

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

async function phase(name: string): Promise<string> {
  return String(field(await w.get('dv', name, 'vm-images'), 'status.phase'));
}

async function waitPhase(name: string, want: string): Promise<KubeObject> {
  return waitFor(`${name} ${want}`, async () => {
    const dv = await w.get('dv', name, 'vm-images');
    return field(dv, 'status.phase') === want ? dv : undefined;
  });
}

/** POST an UploadTokenRequest the way the console does (HTTP, as `user`). */
async function token(
  pvc: string,
  user = 'admin',
  namespace = 'vm-images',
): Promise<{ token?: string; status: number; text: string }> {
  const bearer = w.sandbox.users.find((u) => u.name === user)?.token ?? '';
  const res = await fetch(
    `${w.sandbox.url}/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/${namespace}/uploadtokenrequests`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
        kind: 'UploadTokenRequest',
        metadata: { name: pvc, namespace },
        spec: { pvcName: pvc },
      }),
    },
  );
  const text = await res.text();
  if (res.status !== 201 && res.status !== 200) return { status: res.status, text };
  return {
    token: String(field(JSON.parse(text) as KubeObject, 'status.token')),
    status: res.status,
    text,
  };
}

async function diskOf(claim: string): Promise<string> {
  const pvc = await w.get('pvc', claim, 'vm-images');
  const pv = await w.get('pv', String(field(pvc, 'spec.volumeName')));
  const terms = field(pv, 'spec.nodeAffinity.required.nodeSelectorTerms') as {
    matchExpressions: { values: string[] }[];
  }[];
  const node = terms[0]?.matchExpressions[0]?.values[0] ?? '';
  return path.join(w.dataDir, 'nodes', node, String(field(pv, 'spec.local.path')), 'disk.img');
}

describe('6.12.3 upload a local disk image to a DataVolume', () => {
  it('6.12.3.4/6.12.3.5: the block PV is created and the seed upload DataVolume waits for its first consumer', async () => {
    await w.apply(`kind: PersistentVolume
apiVersion: v1
metadata:
  name: local-block-pv10
  annotations:
spec:
  local:
    path: /dev/loop10
  capacity:
    storage: 2Gi
  volumeMode: Block
  storageClassName: local
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Delete
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values:
          - worker-1
`);
    const create = await w.kubectl(['create', '-n', 'vm-images', '-f', '-'], {
      input: `apiVersion: cdi.kubevirt.io/v1alpha1
kind: DataVolume
metadata:
  name: upload-datavolume
spec:
  source:
      upload: {}
  pvc:
    accessModes:
      - ReadWriteOnce
    resources:
      requests:
        storage: 2Gi
`,
    });
    expect(create.stdout).toContain('datavolume.cdi.kubevirt.io/upload-datavolume created');
    await waitPhase('upload-datavolume', 'WaitForFirstConsumer');
    const pvc = await w.get('pvc', 'upload-datavolume', 'vm-images');
    expect(pvc?.metadata.ownerReferences?.[0]?.kind).toBe('DataVolume');
    expect(pvc?.metadata.annotations?.['cdi.kubevirt.io/storage.upload.target']).toBe('');
    const get = await w.kubectl(['get', 'dvs', '-n', 'vm-images', 'upload-datavolume']);
    expect(get.stdout).toMatch(/upload-datavolume\s+WaitForFirstConsumer\s+N\/A/);
  });

  it('answers 503 while the upload target is not ready, 400 without a token, 401 with a bad one', async () => {
    const t = await token('upload-datavolume');
    expect(t.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const notReady = await fetch(`${proxy}/v1beta1/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token ?? ''}` },
      body: 'x',
    });
    expect(notReady.status).toBe(503);
    const noAuth = await fetch(`${proxy}/v1beta1/upload`, { method: 'POST', body: 'x' });
    expect(noAuth.status).toBe(400);
    const bad = await fetch(`${proxy}/v1beta1/upload-async`, {
      method: 'POST',
      headers: { Authorization: 'Bearer not.a.token' },
      body: 'x',
    });
    expect(bad.status).toBe(401);
  }, 30_000);

  it('uploads a qcow2 image through upload-form-async and converts it to raw disk.img', async () => {
    await w.apply(uploadDv('fedora', '2Gi'));
    await waitPhase('fedora', 'UploadReady');
    const scratch = await w.get('pvc', 'fedora-scratch', 'vm-images');
    expect(field(scratch, 'spec.volumeMode')).toBe('Filesystem');
    expect(field(scratch, 'status.phase')).toBe('Bound');
    const uploadPod = await w.get('pod', 'cdi-upload-fedora', 'vm-images');
    expect(field(uploadPod, 'status.phase')).toBe('Running');

    const { qcow2 } = await makeImages('fedora', 16);
    const t = await token('fedora');
    const head = await fetch(`${proxy}/v1beta1/upload-async`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${t.token ?? ''}` },
    });
    expect(head.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([await readFile(qcow2)]), 'fedora.qcow2');
    const res = await fetch(`${proxy}/v1beta1/upload-form-async`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token ?? ''}` },
      body: form,
    });
    expect(res.status).toBe(200);
    const dv = await waitPhase('fedora', 'Succeeded');
    expect(field(dv, 'status.progress')).toBe('N/A');
    const disk = await diskOf('fedora');
    await sh('qemu-img', ['compare', '-f', 'qcow2', '-F', 'raw', qcow2, disk]);
    const converted = path.join(w.dataDir, 'fedora.converted.raw');
    await sh('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', qcow2, converted]);
    const want = await readFile(converted);
    const got = readHead(disk, want.length);
    expect(got.equals(want)).toBe(true);
    expect(statSync(disk).size).toBe(Math.floor(Math.ceil(0.945 * 2 * 1024 * MiB) / MiB) * MiB);
    await waitFor('scratch deleted', async () =>
      (await w.get('pvc', 'fedora-scratch', 'vm-images')) ? undefined : true,
    );
    const again = await fetch(`${proxy}/v1beta1/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token ?? ''}` },
      body: 'x',
    });
    expect(again.status).toBe(503);
    expect(await again.text()).toContain('already finished uploading');
  });

  it('decompresses gzip and xz uploads (sync endpoint, raw body)', async () => {
    const { raw } = await makeImages('gz', 8);
    const content = await readFile(raw);
    for (const [name, body] of [
      ['gz-image', gzipSync(content)],
      ['xz-image', Buffer.from(await sh('sh', ['-c', `xz -c ${raw} | base64 -w0`]), 'base64')],
    ] as const) {
      await w.apply(uploadDv(name, '1Gi'));
      await waitPhase(name, 'UploadReady');
      const t = await token(name);
      const res = await fetch(`${proxy}/v1alpha1/upload`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${t.token ?? ''}`,
          'Content-Type': 'application/octet-stream',
        },
        body,
      });
      expect(res.status).toBe(200);
      await waitPhase(name, 'Succeeded');
      const disk = readHead(await diskOf(name), content.length + 4096);
      expect(disk.subarray(0, content.length).equals(content)).toBe(true);
      expect(disk.subarray(content.length).every((b) => b === 0)).toBe(true);
    }
  });

  it('uploads into the local block PV (volumeMode Block), with Filesystem scratch space on the same node', async () => {
    await w.apply(`apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: block-upload
  namespace: vm-images
  annotations:
    cdi.kubevirt.io/storage.bind.immediate.requested: "true"
spec:
  source:
    upload: {}
  pvc:
    accessModes:
      - ReadWriteOnce
    volumeMode: Block
    resources:
      requests:
        storage: 2Gi
`);
    await waitPhase('block-upload', 'UploadReady');
    expect(field(await w.get('pvc', 'block-upload', 'vm-images'), 'spec.volumeName')).toBe(
      'local-block-pv10',
    );
    const scratch = await w.get('pvc', 'block-upload-scratch', 'vm-images');
    expect(field(scratch, 'spec.volumeMode')).toBe('Filesystem');
    const scratchPv = await w.get('pv', String(field(scratch, 'spec.volumeName')));
    expect(JSON.stringify(field(scratchPv, 'spec.nodeAffinity'))).toContain('worker-1');
    const { raw, qcow2 } = await makeImages('block', 8);
    const t = await token('block-upload');
    const res = await fetch(`${proxy}/v1beta1/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token ?? ''}` },
      body: await readFile(qcow2),
    });
    expect(res.status).toBe(200);
    await waitPhase('block-upload', 'Succeeded');
    const device = path.join(w.dataDir, 'nodes/worker-1/dev/loop10');
    expect(statSync(device).size).toBe(2 * 1024 * MiB);
    const content = await readFile(raw);
    expect(readHead(device, content.length).equals(content)).toBe(true);
  });

  it('6.12.2.3: uploads to a new PVC (virtctl image-upload pvc mode, --force-bind)', async () => {
    await w.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: upload-fedora-pvc
  namespace: vm-images
  annotations:
    cdi.kubevirt.io/storage.upload.target: ""
    cdi.kubevirt.io/storage.contentType: kubevirt
    cdi.kubevirt.io/storage.bind.immediate.requested: ""
  labels:
    cdi.kubevirt.io/applyStorageProfile: "true"
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
`);
    await waitFor('upload pod ready', async () => {
      const p = await w.get('pvc', 'upload-fedora-pvc', 'vm-images');
      return p?.metadata.annotations?.['cdi.kubevirt.io/storage.pod.ready'] === 'true'
        ? p
        : undefined;
    });
    const { raw, qcow2 } = await makeImages('pvcmode', 8);
    const t = await token('upload-fedora-pvc');
    const res = await fetch(`${proxy}/v1beta1/upload-async`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${t.token ?? ''}`,
        'Content-Type': 'application/octet-stream',
      },
      body: await readFile(qcow2),
    });
    expect(res.status).toBe(200);
    await waitFor('pod phase Succeeded', async () => {
      const p = await w.get('pvc', 'upload-fedora-pvc', 'vm-images');
      return p?.metadata.annotations?.['cdi.kubevirt.io/storage.pod.phase'] === 'Succeeded'
        ? p
        : undefined;
    });
    await waitFor('scratch deleted', async () =>
      (await w.get('pvc', 'upload-fedora-pvc-scratch', 'vm-images')) ? undefined : true,
    );
    const content = await readFile(raw);
    expect(readHead(await diskOf('upload-fedora-pvc'), content.length).equals(content)).toBe(true);
  });

  it('refuses an image whose virtual size does not fit: "A larger PVC is required"', async () => {
    await w.apply(uploadDv('too-small', '64Mi'));
    await waitPhase('too-small', 'UploadReady');
    const big = path.join(w.dataDir, 'big.qcow2');
    await sh('qemu-img', ['create', '-f', 'qcow2', big, '1G']);
    const t = await token('too-small');
    const res = await fetch(`${proxy}/v1beta1/upload-async`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token ?? ''}` },
      body: await readFile(big),
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    // CDI v1.38's wording (pkg/image/qemu.go `checkIfURLIsValid`, answered by uploadserver.go
    // `uploadHandlerAsync`); today's is checked in src/sandbox/fidelity/uploadproxy-fidelity.test.ts and
    // both in src/sandbox/fidelity/era-switches.test.ts.
    expect(text).toContain('Virtual image size 1073741824 is larger than available size');
    expect(text).toContain('A larger PVC is required.');
    expect(await phase('too-small')).toBe('UploadReady');
  });

  it('kubectl create -f of an UploadTokenRequest validates on the client (protobuf OpenAPI v2) and returns a token', async () => {
    // kubectl has no PATCH operation to verify server-side validation with for this create-only kind, so it
    // downloads the protobuf OpenAPI v2 document and validates against it first, as on a real cluster.
    const created = await w.kubectl(['create', '-o', 'jsonpath={.status.token}', '-f', '-'], {
      input: `apiVersion: upload.cdi.kubevirt.io/v1beta1
kind: UploadTokenRequest
metadata:
  name: fedora
  namespace: vm-images
spec:
  pvcName: fedora
`,
    });
    expect(created.stderr).toBe('');
    expect(created.stdout.split('.')).toHaveLength(3);
  });

  it('every user may read CDIConfig and StorageProfiles (CDI config-reader role), not change them', async () => {
    const url = await w.kubectl(
      ['get', 'cdiconfig', 'config', '-o', 'jsonpath={.status.uploadProxyURL}'],
      {
        user: 'developer',
      },
    );
    expect(url).toMatchObject({ code: 0, stdout: proxy });
    const profiles = await w.kubectl(['get', 'storageprofiles', '-o', 'name'], {
      user: 'developer',
    });
    expect(profiles.stdout).toContain('storageprofile.cdi.kubevirt.io/local');
    const edit = await w.kubectl(
      [
        'patch',
        'cdiconfig',
        'config',
        '--type',
        'merge',
        '-p',
        '{"spec":{"scratchSpaceStorageClass":"x"}}',
      ],
      { user: 'developer' },
    );
    expect(edit.code).not.toBe(0);
    expect(edit.stderr).toContain('cannot patch resource "cdiconfigs"');
  });

  it('lets the developer request upload tokens in the project only', async () => {
    const ok = await token('fedora', 'developer');
    expect(ok.token).toBeTruthy();
    const denied = await token('whatever', 'developer', 'openshift-cnv');
    expect(denied.token).toBeUndefined();
    expect(denied.status).toBe(403);
    expect(denied.text).toContain(
      'cannot create resource \\"uploadtokenrequests\\" in API group \\"upload.cdi.kubevirt.io\\" in the namespace \\"openshift-cnv\\"',
    );
  });
});
