// The image worker: inspects disk images by content, hashes whole files and digests upload chunks, off the UI
// thread.
import { inspectImage } from '../../../../lib/image-inspection';
import { sha256OfBlob } from './hashing';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { withoutRuns, zeroRuns } from './zero-runs';

const HEAD_HASH_BYTES = 1024 * 1024;
const cancelled = new Set<number>();

interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}
// The DOM lib types `self` as a Window; the part this module uses is the same in the dedicated worker scope.
const scope: WorkerScope = self;
const post = (m: WorkerResponse) => {
  scope.postMessage(m);
};

async function handle(req: WorkerRequest): Promise<void> {
  if (req.type === 'cancel') {
    cancelled.add(req.target);
    return;
  }
  if (req.type === 'digest') {
    // One tus chunk's SHA-256 for its Upload-Checksum: WebCrypto uses the CPU's SHA instructions, several times
    // faster than the streaming hash, but only over a whole buffer (a chunk is at most 64 MiB).
    // With `sparse`, the all-zero blocks are found in the same read and the digest covers the other bytes (the
    // body of a sparse PATCH); the copy without them lives only for the digest.
    const readFrom = performance.now();
    const bytes = new Uint8Array(await req.chunk.arrayBuffer());
    const digestFrom = performance.now();
    const runs = req.sparse ? zeroRuns(bytes) : [];
    const digest = await crypto.subtle.digest('SHA-256', withoutRuns(bytes, runs));
    let binary = '';
    for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
    const done = performance.now();
    post({
      id: req.id,
      type: 'digested',
      base64: btoa(binary),
      zeroRuns: runs,
      readMs: digestFrom - readFrom,
      digestMs: done - digestFrom,
    });
    return;
  }
  const started = performance.now();
  if (req.type === 'inspect') {
    const inspection = await inspectImage(req.file);
    const head = await sha256OfBlob(
      req.file.slice(0, HEAD_HASH_BYTES),
      () => undefined,
      () => false,
    );
    post({
      id: req.id,
      type: 'inspected',
      inspection,
      headSha256: head.sha256,
      ms: performance.now() - started,
    });
    return;
  }
  let last = 0;
  const { sha256, engine } = await sha256OfBlob(
    req.file,
    (hashed) => {
      if (hashed - last >= 64 * 1024 * 1024 || hashed === req.file.size) {
        last = hashed;
        post({ id: req.id, type: 'hash-progress', hashed });
      }
    },
    () => cancelled.has(req.id),
  );
  post({ id: req.id, type: 'hashed', sha256, engine, ms: performance.now() - started });
}

scope.onmessage = (e) => {
  handle(e.data).catch((err: unknown) => {
    post({
      id: e.data.id,
      type: 'error',
      message: err instanceof Error ? err.message : String(err),
    });
  });
};
