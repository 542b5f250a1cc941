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
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_TIMEOUT_ENV } from '../../sandbox/uploadproxy/route-timeout';
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

const MiB = 1024 * 1024;
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

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function createDv(name: string): Promise<void> {
  const r = await w.kube(
    'developer',
    'POST',
    `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datavolumes`,
    uploadDataVolume(name, '1Gi'),
  );
  expect(r.status).toBe(201);
}

async function expectDone(id: string, file: string, claim: string): Promise<UploadSession> {
  const s = await waitFor(
    'upload done',
    async () => {
      const r = (await api<UploadSession>(w, 'developer', 'GET', `/uploads/${id}`)).body;
      if (r.state === 'failed') throw new Error(r.error);
      return r.state === 'done' ? r : undefined;
    },
    120_000,
  );
  const { stdout } = await run('qemu-img', [
    'compare',
    '-f',
    'raw',
    '-F',
    'raw',
    file,
    await diskOf(w, claim),
  ]);
  expect(stdout).toMatch(/Images are identical/);
  return s;
}

describe('the CDI leg and the upload proxy idle timeout', () => {
  it('an upload paused for five idle timeouts resumes and lands byte-exact with one CDI attempt', async () => {
    await createDv('idle-pause');
    const bytes = noiseBuffer(16 * MiB, 21);
    const file = path.join(w.dir, 'pause.raw');
    await writeFile(file, bytes);
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
    const id = url.split('/').pop() ?? '';
    // The pause: the CDI leg has bytes 0..8 MiB and nothing more to send for five idle timeouts.
    await pause(5 * ROUTE_TIMEOUT_MS);
    const during = (await api<UploadSession>(w, 'developer', 'GET', `/uploads/${id}`)).body;
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
    await api(w, 'developer', 'PUT', `/uploads/${id}/checksum`, { sha256: sha256(bytes) });
    const s = await expectDone(id, file, 'idle-pause');
    expect(s.cdiAttempts).toBe(1);
    // The pause did reach the idle timeout: the request open during it was closed, and cost no attempt.
    expect(s.cdiIdleEnds ?? 0).toBeGreaterThanOrEqual(1);
    expect(s.error).toBeUndefined();
  }, 150_000);

  it('a checksummed chunk trickling in slower than the idle timeout lands byte-exact with one CDI attempt', async () => {
    await createDv('idle-slow');
    const bytes = noiseBuffer(2 * MiB, 22);
    const file = path.join(w.dir, 'slow.raw');
    await writeFile(file, bytes);
    const meta = (m: Record<string, string>) =>
      Object.entries(m)
        .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
        .join(',');
    const auth = { authorization: `Bearer ${w.token('developer')}`, 'tus-resumable': '1.0.0' };
    const created = await fetch(`${w.base}/api/v1/uploads/tus/`, {
      method: 'POST',
      headers: {
        ...auth,
        'upload-length': String(bytes.length),
        'upload-metadata': meta({
          namespace: NS,
          targetKind: 'new-dv',
          targetName: 'idle-slow',
          filename: 'slow.raw',
          fingerprint: 's',
        }),
      },
    });
    expect(created.status).toBe(201);
    const id = (created.headers.get('location') ?? '').split('/').pop() ?? '';
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
    const patched = await fetch(`${w.base}/api/v1/uploads/tus/${id}`, {
      method: 'PATCH',
      headers: {
        ...auth,
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
