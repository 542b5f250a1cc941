// All-zero blocks of an upload chunk, merged into runs: the runs are declared to the backend instead of sent
// (tus extension `vm-disks-zero-ranges`, see src/server/uploads/README.md).

/**
 * Block size of the zero check. Scanning costs the same per byte whatever the block (a zero block is read
 * whole, a data block stops at its first non-zero word): measured in V8 at 1.5–3 GB/s, i.e. 22–48 ms per
 * 64 MiB chunk of zeros for 64 KiB, 256 KiB and 1 MiB blocks alike. 64 KiB finds the zeros of images written
 * in small blocks and keeps a 64 MiB chunk at most 512 ranges (the backend takes up to 1024 per PATCH).
 */
export const ZERO_BLOCK_BYTES = 64 * 1024;

/** A run of zero bytes in a chunk: `[start, start + length)`. */
export interface ZeroRun {
  start: number;
  length: number;
}

function allZero(words: Uint32Array, bytes: Uint8Array, from: number, to: number): boolean {
  // `from` is a multiple of 4 (blocks are): whole words first, then the tail bytes.
  const wordsEnd = from + ((to - from) & ~3);
  for (let i = from >>> 2, end = wordsEnd >>> 2; i < end; i++) if (words[i] !== 0) return false;
  for (let i = wordsEnd; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * The runs of all-zero blocks in `bytes` (blocks of `blockSize` from its start; the last one may be shorter),
 * consecutive zero blocks merged into one run.
 */
export function zeroRuns(bytes: Uint8Array, blockSize = ZERO_BLOCK_BYTES): ZeroRun[] {
  if (blockSize <= 0 || blockSize % 4 !== 0) {
    throw new Error(`zeroRuns: the block size must be a positive multiple of 4, not ${blockSize}`);
  }
  const aligned = bytes.byteOffset % 4 === 0;
  const whole = aligned ? bytes : bytes.slice();
  const words = new Uint32Array(whole.buffer, whole.byteOffset, whole.length >>> 2);
  const runs: ZeroRun[] = [];
  let run: ZeroRun | undefined;
  for (let at = 0; at < whole.length; at += blockSize) {
    const end = Math.min(whole.length, at + blockSize);
    if (allZero(words, whole, at, end)) {
      if (run) run.length += end - at;
      else {
        run = { start: at, length: end - at };
        runs.push(run);
      }
    } else {
      run = undefined;
    }
  }
  return runs;
}

/** `Upload-Zero-Ranges` for a chunk's runs: "<start>+<length>,…" relative to the chunk's offset. */
export function zeroRangesHeader(runs: readonly ZeroRun[]): string {
  return runs.map((r) => `${r.start}+${r.length}`).join(',');
}
