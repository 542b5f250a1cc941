// The image worker: inspects disk images by content, hashes whole files and digests upload chunks, off the UI
// thread.
import { inspectImage } from '../../../../lib/image-inspection';
import { ChunkDigester } from './chunk-digest';
import { crc32Base64, crc32Engine, type Crc32 } from './crc32';
import { hasher, sha256OfBlob } from './hashing';
import type { WorkerRequest, WorkerResponse } from './protocol';

const HEAD_HASH_BYTES = 1024 * 1024;
const cancelled = new Set<number>();
let crc: Promise<Crc32> | undefined;
const digester = new ChunkDigester(() => (crc ??= crc32Engine()), hasher);

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
    // One read of the chunk: its zero runs (with `sparse`), the CRC-32 of the bytes sent (Upload-Checksum) and
    // the next piece of the whole file's SHA-256 (chunk-digest.ts).
    const readFrom = performance.now();
    const bytes = new Uint8Array(await req.chunk.arrayBuffer());
    const digestFrom = performance.now();
    const r = await digester.digest(bytes, req);
    post({
      id: req.id,
      type: 'digested',
      crc32: crc32Base64(r.crc32),
      zeroRuns: r.zeroRuns,
      ...(r.sha256 ? { sha256: r.sha256 } : {}),
      readMs: digestFrom - readFrom,
      digestMs: performance.now() - digestFrom,
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
