/**
 * Issue 13, break 5: the CDI leg never holds an open POST without bytes, so neither a paused upload nor a slow
 * link is failed by the upload proxy's idle timeout. The sandbox's upload proxy closes idle connections like
 * the OpenShift Route in front of cdi-uploadproxy (kubevirt/containerized-data-importer
 * `pkg/operator/controller/route.go`: `haproxy.router.openshift.io/timeout: 60m`; CDI's own
 * `pkg/uploadproxy/uploadproxy.go` has no body timeout); here it is shortened to 2 s through the same setting a
 * sandbox user has (`VM_DISKS_SANDBOX_UPLOAD_ROUTE_TIMEOUT`), and each upload still ends byte-exact with one
 * CDI attempt (before the fix, each idle period used up an attempt, and five failed the upload for good).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_TIMEOUT_ENV } from '../../sandbox/uploadproxy/route-timeout';
import type { UploadSession } from './session-types';
import {
  api,
  compareWithDisk,
  createUploadDataVolume,
  idOf,
  NS,
  sessionOf,
  sha256Hex,
  startUploadWorld,
  tusMetadata,
  tusRequest,
  tusUpload,
  waitUploadDone,
  writeNoise,
  type UploadWorld,
} from './testing/upload-world';
const ROUTE_TIMEOUT_MS = 2000;
let w: UploadWorld;

beforeAll(async () => {
  process.env[ROUTE_TIMEOUT_ENV] = `${ROUTE_TIMEOUT_MS / 1000}s`;
  w = await startUploadWorld();
}, 60_000);
afterAll(async () => {
  Reflect.deleteProperty(process.env, ROUTE_TIMEOUT_ENV);
  await w.close();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const createDv = (name: string): Promise<void> => createUploadDataVolume(w, name);

async function expectDone(id: string, file: string, claim: string): Promise<UploadSession> {
  const s = await waitUploadDone<UploadSession>(w, id, 120_000);
  expect(await compareWithDisk(w, file, claim)).toMatch(/Images are identical/);
  return s;
}

describe('the CDI leg and the upload proxy idle timeout', () => {
  it('an upload paused for five idle timeouts resumes and lands byte-exact with one CDI attempt', async () => {
    await createDv('idle-pause');
    const file = await writeNoise(w, 'pause.raw', 16, 21);
    const bytes = await readFile(file);
    let chunks = 0;
    let paused!: () => void;
    const pausedNow = new Promise<void>((resolve) => {
      paused = resolve;
    });
    const run1 = tusUpload(
      w,
      'developer',
      file,
      bytes.length,
      {
        namespace: NS,
        targetKind: 'new-dv',
        targetName: 'idle-pause',
        filename: 'pause.raw',
        fingerprint: 'p',
      },
      {
        onChunkComplete: () => {
          chunks += 1;
          if (chunks === 2) {
            void run1.upload.abort(false).then(paused);
          }
        },
      },
    );
    void run1.done.catch(() => undefined);
    await pausedNow;
    const url = run1.upload.url ?? '';
    const id = idOf(url);
    // The pause: the CDI leg has bytes 0..8 MiB and nothing more to send for five idle timeouts.
    await pause(5 * ROUTE_TIMEOUT_MS);
    const during = await sessionOf<UploadSession>(w, id);
    expect(during.state).not.toBe('failed');
    expect(during.error).toBeUndefined();
    const run2 = tusUpload(
      w,
      'developer',
      file,
      bytes.length,
      {},
      {
        uploadUrl: url,
      },
    );
    await run2.done;
    await api(w, 'developer', 'PUT', `/uploads/${id}/checksum`, { sha256: sha256Hex(bytes) });
    const s = await expectDone(id, file, 'idle-pause');
    expect(s.cdiAttempts).toBe(1);
    // The pause did reach the idle timeout: the request open during it was closed, and cost no attempt.
    expect(s.cdiIdleEnds ?? 0).toBeGreaterThanOrEqual(1);
    expect(s.error).toBeUndefined();
  }, 150_000);

  it('a checksummed chunk trickling in slower than the idle timeout lands byte-exact with one CDI attempt', async () => {
    await createDv('idle-slow');
    const file = await writeNoise(w, 'slow.raw', 2, 22);
    const bytes = await readFile(file);
    const created = await tusRequest(w, '', 'POST', {
      'upload-length': String(bytes.length),
      'upload-metadata': tusMetadata({
        namespace: NS,
        targetKind: 'new-dv',
        targetName: 'idle-slow',
        filename: 'slow.raw',
        fingerprint: 's',
      }),
    });
    expect(created.status).toBe(201);
    const id = idOf(created.headers.get('location') ?? '');
    // One PATCH whose body takes about four idle timeouts: 64 KiB every quarter second.
    const piece = 64 * 1024;
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (at >= bytes.length) {
          controller.close();
          return;
        }
        if (at > 0) await pause(250);
        controller.enqueue(bytes.subarray(at, at + piece));
        at += piece;
      },
    });
    // A streamed body (duplex): tusRequest sends Buffers only, so this PATCH is written out here.
    const patched = await fetch(`${w.base}/api/v1/uploads/tus/${id}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${w.token('developer')}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'upload-checksum': `sha256 ${createHash('sha256').update(bytes).digest('base64')}`,
      },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(patched.status).toBe(204);
    const s = await expectDone(id, file, 'idle-slow');
    expect(s.cdiAttempts).toBe(1);
    expect(s.error).toBeUndefined();
  }, 150_000);
});
