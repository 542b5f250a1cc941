// The page's side of the image worker: one shared worker, promise-based requests.
import type { ImageInspection } from '../../../lib/image-inspection';
import type { WorkerRequest, WorkerResponse } from './worker/protocol';
import type { ZeroRun } from './worker/zero-runs';

type Pending = {
  resolve: (r: WorkerResponse) => void;
  reject: (e: Error) => void;
};

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./worker/image.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<WorkerResponse>) => {
    const m = e.data;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.type === 'error') p.reject(new Error(m.message));
    else p.resolve(m);
  };
  worker.onerror = (e) => {
    for (const p of pending.values()) p.reject(new Error(e.message || 'the image worker failed'));
    pending.clear();
  };
  return worker;
}

type RequestBody = WorkerRequest extends infer R
  ? R extends WorkerRequest
    ? Omit<R, 'id'>
    : never
  : never;

function request(body: RequestBody): Promise<WorkerResponse> {
  const id = nextId++;
  const done = new Promise<WorkerResponse>((resolve, reject) => {
    pending.set(id, { resolve, reject });
  });
  getWorker().postMessage({ ...body, id });
  return done;
}

export interface Inspected {
  inspection: ImageInspection;
  headSha256: string;
  ms: number;
}

export async function inspectInWorker(file: Blob): Promise<Inspected> {
  const r = await request({ type: 'inspect', file });
  if (r.type !== 'inspected') throw new Error('unexpected worker answer');
  return { inspection: r.inspection, headSha256: r.headSha256, ms: r.ms };
}

export interface ChunkDigest {
  /** Base64 SHA-256 of the bytes to send (without the zero runs), for `Upload-Checksum: sha256 …`. */
  sha256: string;
  /** All-zero runs of the chunk (empty unless `sparse`). */
  zeroRuns: ZeroRun[];
  /** Worker time: reading the chunk into memory, then finding zeros and hashing (for the chunk timeline). */
  readMs: number;
  digestMs: number;
}

/** One upload chunk's SHA-256 and, with `sparse`, its zero runs (worker/chunk-digest.ts). */
export async function digestInWorker(chunk: Blob, sparse: boolean): Promise<ChunkDigest> {
  const r = await request({ type: 'digest', chunk, sparse });
  if (r.type !== 'digested') throw new Error('unexpected worker answer');
  return { sha256: r.sha256, zeroRuns: r.zeroRuns, readMs: r.readMs, digestMs: r.digestMs };
}
