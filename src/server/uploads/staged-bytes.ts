/**
 * Reads a staged upload from the start while it is still being written: follows the file as it grows,
 * hashes what it reads, and holds the last piece back until `beforeLast` (the checksum comparison) passes.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const READ_BYTES = 1024 * 1024;
const POLL_MS = 150;

export class ChecksumMismatch extends Error {
  override name = 'ChecksumMismatch';
}

export interface StagedReadOptions {
  file: string;
  size: number;
  signal: AbortSignal;
  /** Called with the hex SHA-256 of all bytes before the last piece is released. Throw to stop. */
  beforeLast(sha256: string): Promise<void>;
  /** Progress: bytes handed on so far. */
  onBytes(sent: number): void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export async function* stagedBytes(options: StagedReadOptions): AsyncGenerator<Buffer> {
  const { file, size, signal } = options;
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    let position = 0;
    while (position < size) {
      signal.throwIfAborted();
      const available = Math.min((await handle.stat()).size, size) - position;
      if (available <= 0) {
        await sleep(POLL_MS, signal);
        continue;
      }
      const buf = Buffer.allocUnsafe(Math.min(available, READ_BYTES));
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      if (bytesRead === 0) continue;
      const piece = bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
      hash.update(piece);
      position += bytesRead;
      if (position === size) await options.beforeLast(hash.digest('hex'));
      yield piece;
      options.onBytes(position);
    }
    if (size === 0) await options.beforeLast(hash.digest('hex'));
  } finally {
    await handle.close();
  }
}
