// Where each upload chunk's time goes, kept in the page's User Timing buffer (`performance.mark`, one entry per
// chunk named CHUNK_MARK): the benchmark (bench/upload/bench.ts) reads it back to explain the page's fixed costs.
// A few numbers per 64 MiB chunk: a 4 GiB upload adds 64 small entries.

export const CHUNK_MARK = 'vm-disks:upload-chunk';

export interface ChunkTiming {
  /** The chunk's offset in the file and its length (zeros included). */
  offset: number;
  bytes: number;
  /** Bytes that crossed the link (the chunk without its declared zero runs). */
  sent: number;
  /** Worker: reading the chunk into memory; finding its zero runs and hashing it. */
  readMs: number;
  digestMs: number;
  /** How long the PATCH waited for the digest (0 when it was ready ahead). */
  waitMs: number;
  /** The PATCH from its send to the backend's answer. */
  patchMs: number;
  /** When the PATCH was sent, in ms since the page's time origin. */
  at: number;
}

export function recordChunk(timing: ChunkTiming): void {
  performance.mark(CHUNK_MARK, { detail: timing });
}
