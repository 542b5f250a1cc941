/**
 * tus PATCH on Node streams, in front of `@tus/server` (which keeps creation, HEAD, termination and expiry):
 * the body goes from the socket straight into the staged file in large `writev` batches (or whatever arrived
 * within a second on a slow link); each batch is handed to `StagedOffsets` at once so the CDI leg streams it
 * on, from memory, while the rest arrives.
 *
 * With `Upload-Checksum` (tus checksum extension) nothing of the body is committed until the whole body is in
 * and its digest matches: a mismatch answers 460, cuts the staged file back to where the PATCH started and
 * leaves the offset unchanged, so the bad bytes are neither kept nor forwarded. While such a body is being
 * written a marker `<file>.unverified` holds the start offset; `recoverUnverified` cuts any tail a crash left.
 *
 * One PATCH per upload at a time: a second PATCH is refused (423); the owner's HEAD ends the one still running
 * (its client has given up on it) and waits for it to settle before it looks at the offset. A PATCH that sends
 * nothing for `idleTimeoutMs` is ended, keeping what it staged.
 */
import { readdir, readFile, rm, truncate, writeFile, open } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { withoutAddresses } from '../public-errors';
import type { StagedOffsets } from './staged-offsets';
import { ChecksumHeaderError, checksumHash, parseUploadChecksum } from './tus-checksum';
import {
  parseZeroRanges,
  SPARSE_CONTENT_TYPE,
  type ZeroRange,
  ZeroRangeHeaderError,
  ZeroRangeTooLong,
} from './tus-zero-ranges';

/** Bytes gathered from the socket before one `writev` (and one commit). */
const WRITE_BATCH_BYTES = 4 * 1024 * 1024;
/**
 * On a slow link a batch is written after this long even when smaller: the CDI leg streams written bytes on,
 * so its POST to the upload proxy never waits long for the next byte (issue 13, break 5).
 */
const WRITE_BATCH_MS = 1000;
const UNVERIFIED = '.unverified';

/** An answer a check produced (`status_code` and `body`, as `@tus/server` hooks throw them). */
export interface TusAnswerLike {
  status_code: number;
  body: string;
}

const isAnswer = (err: unknown): err is TusAnswerLike =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as TusAnswerLike).status_code === 'number' &&
  typeof (err as TusAnswerLike).body === 'string';

class Refusal extends Error implements TusAnswerLike {
  readonly body: string;
  constructor(
    readonly status_code: number,
    message: string,
  ) {
    super(message);
    this.body = `${message}\n`;
  }
}

export interface TusPatchOptions {
  /** The staged file of an upload. */
  fileOf(id: string): string;
  offsets: StagedOffsets;
  /** Identity and ownership checks (throws an answer: 401, 404, 410 …). */
  authorize(req: IncomingMessage, id: string): Promise<void>;
  /** The upload's declared length and current offset (throws 404 when unknown). */
  uploadOf(id: string): Promise<{ size?: number; offset: number }>;
  /** Bytes `0..offset` are staged for good. */
  onStaged(id: string, offset: number, size: number): Promise<void>;
  /** A zero range of `bytes` was declared and staged as a hole (`tus-zero-ranges.ts`). */
  onZeroRange?(id: string, bytes: number): Promise<void>;
  /** A PATCH without a SHA-256 `Upload-Checksum` is about to stage bytes. */
  onUnchecked(id: string): Promise<void>;
  log(message: string): void;
  /** A PATCH body that sends no byte for this long is ended (default 2 minutes). */
  idleTimeoutMs?: number;
  /**
   * Looks at the upload's first `headBytes` bytes (or all of a shorter upload) before anything past them is
   * staged; throwing an answer refuses the PATCH: the rest of its body is read and dropped (issue 13, break 8).
   */
  checkHead?(id: string, head: Buffer, size: number): Promise<void>;
  headBytes?: number;
}

export const DEFAULT_PATCH_IDLE_TIMEOUT_MS = 2 * 60_000;

interface Running {
  req: IncomingMessage;
  done: Promise<void>;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function answer(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body = '',
): void {
  if (res.headersSent || res.destroyed) {
    res.end();
    return;
  }
  res.writeHead(status, {
    'tus-resumable': '1.0.0',
    ...headers,
    ...(body ? { 'content-type': 'text/plain; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

export class TusPatchReceiver {
  private readonly running = new Map<string, Running>();

  constructor(private readonly o: TusPatchOptions) {}

  /** Whether a PATCH for `id` is receiving now. */
  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Ends the PATCH still running for `id` (if any) and waits until its bytes are settled. */
  async settle(id: string): Promise<void> {
    const current = this.running.get(id);
    if (!current) return;
    current.req.destroy();
    await current.done;
  }

  /** Cuts tails a crash left behind in the middle of a checksummed PATCH. */
  async recoverUnverified(dir: string): Promise<void> {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith(UNVERIFIED)) continue;
      const marker = path.join(dir, name);
      const start = Number((await readFile(marker, 'utf8').catch(() => '')).trim());
      const file = marker.slice(0, -UNVERIFIED.length);
      if (Number.isSafeInteger(start) && start >= 0) {
        await truncate(file, start).catch(() => undefined);
        this.o.log(`upload ${path.basename(file)}: dropped unverified bytes after ${start}`);
      }
      await rm(marker, { force: true });
    }
  }

  async handle(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    try {
      await this.receive(req, res, id);
    } catch (err) {
      if (isAnswer(err)) {
        answer(res, err.status_code, {}, err.body);
        return;
      }
      this.o.log(`upload ${id}: PATCH failed: ${(err as Error).message}`);
      answer(
        res,
        500,
        {},
        `The upload could not be staged: ${withoutAddresses((err as Error).message)}\n`,
      );
    }
  }

  private async receive(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (!header(req, 'tus-resumable')) throw new Refusal(412, 'Tus-Resumable Required');
    const offsetHeader = header(req, 'upload-offset');
    if (offsetHeader === undefined || !/^\d{1,16}$/.test(offsetHeader)) {
      throw new Refusal(400, 'Upload-Offset must be a non-negative integer');
    }
    const start = Number(offsetHeader);
    const contentType = (header(req, 'content-type') ?? '').split(';')[0]?.trim();
    const sparse = contentType === SPARSE_CONTENT_TYPE;
    if (!sparse && contentType !== 'application/offset+octet-stream') {
      throw new Refusal(
        415,
        `Content-Type must be application/offset+octet-stream (or ${SPARSE_CONTENT_TYPE} with Upload-Zero-Ranges)`,
      );
    }
    await this.o.authorize(req, id);
    let expected;
    try {
      expected = parseUploadChecksum(header(req, 'upload-checksum'));
    } catch (err) {
      if (err instanceof ChecksumHeaderError) throw new Refusal(400, err.message);
      throw err;
    }
    if (header(req, 'upload-length') !== undefined) {
      throw new Refusal(400, 'Upload-Length is fixed at creation; it cannot be sent with a PATCH');
    }
    const lengthHeader = header(req, 'content-length');
    const bodyLength = lengthHeader === undefined ? undefined : Number(lengthHeader);

    await this.exclusive(req, id, start, async (size) => {
      let zeros: ZeroRange[] = [];
      if (sparse) {
        try {
          zeros = parseZeroRanges(
            header(req, 'upload-zero-ranges'),
            start,
            bodyLength,
            size,
          ).ranges;
        } catch (err) {
          if (err instanceof ZeroRangeTooLong) throw new Refusal(413, err.message);
          if (err instanceof ZeroRangeHeaderError) throw new Refusal(400, err.message);
          throw err;
        }
      } else if (bodyLength !== undefined && start + bodyLength > size) {
        throw new Refusal(
          413,
          `The body (${bodyLength} bytes from offset ${start}) runs past the upload's length ${size}`,
        );
      }
      // Declared zeros need no checksum: a sparse PATCH with an empty body is checked by definition.
      if (expected?.algorithm !== 'sha256' && !(sparse && bodyLength === 0)) {
        await this.o.onUnchecked(id);
      }
      await this.write(req, res, id, start, size, expected, zeros);
    });
  }

  /**
   * Runs `work` as the only PATCH of upload `id`, once the client's offset is the upload's (409 otherwise).
   * One PATCH per upload at a time (issue 13, break 8): a second one is refused, never raced. A client whose
   * earlier PATCH is still open here ends it with a HEAD first (tus resumes with HEAD), or the idle timeout does.
   */
  private async exclusive(
    req: IncomingMessage,
    id: string,
    start: number,
    work: (size: number) => Promise<void>,
  ): Promise<void> {
    if (this.running.has(id)) {
      throw new Refusal(
        423,
        'Another PATCH for this upload is in progress: wait for it, or send a HEAD to end it and resume from its offset',
      );
    }
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.running.set(id, { req, done });
    try {
      const upload = await this.o.uploadOf(id);
      if (upload.offset !== start) {
        throw new Refusal(
          409,
          `Upload-Offset ${start} does not match the upload's offset ${upload.offset}: send a HEAD and resume from there`,
        );
      }
      await work(upload.size ?? 0);
    } finally {
      this.running.delete(id);
      release();
    }
  }

  private async write(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    start: number,
    size: number,
    expected: ReturnType<typeof parseUploadChecksum>,
    zeros: ZeroRange[],
  ): Promise<void> {
    const file = this.o.fileOf(id);
    const marker = `${file}${UNVERIFIED}`;
    const hash = expected ? checksumHash(expected) : undefined;
    // From here on the CDI leg follows the commits, never the file's size (which may hold unverified bytes).
    this.o.offsets.commit(id, start);
    if (expected) await writeFile(marker, String(start));
    const handle = await open(file, 'r+');
    let position = start;
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let lastFlush = Date.now();
    let overflow = false;
    let failure: Error | undefined;
    let refused: TusAnswerLike | undefined;
    const headLimit = Math.min(this.o.headBytes ?? 0, size);
    let headPending = this.o.checkHead !== undefined && start < headLimit;
    const checkHead = async (): Promise<void> => {
      headPending = false;
      // What is staged already (a zero range may have been staged as a hole in the head: it reads as zeros).
      const before = Buffer.alloc(Math.min(position, headLimit));
      if (before.length > 0) await handle.read(before, 0, before.length, 0);
      const head = Buffer.concat([before, ...batch]).subarray(0, headLimit);
      try {
        await this.o.checkHead?.(id, head, size);
      } catch (err) {
        if (!isAnswer(err)) throw err;
        refused = err;
        batch = [];
        batchBytes = 0;
      }
    };
    const flush = async () => {
      if (batchBytes === 0) return;
      const pieces = batch;
      const bytes = batchBytes;
      batch = [];
      batchBytes = 0;
      lastFlush = Date.now();
      const { bytesWritten } = await handle.writev(pieces, position);
      if (bytesWritten !== bytes)
        throw new Error(`short write (${bytesWritten} of ${bytes} bytes)`);
      // The CDI leg may stream these on from memory now; checksummed bytes become final only once matched.
      this.o.offsets.written(id, position, pieces);
      position += bytes;
      if (!expected) this.o.offsets.commit(id, position);
    };
    // Declared zero ranges (sparse PATCH): when the body reaches one, the file grows past it without a write
    // (a hole), and the CDI leg sends it from a buffer of zeros.
    let nextZero = 0;
    let zeroBytes = 0;
    let bodyBytes = 0;
    const zeroAt = (i: number): ZeroRange | undefined => (i < zeros.length ? zeros[i] : undefined);
    // `refused` is set inside `checkHead` (a closure): read it through a call, not a narrowed variable.
    const wasRefused = () => refused !== undefined;
    const skipZeros = async () => {
      for (let r = zeroAt(nextZero); r?.from === position + batchBytes; r = zeroAt(nextZero)) {
        await flush();
        nextZero += 1;
        await handle.truncate(r.to);
        this.o.offsets.zeros(id, r.from, r.to);
        position = r.to;
        zeroBytes += r.to - r.from;
        if (!expected) this.o.offsets.commit(id, position);
        if (headPending && position >= headLimit) await checkHead();
        if (wasRefused()) return;
      }
    };
    const idleMs = this.o.idleTimeoutMs ?? DEFAULT_PATCH_IDLE_TIMEOUT_MS;
    const idle = setTimeout(() => {
      req.destroy(new Error(`no bytes for ${idleMs} ms`));
    }, idleMs);
    try {
      for await (const chunk of req) {
        idle.refresh();
        let rest = chunk as Buffer;
        while (rest.length > 0 && !wasRefused() && !overflow) {
          await skipZeros();
          if (wasRefused()) break;
          const at = position + batchBytes;
          const room = size - at;
          const toZero = (zeroAt(nextZero)?.from ?? Infinity) - at;
          const piece = rest.subarray(0, Math.min(toZero, Math.max(0, room)));
          rest = rest.subarray(piece.length);
          if (rest.length > 0 && piece.length === room) {
            overflow = true;
            rest = rest.subarray(rest.length);
          }
          if (piece.length === 0) continue;
          hash?.update(piece);
          bodyBytes += piece.length;
          batch.push(piece);
          batchBytes += piece.length;
          if (headPending && position + batchBytes >= headLimit) await checkHead();
          if (
            !headPending &&
            (batchBytes >= WRITE_BATCH_BYTES || Date.now() - lastFlush >= WRITE_BATCH_MS)
          )
            await flush();
        }
      }
      if (!wasRefused() && !overflow) await skipZeros();
      if (headPending) await checkHead();
      await flush();
    } catch (err) {
      failure = err as Error;
      // What arrived before the connection ended stays staged (tus resumes from it), unless it is unverified.
      if (!expected) await flush().catch(() => undefined);
    } finally {
      clearTimeout(idle);
      await handle.close();
    }
    if (refused) {
      await rm(marker, { force: true });
      throw new Refusal(refused.status_code, refused.body.trimEnd());
    }

    if (expected) {
      const actual = hash?.digest();
      const good = !failure && !overflow && actual !== undefined && actual.equals(expected.digest);
      if (!good) {
        await truncate(file, start);
        // A rollback: a CDI attempt that streamed these bytes on ends and starts again from the staged copy.
        this.o.offsets.commit(id, start);
        await rm(marker, { force: true });
        if (failure) return;
        if (overflow) {
          throw new Refusal(
            413,
            `The body runs past the upload's length ${size}; nothing was kept`,
          );
        }
        throw new Refusal(
          460,
          `Checksum Mismatch: the ${expected.algorithm} of the ${bodyBytes} bytes received is ` +
            `${actual?.toString('base64') ?? '?'}, Upload-Checksum says ${expected.digest.toString('base64')}; ` +
            `nothing was kept, the offset stays ${start}: send this chunk again`,
        );
      }
      await rm(marker, { force: true });
      this.o.offsets.commit(id, position);
    }
    if (zeroBytes > 0) await this.o.onZeroRange?.(id, zeroBytes);
    if (position > start) await this.o.onStaged(id, position, size);
    if (failure) return;
    if (overflow) {
      throw new Refusal(
        413,
        `The body runs past the upload's length ${size}; kept up to ${position}`,
      );
    }
    answer(res, 204, { 'upload-offset': String(position) });
  }
}
