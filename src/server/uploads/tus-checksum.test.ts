/**
 * The tus checksum extension and the same-origin rule over real HTTP on the real embedded sandbox: a good
 * chunk is kept, a corrupted one answers 460 and leaves offset and staged bytes as they were, the right chunk
 * then succeeds and the volume ends identical to the source (so CDI never received the bad bytes).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
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

let w: UploadWorld;
const MiB = 1024 * 1024;

beforeAll(async () => {
  w = await startUploadWorld();
}, 60_000);
afterAll(async () => {
  await w.close();
});

const b64 = (s: string) => Buffer.from(s).toString('base64');
const digest = (algorithm: string, data: Buffer) => {
  if (algorithm !== 'crc32') return createHash(algorithm).update(data).digest('base64');
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString('base64');
};

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

async function create(targetName: string, size: number): Promise<string> {
  const res = await tusFetch('', 'POST', {
    'upload-length': String(size),
    'upload-metadata': [
      `namespace ${b64(NS)}`,
      `targetKind ${b64('new-dv')}`,
      `targetName ${b64(targetName)}`,
      `filename ${b64(`${targetName}.raw`)}`,
    ].join(','),
  });
  expect(res.status).toBe(201);
  return (res.headers.get('location') ?? '').split('/').pop() ?? '';
}

const patch = (id: string, offset: number, body: Buffer, checksum?: string) =>
  tusFetch(
    id,
    'PATCH',
    {
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
      ...(checksum ? { 'upload-checksum': checksum } : {}),
    },
    body,
  );

async function offsetOf(id: string): Promise<string | null> {
  const res = await tusFetch(id, 'HEAD', {});
  expect(res.status).toBe(200);
  return res.headers.get('upload-offset');
}

describe('tus checksum extension', () => {
  it('OPTIONS advertises checksum and its algorithms, and no CORS headers', async () => {
    const res = await tusFetch('', 'OPTIONS', {});
    expect(res.status).toBe(204);
    expect(res.headers.get('tus-extension')?.split(',')).toContain('checksum');
    expect(res.headers.get('tus-checksum-algorithm')?.split(',')).toEqual([
      'sha256',
      'sha1',
      'md5',
      'crc32',
    ]);
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('when every chunk carried a matching SHA-256, the upload completes without the whole-file checksum; a chunk without one or with a CRC-32 makes it wait for it', async () => {
    const whole = async (name: string, seed: number, checkEvery: boolean) => {
      const created = await w.kube(
        'developer',
        'POST',
        `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
        uploadDataVolume(name, '1Gi'),
      );
      expect(created.status).toBe(201);
      const source = noiseBuffer(2 * MiB, seed);
      const id = await create(name, source.length);
      const [one, two] = [source.subarray(0, MiB), source.subarray(MiB)];
      expect(
        (await patch(id, 0, one, checkEvery ? `sha256 ${digest('sha256', one)}` : undefined))
          .status,
      ).toBe(204);
      // A matching CRC-32 (accepted from other clients) is taken, but does not verify the bytes end to end.
      const second = await patch(
        id,
        MiB,
        two,
        `${checkEvery ? 'sha256' : 'crc32'} ${digest(checkEvery ? 'sha256' : 'crc32', two)}`,
      );
      expect(second.status).toBe(204);
      return { id, sha: createHash('sha256').update(source).digest('hex') };
    };
    const stateOf = async (id: string) =>
      (await api<UploadSession>(w, 'developer', 'GET', `/uploads/${id}`)).body;

    const checked = await whole('sum-every-chunk', 31, true);
    const done = await waitFor('upload done without the whole-file checksum', async () => {
      const s = await stateOf(checked.id);
      if (s.state === 'failed') throw new Error(s.error);
      return s.state === 'done' ? s : undefined;
    });
    expect(done.sha256).toBeUndefined();
    expect(done.verifiedSha256).toBe(checked.sha);
    // The browser's whole-file hash, arriving later, must agree with the verified bytes.
    const wrong = await api<{ error: string }>(
      w,
      'developer',
      'PUT',
      `/uploads/${checked.id}/checksum`,
      {
        sha256: 'f'.repeat(64),
      },
    );
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatch(/the file changed during the upload/);

    const unchecked = await whole('sum-one-unchecked', 32, false);
    await waitFor('waiting for the whole-file checksum', async () =>
      (await stateOf(unchecked.id)).state === 'verifying' ? true : undefined,
    );
    expect(
      (
        await api(w, 'developer', 'PUT', `/uploads/${unchecked.id}/checksum`, {
          sha256: unchecked.sha,
        })
      ).status,
    ).toBe(200);
    const after = await waitFor('upload done after the checksum', async () => {
      const s = await stateOf(unchecked.id);
      if (s.state === 'failed') throw new Error(s.error);
      return s.state === 'done' ? s : undefined;
    });
    expect(after.verifiedSha256).toBe(unchecked.sha);
  });

  it('keeps a good chunk, refuses a corrupted one with 460 (offset and staged bytes unchanged), then takes the right one; the volume ends identical', async () => {
    expect(
      (
        await w.kube(
          'developer',
          'POST',
          `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
          uploadDataVolume('sum-target', '1Gi'),
        )
      ).status,
    ).toBe(201);
    const source = noiseBuffer(3 * MiB, 777);
    const file = path.join(w.dir, 'sum.raw');
    await writeFile(file, source);
    const id = await create('sum-target', source.length);
    const staged = path.join(w.stagingDir, 'tus', id);
    const [one, two, three] = [0, 1, 2].map((i) => source.subarray(i * MiB, (i + 1) * MiB)) as [
      Buffer,
      Buffer,
      Buffer,
    ];

    const first = await patch(id, 0, one, `sha256 ${digest('sha256', one)}`);
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe(String(MiB));

    const corrupted = Buffer.from(two);
    corrupted.writeUInt8(corrupted.readUInt8(12345) ^ 0xff, 12345);
    const bad = await patch(id, MiB, corrupted, `sha256 ${digest('sha256', two)}`);
    expect(bad.status).toBe(460);
    expect(await bad.text()).toMatch(/Checksum Mismatch.*offset stays 1048576/);
    expect(await offsetOf(id)).toBe(String(MiB));
    expect((await readFile(staged)).equals(one)).toBe(true);

    const unknown = await patch(id, MiB, two, `sha512 ${b64('abcd')}`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(/algorithm "sha512" is not supported/);
    const badCrc = await patch(id, MiB, corrupted, `crc32 ${digest('crc32', two)}`);
    expect(badCrc.status).toBe(460);
    expect(await badCrc.text()).toMatch(/Checksum Mismatch: the crc32 of the 1048576 bytes/);
    expect(await offsetOf(id)).toBe(String(MiB));
    expect((await readFile(staged)).equals(one)).toBe(true);
    const truncatedDigest = await patch(id, MiB, two, `sha256 ${b64('short')}`);
    expect(truncatedDigest.status).toBe(400);
    expect(await offsetOf(id)).toBe(String(MiB));

    expect((await patch(id, MiB, two, `sha256 ${digest('sha256', two)}`)).status).toBe(204);
    const last = await patch(id, 2 * MiB, three, `sha1 ${digest('sha1', three)}`);
    expect(last.status).toBe(204);
    expect(last.headers.get('upload-offset')).toBe(String(3 * MiB));

    const whole = createHash('sha256').update(source).digest('hex');
    expect(
      (await api(w, 'developer', 'PUT', `/uploads/${id}/checksum`, { sha256: whole })).status,
    ).toBe(200);
    const final = await waitFor('upload done', async () => {
      const s = (await api<UploadSession>(w, 'developer', 'GET', `/uploads/${id}`)).body;
      if (s.state === 'failed') throw new Error(s.error);
      return s.state === 'done' ? s : undefined;
    });
    expect(final.verifiedSha256).toBe(whole);
    const { stdout } = await run('qemu-img', [
      'compare',
      '-f',
      'raw',
      '-F',
      'raw',
      file,
      await diskOf(w, 'sum-target'),
    ]);
    expect(stdout).toMatch(/Images are identical/);
  }, 120_000);
});

describe('a crash in the middle of a checksummed PATCH', () => {
  it('the next start cuts the unverified tail back to where that PATCH began', async () => {
    expect(
      (
        await w.kube(
          'developer',
          'POST',
          `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
          uploadDataVolume('crash-target', '1Gi'),
        )
      ).status,
    ).toBe(201);
    const data = noiseBuffer(2 * MiB, 4242);
    const id = await create('crash-target', data.length);
    const first = data.subarray(0, MiB);
    expect((await patch(id, 0, first, `sha256 ${digest('sha256', first)}`)).status).toBe(204);
    // What a crash leaves: half of the next chunk written, its marker still there (the CDI leg follows the
    // committed offset, so it never reads this tail).
    const staged = path.join(w.stagingDir, 'tus', id);
    await writeFile(staged, data.subarray(0, MiB + MiB / 2));
    await writeFile(`${staged}.unverified`, String(MiB));
    await w.restartBackend();
    expect(await offsetOf(id)).toBe(String(MiB));
    expect((await readFile(staged)).equals(first)).toBe(true);
    const second = data.subarray(MiB);
    expect((await patch(id, MiB, second, `md5 ${digest('md5', second)}`)).status).toBe(204);
    expect((await readFile(staged)).equals(data)).toBe(true);
  }, 60_000);
});

describe('same origin only', () => {
  it('refuses a foreign Origin with 403 and sends no CORS headers to its own', async () => {
    const foreign = await tusFetch('', 'POST', {
      origin: 'https://evil.example',
      'upload-length': '10',
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toMatch(
      /Cross-origin upload refused: Origin https:\/\/evil\.example/,
    );
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const own = await tusFetch('', 'POST', { origin: w.base, 'upload-length': '10' });
    // Past the origin check: refused for its missing metadata instead.
    expect(own.status).toBe(400);
    expect([...own.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });
});
