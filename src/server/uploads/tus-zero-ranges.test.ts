/**
 * The `vm-disks-zero-ranges` tus extension over real HTTP on the real embedded sandbox: declared zero ranges
 * land as holes in the staged file (fewer disk blocks than bytes), survive a backend restart (HEAD agrees),
 * the sandbox upload proxy receives the exact image (SHA-256 and `qemu-img compare`), and bad zero-range
 * headers are refused with an error that names the header.
 */
import { createHash } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadSession } from './session-types';
import {
  compareWithDisk,
  createUploadDataVolume,
  idOf,
  MiB,
  noiseBuffer,
  NS,
  sha256Hex,
  startUploadWorld,
  tusMetadata,
  tusOffset,
  tusRequest,
  waitUploadDone,
  type UploadWorld,
} from './testing/upload-world';
import { SPARSE_CONTENT_TYPE, ZERO_RANGES_EXTENSION } from './tus-zero-ranges';

let w: UploadWorld;

beforeAll(async () => {
  w = await startUploadWorld();
}, 60_000);
afterAll(async () => {
  await w.close();
});

const sha256b64 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

const tusFetch = (path_: string, method: string, headers: Record<string, string>, body?: Buffer) =>
  tusRequest(w, path_, method, headers, body);

async function createTarget(name: string, size: number): Promise<string> {
  await createUploadDataVolume(w, name);
  const res = await tusFetch('', 'POST', {
    'upload-length': String(size),
    'upload-metadata': tusMetadata({
      namespace: NS,
      targetKind: 'new-dv',
      targetName: name,
      filename: `${name}.raw`,
    }),
  });
  expect(res.status).toBe(201);
  return idOf(res.headers.get('location') ?? '');
}

/** A sparse PATCH: `body` holds the bytes outside the zero ranges (relative "<start>+<length>,…"). */
const sparse = (
  id: string,
  offset: number,
  ranges: string | undefined,
  body: Buffer,
  extra: Record<string, string> = {},
) =>
  tusFetch(
    id,
    'PATCH',
    {
      'upload-offset': String(offset),
      'content-type': SPARSE_CONTENT_TYPE,
      ...(ranges === undefined ? {} : { 'upload-zero-ranges': ranges }),
      'upload-checksum': `sha256 ${sha256b64(body)}`,
      ...extra,
    },
    body,
  );

const offsetOf = (id: string): Promise<string | null> => tusOffset(w, id);

describe('tus extension vm-disks-zero-ranges', () => {
  it('is advertised in Tus-Extension', async () => {
    const res = await tusFetch('', 'OPTIONS', {});
    expect(res.headers.get('tus-extension')?.split(',')).toContain(ZERO_RANGES_EXTENSION);
  });

  it('stages declared zeros as holes, keeps them across a restart, and CDI receives the exact image', async () => {
    // 1 MiB data | 6 MiB zeros || 64 KiB data | 128 KiB zeros | 960 KiB data | 2 MiB zeros (to the end).
    const one = noiseBuffer(MiB, 5150);
    const two = noiseBuffer(MiB, 5151);
    const [twoA, twoB] = [two.subarray(0, 64 * 1024), two.subarray(64 * 1024)];
    const image = Buffer.concat([
      one,
      Buffer.alloc(6 * MiB),
      twoA,
      Buffer.alloc(128 * 1024),
      twoB,
      Buffer.alloc(2 * MiB),
    ]);
    const source = path.join(w.dir, 'sparse.raw');
    await writeFile(source, image);
    const id = await createTarget('sparse-target', image.length);
    const staged = path.join(w.stagingDir, 'tus', id);

    const first = await sparse(id, 0, `${MiB}+${6 * MiB}`, one);
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe(String(7 * MiB));
    // A hole: the file is 7 MiB long but holds about the 1 MiB that was written.
    const st = await stat(staged);
    expect(st.size).toBe(7 * MiB);
    expect(st.blocks * 512).toBeLessThan(3 * MiB);

    // Resume after a hole: a restarted backend reports the offset past it.
    await w.restartBackend();
    expect(await offsetOf(id)).toBe(String(7 * MiB));
    const second = await sparse(id, 7 * MiB, `65536+131072,${MiB + 128 * 1024}+${2 * MiB}`, two);
    expect(second.status).toBe(204);
    expect(second.headers.get('upload-offset')).toBe(String(image.length));

    const done = await waitUploadDone<UploadSession>(w, id);
    // Every body carried a matching SHA-256 and zeros need none: no whole-file hash was needed.
    expect(done.sha256).toBeUndefined();
    expect(done.verifiedSha256).toBe(sha256Hex(image));
    expect(done.zeroBytes).toBe(8 * MiB + 128 * 1024);
    expect(await compareWithDisk(w, source, 'sparse-target')).toMatch(/Images are identical/);
  }, 120_000);

  it('refuses bad sparse PATCHes with an error naming the header, and changes nothing', async () => {
    const id = await createTarget('zero-refusals', 4 * MiB);
    const refusal = async (res: Response, status: number, message: RegExp) => {
      expect(res.status).toBe(status);
      expect(await res.text()).toMatch(message);
    };
    const none = Buffer.alloc(0);
    const four = Buffer.from([1, 2, 3, 4]);
    await refusal(await sparse(id, 0, undefined, none), 400, /Upload-Zero-Ranges is required/);
    for (const bad of ['0+0', '1.5+2', '-4+4', 'abc']) {
      await refusal(
        await sparse(id, 0, bad, none),
        400,
        /Upload-Zero-Ranges: ".*" is not "<start>\+<length>" with a positive length/,
      );
    }
    await refusal(
      await sparse(id, 0, '0+10,5+10', four),
      400,
      /the range at \+5 starts before the end of the previous one/,
    );
    await refusal(
      await sparse(id, 0, '100+10', four),
      400,
      /the range at \+100 needs 100 body bytes before it; the body has 4/,
    );
    await refusal(
      await sparse(id, 0, `0+${4 * MiB + 1}`, none),
      413,
      /runs past the upload's length 4194304/,
    );
    await refusal(await sparse(id, 512, '0+1024', none), 409, /Upload-Offset 512 does not match/);
    await refusal(
      await sparse(id, 0, '2+1024', four, {
        'upload-checksum': `sha256 ${sha256b64(Buffer.from([4, 3, 2, 1]))}`,
      }),
      460,
      /Checksum Mismatch: the sha256 of the 4 bytes received/,
    );
    expect(await offsetOf(id)).toBe('0');
    expect((await stat(path.join(w.stagingDir, 'tus', id))).size).toBe(0);
    // A plain tus server refuses an unknown Content-Type with 415; so does ours.
    await refusal(
      await tusFetch(id, 'PATCH', { 'upload-offset': '0', 'content-type': 'text/plain' }),
      415,
      /Content-Type must be application\/offset\+octet-stream/,
    );
    // The good form of the same: an empty body declaring 1 MiB of zeros.
    const good = await sparse(id, 0, `0+${MiB}`, none);
    expect(good.status).toBe(204);
    expect(good.headers.get('upload-offset')).toBe(String(MiB));
  });
});
