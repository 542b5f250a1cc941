/**
 * tus requests users' flaky clients and attackers send to the upload endpoint, through the bridge stand-in's
 * plugin proxy as the browser sends them: wrong offsets, lengths, content types, checksums, metadata, targets,
 * and oversized headers. Each gets a specific 4xx, and the upload in progress (its offset and staged bytes) and
 * every cluster object stay as they were.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differences, snapshot, type Snapshot } from '../support/snapshot';
import { BACKEND, BrowserSession, startStack, type Stack } from '../support/stack';
import {
  createUpload,
  createUploadDataVolume,
  TUS_PATH,
  tusMetadata,
  uploadIdOf,
} from '../support/tus';

let stack: Stack;
let developer: BrowserSession;
let id: string;
let before: Snapshot;
const SIZE = 1024 * 1024;
const firstHalf = Buffer.alloc(SIZE / 2, 0x5a);

const patch = (offset: string, body: Buffer, extra: Record<string, string> = {}) =>
  developer.request('PATCH', `${TUS_PATH}/${id}`, body, {
    'tus-resumable': '1.0.0',
    'upload-offset': offset,
    'content-type': 'application/offset+octet-stream',
    ...extra,
  });

async function offsetNow(): Promise<string | undefined> {
  const head = await developer.request('HEAD', `${TUS_PATH}/${id}`, undefined, {
    'tus-resumable': '1.0.0',
  });
  expect(head.status).toBe(200);
  const value = head.headers['upload-offset'];
  return Array.isArray(value) ? value[0] : value;
}

async function expectIntact(): Promise<void> {
  expect(await offsetNow()).toBe(String(SIZE / 2));
  expect(differences(before, await snapshot(stack))).toEqual([]);
}

beforeAll(async () => {
  stack = await startStack();
  developer = await new BrowserSession(stack.base).loginAs('developer');
  expect((await createUploadDataVolume(developer, 'tus-target')).status).toBe(201);
  expect((await createUploadDataVolume(developer, 'tus-fit-target')).status).toBe(201);
  const created = await createUpload(developer, { targetName: 'tus-target', size: SIZE });
  expect(created.status).toBe(201);
  id = uploadIdOf(created);
  // Half the file arrives.
  expect((await patch('0', firstHalf)).status).toBe(204);
  expect(await offsetNow()).toBe(String(SIZE / 2));
  // The forwarder streams what arrived on to CDI in the background; the baseline is taken once the
  // cluster's bytes stop moving, so that its progress is not mistaken for a change made by a bad request.
  before = await snapshot(stack);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = await snapshot(stack);
    if (differences(before, again).length === 0) break;
    before = again;
  }
});

afterAll(async () => {
  await stack.close();
});

describe('PATCH', () => {
  const cases: [string, () => Promise<{ status: number; body: string }>, number[]][] = [
    ['an offset ahead of the server', () => patch(String(SIZE / 2 + 100), Buffer.alloc(10)), [409]],
    ['an offset behind the server', () => patch('0', Buffer.alloc(10)), [409]],
    ['a negative offset', () => patch('-1', Buffer.alloc(10)), [400]],
    ['a non-numeric offset', () => patch('ten', Buffer.alloc(10)), [400]],
    [
      'no offset',
      () =>
        developer.request('PATCH', `${TUS_PATH}/${id}`, Buffer.alloc(10), {
          'tus-resumable': '1.0.0',
          'content-type': 'application/offset+octet-stream',
        }),
      [400, 403],
    ],
    [
      'the wrong content type',
      () => patch(String(SIZE / 2), Buffer.alloc(10), { 'content-type': 'application/json' }),
      [400, 415],
    ],
    [
      'no Tus-Resumable',
      () =>
        developer.request('PATCH', `${TUS_PATH}/${id}`, Buffer.alloc(10), {
          'upload-offset': String(SIZE / 2),
          'content-type': 'application/offset+octet-stream',
        }),
      [412],
    ],
    [
      'more bytes than the declared length',
      () => patch(String(SIZE / 2), Buffer.alloc(SIZE), {}),
      [400, 413],
    ],
    [
      'a body that does not match its Upload-Checksum (tus checksum extension)',
      () =>
        patch(String(SIZE / 2), Buffer.alloc(SIZE / 4, 0x11), {
          'upload-checksum': `sha256 ${createHash('sha256')
            .update(Buffer.alloc(SIZE / 4, 0x22))
            .digest('base64')}`,
        }),
      [460],
    ],
    [
      'an Upload-Checksum algorithm the server does not offer',
      () =>
        patch(String(SIZE / 2), Buffer.alloc(10), {
          'upload-checksum': `sha512 ${Buffer.from('abcd').toString('base64')}`,
        }),
      [400],
    ],
    [
      'a PATCH from another site (foreign Origin)',
      () => patch(String(SIZE / 2), Buffer.alloc(10), { origin: 'https://evil.example' }),
      [403],
    ],
    [
      'a different Upload-Length',
      () => patch(String(SIZE / 2), Buffer.alloc(10), { 'upload-length': String(SIZE * 2) }),
      [400, 409, 412],
    ],
  ];
  for (const [what, run, statuses] of cases) {
    it(`${what} → ${statuses.join(' or ')}, nothing written`, async () => {
      const res = await run();
      expect(statuses).toContain(res.status);
      await expectIntact();
    });
  }
});

describe('creation', () => {
  const create = (headers: Record<string, string>) =>
    developer.request('POST', TUS_PATH, undefined, { 'tus-resumable': '1.0.0', ...headers });
  const meta = (over: Record<string, string> = {}) =>
    tusMetadata({
      namespace: 'vm-images',
      targetKind: 'new-dv',
      targetName: 'tus-target-2',
      filename: 'x.img',
      ...over,
    });
  const cases: [string, Record<string, string>, number[], RegExp][] = [
    ['a 0-byte file', { 'upload-length': '0', 'upload-metadata': meta() }, [400], /empty/i],
    ['a negative length', { 'upload-length': '-5', 'upload-metadata': meta() }, [400], /./],
    ['a non-numeric length', { 'upload-length': '1e3', 'upload-metadata': meta() }, [400], /./],
    [
      'a length over the maximum',
      { 'upload-length': String(2 ** 53), 'upload-metadata': meta() },
      [413],
      /./,
    ],
    ['no length (deferred)', { 'upload-defer-length': '1', 'upload-metadata': meta() }, [400], /./],
    [
      'metadata that is not base64',
      { 'upload-length': '10', 'upload-metadata': 'namespace !!!,targetName ???' },
      [400],
      /./,
    ],
    [
      'a target name Kubernetes rejects',
      { 'upload-length': '10', 'upload-metadata': meta({ targetName: 'Bad_Name' }) },
      [400],
      /targetName/,
    ],
    [
      'a namespace with ..',
      { 'upload-length': '10', 'upload-metadata': meta({ namespace: '../kube-system' }) },
      [400],
      /namespace/,
    ],
    [
      'an unknown target kind',
      { 'upload-length': '10', 'upload-metadata': meta({ targetKind: 'pod' }) },
      [400],
      /targetKind/,
    ],
    [
      'a namespace the user may not upload to',
      { 'upload-length': '10', 'upload-metadata': meta({ namespace: 'default' }) },
      [403],
      /UploadTokenRequests|upload/,
    ],
    [
      'a target that does not exist',
      { 'upload-length': '10', 'upload-metadata': meta({ targetName: 'no-such-dv' }) },
      [404, 409, 422],
      /no-such-dv/,
    ],
    [
      'an image larger than the volume (5 GiB into 1 GiB)',
      {
        'upload-length': String(5 * 1024 ** 3),
        'upload-metadata': meta({ targetName: 'tus-target' }),
      },
      [409, 413, 422],
      /./,
    ],
    [
      'a declared virtualSize that is not a byte count',
      { 'upload-length': '10', 'upload-metadata': meta({ virtualSize: '5Gi' }) },
      [400],
      /metadata "virtualSize" "5Gi"/,
    ],
    [
      // Issue 13, break 8: refused at creation, with both numbers, when the page declares the virtual size.
      'an image declared 5 GiB into a free 1 GiB DataVolume',
      {
        'upload-length': String(300 * 1024),
        'upload-metadata': meta({
          targetName: 'tus-fit-target',
          virtualSize: String(5 * 1024 ** 3),
        }),
      },
      [413],
      /5368709120 bytes[\s\S]*holds \d+ bytes/,
    ],
  ];
  for (const [what, headers, statuses, message] of cases) {
    it(`${what} → ${statuses.join(' or ')} with a specific message`, async () => {
      const res = await create(headers);
      // Both in one assertion, so a failure shows status and message together.
      expect({
        ok: statuses.includes(res.status) && message.test(res.body),
        status: res.status,
        body: res.body,
      }).toMatchObject({ ok: true });
      await expectIntact();
    });
  }
});

describe('checksum and headers', () => {
  it('a checksum that is not 64 hex digits → 400', async () => {
    const res = await developer.request('PUT', `${BACKEND}/api/v1/uploads/${id}/checksum`, {
      sha256: 'XYZ',
    });
    expect(res.status).toBe(400);
    await expectIntact();
  });
  it('a second, different checksum → 409', async () => {
    expect(
      (
        await developer.request('PUT', `${BACKEND}/api/v1/uploads/${id}/checksum`, {
          sha256: 'a'.repeat(64),
        })
      ).status,
    ).toBe(200);
    const res = await developer.request('PUT', `${BACKEND}/api/v1/uploads/${id}/checksum`, {
      sha256: 'b'.repeat(64),
    });
    expect(res.status).toBe(409);
  });
  it('oversized headers (64 KiB) → 431, the server keeps serving', async () => {
    // Raw socket: the server answers 431 and closes while the client may still be writing.
    const url = new URL(stack.base);
    const status = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        socket.write(
          `PATCH ${TUS_PATH}/${id} HTTP/1.1\r\nHost: ${url.host}\r\nX-Padding: ${'x'.repeat(64 * 1024)}\r\n\r\n`,
        );
      });
      let data = '';
      socket.on('data', (chunk: Buffer) => {
        data += chunk.toString();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        resolve(data.split('\r\n')[0] ?? '');
      });
    });
    expect(status).toMatch(/^HTTP\/1\.1 431/);
    await expectIntact();
  });
});
