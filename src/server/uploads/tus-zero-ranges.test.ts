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
  api,
  diskOf,
  noiseBuffer,
  NS,
  run,
  startUploadWorld,
  uploadDataVolume,
  waitFor,
  type UploadWorld,
} from './testing/upload-world';
import { ZERO_RANGE_CONTENT_TYPE, ZERO_RANGES_EXTENSION } from './tus-zero-ranges';

let w: UploadWorld;
const MiB = 1024 * 1024;

beforeAll(async () => {
  w = await startUploadWorld();
}, 60_000);
afterAll(async () => {
  await w.close();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const sha256b64 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

function tusFetch(path_: string, method: string, headers: Record<string, string>, body?: Buffer) {
  return fetch(`${w.base}/api/v1/uploads/tus/${path_}`, {
    method,
    headers: {
      authorization: `Bearer ${w.token('developer')}`,
      'tus-resumable': '1.0.0',
      ...headers,
    },
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
}

async function createTarget(name: string, size: number): Promise<string> {
  const created = await w.kube(
    'developer',
    'POST',
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
    uploadDataVolume(name, '1Gi'),
  );
  expect(created.status).toBe(201);
  const res = await tusFetch('', 'POST', {
    'upload-length': String(size),
    'upload-metadata': [
      `namespace ${b64(NS)}`,
      `targetKind ${b64('new-dv')}`,
      `targetName ${b64(name)}`,
      `filename ${b64(`${name}.raw`)}`,
    ].join(','),
  });
  expect(res.status).toBe(201);
  return (res.headers.get('location') ?? '').split('/').pop() ?? '';
}

const data = (id: string, offset: number, body: Buffer) =>
  tusFetch(
    id,
    'PATCH',
    {
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
      'upload-checksum': `sha256 ${sha256b64(body)}`,
    },
    body,
  );

const zeros = (id: string, offset: number, length: string, extra: Record<string, string> = {}) =>
  tusFetch(id, 'PATCH', {
    'upload-offset': String(offset),
    'content-type': ZERO_RANGE_CONTENT_TYPE,
    'upload-zero-length': length,
    ...extra,
  });

async function offsetOf(id: string): Promise<string | null> {
  const res = await tusFetch(id, 'HEAD', {});
  expect(res.status).toBe(200);
  return res.headers.get('upload-offset');
}

describe('tus extension vm-disks-zero-ranges', () => {
  it('is advertised in Tus-Extension', async () => {
    const res = await tusFetch('', 'OPTIONS', {});
    expect(res.headers.get('tus-extension')?.split(',')).toContain(ZERO_RANGES_EXTENSION);
  });

  it('stages declared zeros as holes, keeps them across a restart, and CDI receives the exact image', async () => {
    // Layout: 1 MiB data | 6 MiB zeros | 1 MiB data | 2 MiB zeros (a zero tail ends the upload).
    const one = noiseBuffer(MiB, 5150);
    const two = noiseBuffer(MiB, 5151);
    const image = Buffer.concat([one, Buffer.alloc(6 * MiB), two, Buffer.alloc(2 * MiB)]);
    const source = path.join(w.dir, 'sparse.raw');
    await writeFile(source, image);
    const id = await createTarget('sparse-target', image.length);
    const staged = path.join(w.stagingDir, 'tus', id);

    expect((await data(id, 0, one)).status).toBe(204);
    const hole = await zeros(id, MiB, String(6 * MiB));
    expect(hole.status).toBe(204);
    expect(hole.headers.get('upload-offset')).toBe(String(7 * MiB));
    // A hole: the file is 7 MiB long but holds about the 1 MiB that was written.
    const st = await stat(staged);
    expect(st.size).toBe(7 * MiB);
    expect(st.blocks * 512).toBeLessThan(3 * MiB);

    // Resume after a hole: a restarted backend reports the offset past it.
    await w.restartBackend();
    expect(await offsetOf(id)).toBe(String(7 * MiB));
    expect((await data(id, 7 * MiB, two)).status).toBe(204);
    const tail = await zeros(id, 8 * MiB, String(2 * MiB));
    expect(tail.status).toBe(204);
    expect(tail.headers.get('upload-offset')).toBe(String(image.length));

    const done = await waitFor('sparse upload done', async () => {
      const s = (await api<UploadSession>(w, 'developer', 'GET', `/uploads/${id}`)).body;
      if (s.state === 'failed') throw new Error(s.error);
      return s.state === 'done' ? s : undefined;
    });
    // Every data chunk carried a matching SHA-256 and zero ranges count as checked: no whole-file hash needed.
    expect(done.sha256).toBeUndefined();
    expect(done.verifiedSha256).toBe(createHash('sha256').update(image).digest('hex'));
    expect(done.zeroBytes).toBe(8 * MiB);
    const { stdout } = await run('qemu-img', [
      'compare',
      '-f',
      'raw',
      '-F',
      'raw',
      source,
      await diskOf(w, 'sparse-target'),
    ]);
    expect(stdout).toMatch(/Images are identical/);
  }, 120_000);

  it('refuses bad zero ranges with an error naming the header, and changes nothing', async () => {
    const id = await createTarget('zero-refusals', 4 * MiB);
    const refusal = async (res: Response, status: number, message: RegExp) => {
      expect(res.status).toBe(status);
      expect(await res.text()).toMatch(message);
    };
    await refusal(
      await tusFetch(id, 'PATCH', {
        'upload-offset': '0',
        'content-type': ZERO_RANGE_CONTENT_TYPE,
      }),
      400,
      /Upload-Zero-Length is required/,
    );
    await refusal(await zeros(id, 0, '0'), 400, /Upload-Zero-Length must be a positive integer/);
    await refusal(await zeros(id, 0, '1.5'), 400, /Upload-Zero-Length must be a positive integer/);
    await refusal(await zeros(id, 0, '-4'), 400, /Upload-Zero-Length must be a positive integer/);
    await refusal(
      await zeros(id, 0, '1024', { 'upload-checksum': `sha256 ${sha256b64(Buffer.alloc(1024))}` }),
      400,
      /Upload-Checksum is not sent with a zero range/,
    );
    await refusal(
      await tusFetch(
        id,
        'PATCH',
        {
          'upload-offset': '0',
          'content-type': ZERO_RANGE_CONTENT_TYPE,
          'upload-zero-length': '4',
        },
        Buffer.alloc(4),
      ),
      400,
      /A zero-range PATCH has an empty body/,
    );
    await refusal(
      await zeros(id, 0, String(4 * MiB + 1)),
      413,
      /Upload-Zero-Length 4194305 from offset 0 runs past the upload's length 4194304/,
    );
    await refusal(await zeros(id, 512, '1024'), 409, /Upload-Offset 512 does not match/);
    expect(await offsetOf(id)).toBe('0');
    expect((await stat(path.join(w.stagingDir, 'tus', id))).size).toBe(0);
    // A plain tus server refuses this Content-Type with 415; so does ours for anything but the two it knows.
    await refusal(
      await tusFetch(id, 'PATCH', { 'upload-offset': '0', 'content-type': 'text/plain' }),
      415,
      /Content-Type must be application\/offset\+octet-stream/,
    );
  });
});
