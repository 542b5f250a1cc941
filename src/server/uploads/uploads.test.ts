/**
 * The uploads API end to end on the real embedded sandbox: tus from Node (tus-js-client) → backend staging →
 * CDI upload proxy → the PV's disk.img, compared with `qemu-img convert -O raw` of the source.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadSession } from './session-types';
import {
  api,
  compareWithDisk,
  createUploadDataVolume,
  idOf,
  MiB,
  NS,
  run,
  sessionOf,
  sha256OfFile,
  startUploadWorld,
  tusMetadata,
  tusRequest,
  tusUpload,
  waitFor,
  waitUploadDone,
  writeNoise,
  type UploadWorld,
} from './testing/upload-world';

let w: UploadWorld;

beforeAll(async () => {
  w = await startUploadWorld();
}, 60_000);
afterAll(async () => {
  await w.close();
});

const noiseRaw = (name: string, mib: number): Promise<string> => writeNoise(w, name, mib, 12345);
const session = (id: string): Promise<UploadSession> => sessionOf<UploadSession>(w, id);

describe('uploads API', () => {
  it('uploads a qcow2 to a new DataVolume, verifies the checksum and ends with identical bytes', async () => {
    await createUploadDataVolume(w, 'up-qcow2');
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
      (
        await api(w, 'developer', 'PUT', `/uploads/${id}/checksum`, {
          sha256: await sha256OfFile(qcow2),
        })
      ).status,
    ).toBe(200);
    const final = await waitUploadDone<UploadSession>(w, id);
    expect(final.verifiedSha256).toBe(await sha256OfFile(qcow2));
    expect(final.cdiPhase).toBe('Succeeded');
    // disk.img is grown to the volume's usable size: the extra tail must be zeros (qemu-img compare checks).
    expect(await compareWithDisk(w, qcow2, 'up-qcow2')).toMatch(/Images are identical/);
    // someone else's upload does not exist for them
    expect((await api(w, 'viewer', 'GET', `/uploads/${id}`)).status).toBe(404);
    expect((await api<{ items: unknown[] }>(w, 'viewer', 'GET', '/uploads')).body.items).toEqual(
      [],
    );
  }, 120_000);

  it('refuses a wrong checksum before CDI gets the last bytes', async () => {
    await createUploadDataVolume(w, 'up-badsum');
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
      tusRequest(
        w,
        '',
        'POST',
        { 'upload-length': length, 'upload-metadata': meta },
        undefined,
        user,
      );
    const meta = tusMetadata({
      namespace: NS,
      targetKind: 'new-dv',
      targetName: 'x1',
      filename: 'x',
    });
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
