/**
 * The bytes of one CDI attempt, from the start of a staged upload while it is still being written: follows
 * the written length (`staged-offsets.ts`), takes what just arrived from memory when it is at the live edge
 * and reads the staged file only when it is behind (a retry, a restart), hashes what it hands on, and holds
 * the last piece back until every byte is committed (verified) and `beforeLast` (the checksum comparison)
 * passes.
 *
 * It never waits silently on an open CDI request: a wait for bytes (or for the commit / checksum before the
 * last piece) longer than `stallMs` ends the attempt with `Stalled`, and `idle.waiting` tells the caller
 * whether the attempt failed while it was waiting for the browser rather than sending (issue 13, break 5):
 * an upload proxy that closed an idle request is not a failed CDI attempt.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const READ_BYTES = 2 * 1024 * 1024;

export class ChecksumMismatch extends Error {
  override name = 'ChecksumMismatch';
}

/** No byte to send for too long: the attempt ends before the upload proxy's idle timeout ends it. */
export class Stalled extends Error {
  override name = 'Stalled';
}

/** Bytes already sent to CDI were dropped from the staged file (a checksummed chunk that did not match). */
export class RolledBack extends Error {
  override name = 'RolledBack';
}

export interface StagedReadOptions {
  file: string;
  size: number;
  signal: AbortSignal;
  /** Called with the hex SHA-256 of all bytes before the last piece is released. Throw to stop. */
  beforeLast(sha256: string): Promise<void>;
  /** Progress: bytes handed on so far. */
  onBytes(sent: number): void;
  /** How many bytes of the file may be streamed now (written, maybe not yet verified). */
  readable(): Promise<number>;
  /** How many bytes are final (verified). */
  committed(): Promise<number>;
  /** Resolves on the next write/commit event, or after a short while (rejects on abort). */
  more(position: number, signal: AbortSignal): Promise<void>;
  /** Bytes from `position` still in memory from the latest write, at most `max`. */
  live(position: number, max: number): Buffer[] | undefined;
  /** Throws `RolledBack` when bytes before `position` were dropped since the attempt began. */
  checkRollback(position: number): void;
  /** Longest wait for the next byte on an open request. */
  stallMs: number;
  /** Set while the reader waits for the browser (no byte to send). */
  idle: { waiting: boolean };
}

/** Waits for `step` while marking the attempt idle; `Stalled` once `stallMs` pass without `progress()`. */
async function idleWait(
  o: StagedReadOptions,
  since: number,
  step: () => Promise<void>,
): Promise<void> {
  // Stays set when the wait ends in an error: the attempt failed while it had nothing to send.
  o.idle.waiting = true;
  if (Date.now() - since >= o.stallMs) {
    throw new Stalled(`no byte to send for ${Math.round((Date.now() - since) / 1000)} s`);
  }
  await step();
  o.idle.waiting = false;
}

/**
 * Yields the pieces to send. File pieces come from two read buffers that alternate, so a piece stays valid
 * until the generator is asked for the piece after the next one: the consumer must be done with piece i
 * before it asks for piece i+2 (`forwarder.ts` waits for each write to be flushed). Memory pieces are the
 * received buffers themselves (never reused). No garbage per file piece, so the RSS stays flat.
 */
export async function* stagedBytes(options: StagedReadOptions): AsyncGenerator<Buffer> {
  const { file, size, signal } = options;
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)] as const;
  let turn = 0;
  let lastByte = Date.now();
  try {
    let position = 0;
    while (position < size) {
      signal.throwIfAborted();
      options.checkRollback(position);
      const available = Math.min(await options.readable(), size) - position;
      if (available <= 0) {
        await idleWait(options, lastByte, () => options.more(position, signal));
        continue;
      }
      const pieces: Buffer[] = [];
      const fromMemory = options.live(position, Math.min(available, READ_BYTES));
      if (fromMemory) {
        pieces.push(...fromMemory);
      } else {
        const buf = buffers[turn].subarray(0, Math.min(available, READ_BYTES));
        const { bytesRead } = await handle.read(buf, 0, buf.length, position);
        turn = 1 - turn;
        if (bytesRead === 0) continue;
        pieces.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      }
      for (const piece of pieces) {
        const end = position + piece.length;
        if (end === size) {
          // The last piece: only once every byte is verified and the whole-file checksum agrees.
          while ((await options.committed()) < size) {
            options.checkRollback(end);
            await idleWait(options, lastByte, () => options.more(size, signal));
          }
          options.checkRollback(end);
          hash.update(piece);
          options.idle.waiting = true;
          await raceStall(options.beforeLast(hash.digest('hex')), options.stallMs);
          options.idle.waiting = false;
        } else {
          hash.update(piece);
        }
        position = end;
        yield piece;
        lastByte = Date.now();
        options.onBytes(position);
      }
    }
    if (size === 0) await options.beforeLast(hash.digest('hex'));
  } finally {
    await handle.close();
  }
}

function raceStall<T>(work: Promise<T>, stallMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Stalled(`waited ${Math.round(stallMs / 1000)} s for the checksum`));
    }, stallMs);
  });
  return Promise.race([work, stalled]).finally(() => {
    clearTimeout(timer);
  });
}
