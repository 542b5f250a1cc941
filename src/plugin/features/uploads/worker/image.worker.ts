// The image worker: inspects disk images by content and digests upload chunks, off the UI thread.
import { inspectImage } from '../../../../lib/image-inspection';
import { digestChunk } from './chunk-digest';
import { hasher, sha256OfBlob } from './hashing';
import type { WorkerRequest, WorkerResponse } from './protocol';

const HEAD_HASH_BYTES = 1024 * 1024;

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
  if (req.type === 'digest') {
    // One read of the chunk: its zero runs (with `sparse`) and the SHA-256 of the bytes sent (Upload-Checksum,
    // chunk-digest.ts).
    const readFrom = performance.now();
    const bytes = new Uint8Array(await req.chunk.arrayBuffer());
    const digestFrom = performance.now();
    const r = await digestChunk(bytes, req.sparse, hasher);
    post({
      id: req.id,
      type: 'digested',
      sha256: r.sha256,
      zeroRuns: r.zeroRuns,
      readMs: digestFrom - readFrom,
      digestMs: performance.now() - digestFrom,
    });
    return;
  }
  const started = performance.now();
  const inspection = await inspectImage(req.file);
  // The SHA-256 of the file's first MiB names the file for resuming (fingerprint.ts).
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
