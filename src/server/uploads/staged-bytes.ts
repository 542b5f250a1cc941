/**
 * Reads a staged upload from the start while it is still being written: follows the committed length (see
 * `staged-offsets.ts`: only bytes a PATCH has written and verified), hashes what it reads, and holds the last
 * piece back until `beforeLast` (the checksum comparison) passes.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const READ_BYTES = 2 * 1024 * 1024;

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
  /** How many bytes of the file may be read now. */
  readable(): Promise<number>;
  /** Resolves when more than `position` bytes may be readable (rejects on abort). */
  more(position: number, signal: AbortSignal): Promise<void>;
}

/**
 * Yields the file's pieces. Two read buffers alternate, so a piece stays valid until the generator is asked
 * for the piece after the next one: the consumer must be done with piece i before it asks for piece i+2
 * (`forwarder.ts` waits for each write to be flushed). No garbage per piece, so the RSS stays flat.
 */
export async function* stagedBytes(options: StagedReadOptions): AsyncGenerator<Buffer> {
  const { file, size, signal } = options;
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)] as const;
  let turn = 0;
  try {
    let position = 0;
    while (position < size) {
      signal.throwIfAborted();
      const available = Math.min(await options.readable(), size) - position;
      if (available <= 0) {
        await options.more(position, signal);
        continue;
      }
      const buf = buffers[turn].subarray(0, Math.min(available, READ_BYTES));
      const { bytesRead } = await handle.read(buf, 0, buf.length, position);
      turn = 1 - turn;
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
