/**
 * The uploads API end to end on the real embedded sandbox: tus from Node (tus-js-client) → backend staging →
 * CDI upload proxy → the PV's disk.img, compared with `qemu-img convert -O raw` of the source.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadSession } from './session-types';
import {
  api,
  diskOf,
  noiseBuffer,
  NS,
  run,
  startUploadWorld,
  tusUpload,
  uploadDataVolume,
  waitFor,
  type UploadWorld,
} from './testing/upload-world';

let w: UploadWorld;
const MiB = 1024 * 1024;

beforeAll(async () => {
  w = await startUploadWorld();
}, 60_000);
afterAll(async () => {
  await w.close();
});

async function noiseRaw(name: string, mib: number): Promise<string> {
  const file = path.join(w.dir, name);
  await writeFile(file, noiseBuffer(mib * MiB, 12345));
  return file;
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

async function sameImage(source: string, disk: string): Promise<void> {
  const raw = `${source}.expected.raw`;
  await run('qemu-img', ['convert', '-O', 'raw', source, raw]);
  // disk.img is grown to the volume's usable size: the extra tail must be zeros (qemu-img compare checks).
  const { stdout } = await run('qemu-img', ['compare', '-f', 'raw', '-F', 'raw', raw, disk]);
  expect(stdout).toMatch(/Images are identical/);
}

async function session(id: string, user = 'developer'): Promise<UploadSession> {
  return (await api<UploadSession>(w, user, 'GET', `/uploads/${id}`)).body;
}

const idOf = (url: string) => url.split('/').pop() ?? '';

describe('uploads API', () => {
  it('uploads a qcow2 to a new DataVolume, verifies the checksum and ends with identical bytes', async () => {
    const dv = await w.kube(
      'developer',
      'POST',
      `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
      uploadDataVolume('up-qcow2', '1Gi'),
    );
    expect(dv.status).toBe(201);
    const raw = await noiseRaw('a.raw', 12);
    const qcow2 = path.join(w.dir, 'a.qcow2');
    await run('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
    const size = (await readFile(qcow2)).length;
    const { done } = tusUpload(w, 'developer', qcow2, size, {
      namespace: NS,
      targetKind: 'new-dv',
      targetName: 'up-qcow2',
      filename: 'a.qcow2',
      fingerprint: 'fp-a',
    });
    const url = await done;
    const id = idOf(url);
    expect(
      (await api(w, 'developer', 'PUT', `/uploads/${id}/checksum`, { sha256: await sha256(qcow2) }))
        .status,
    ).toBe(200);
    const final = await waitFor('upload done', async () => {
      const s = await session(id);
      if (s.state === 'failed') throw new Error(s.error);
      return s.state === 'done' ? s : undefined;
    });
    expect(final.verifiedSha256).toBe(await sha256(qcow2));
    expect(final.cdiPhase).toBe('Succeeded');
    await sameImage(qcow2, await diskOf(w, 'up-qcow2'));
    // someone else's upload does not exist for them
    expect((await api(w, 'viewer', 'GET', `/uploads/${id}`)).status).toBe(404);
    expect((await api<{ items: unknown[] }>(w, 'viewer', 'GET', '/uploads')).body.items).toEqual(
      [],
    );
  }, 120_000);

  it('refuses a wrong checksum before CDI gets the last bytes', async () => {
    await w.kube(
      'developer',
      'POST',
      `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
      uploadDataVolume('up-badsum', '1Gi'),
    );
    const raw = await noiseRaw('b.raw', 3);
    const { done } = tusUpload(w, 'developer', raw, 3 * MiB, {
      namespace: NS,
      targetKind: 'new-dv',
      targetName: 'up-badsum',
      filename: 'b.raw',
      fingerprint: 'fp-b',
      sha256: '0'.repeat(64),
    });
    const id = idOf(await done);
    const failed = await waitFor('failure', async () => {
      const s = await session(id);
      return s.state === 'failed' ? s : undefined;
    });
    expect(failed.error).toMatch(/checksum mismatch/);
    const dv = await w.kube<{ status?: { phase?: string } }>(
      'developer',
      'GET',
      `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes/up-badsum`,
    );
    expect(dv.body.status?.phase).not.toBe('Succeeded');
  }, 120_000);

  it('refuses creation without upload rights (403), too large for staging (507), and empty files', async () => {
    const create = (user: string, length: string, meta: string) =>
      fetch(`${w.base}/api/v1/uploads/tus/`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${w.token(user)}`,
          'tus-resumable': '1.0.0',
          'upload-length': length,
          'upload-metadata': meta,
        },
      });
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const meta = `namespace ${b64(NS)},targetKind ${b64('new-dv')},targetName ${b64('x1')},filename ${b64('x')}`;
    const viewer = await create('viewer', '1000', meta);
    expect(viewer.status).toBe(403);
    expect(await viewer.text()).toMatch(/UploadTokenRequests in vm-images/);
    const huge = await create('developer', String(1024 ** 4 - 1), meta);
    expect(huge.status).toBe(507);
    expect(await huge.text()).toMatch(/Insufficient staging space/);
    const empty = await create('developer', '0', meta);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/empty/);
  });
});
