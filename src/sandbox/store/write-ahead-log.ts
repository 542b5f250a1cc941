import { open, readdir, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../contract';

/**
 * One committed change as logged: the object's type key (`group/Kind`), its key in that type's
 * map (`namespace/name`) and either the new object (`o`, for ADDED and MODIFIED) or `d: 1` (DELETED).
 */
export interface WalRecord {
  rv: number;
  t: string;
  k: string;
  o?: KubeObject;
  d?: 1;
}

const SEGMENT = /^wal-(\d{12})\.log$/;
const segmentName = (seq: number): string => `wal-${String(seq).padStart(12, '0')}.log`;

/** The log segments in `dataDir`, oldest first. */
export const listSegments = async (dataDir: string): Promise<{ seq: number; file: string }[]> => {
  let names: string[];
  try {
    names = await readdir(dataDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .map((n) => ({ m: SEGMENT.exec(n), n }))
    .filter((x): x is { m: RegExpExecArray; n: string } => x.m !== null)
    .map((x) => ({ seq: Number(x.m[1]), file: join(dataDir, x.n) }))
    .sort((a, b) => a.seq - b.seq);
};

/**
 * Every record of every segment, in log order. A torn last line (a write cut by a power loss,
 * never acknowledged) ends its segment; anything unparsable before the end is an error.
 */
export const readLog = async (dataDir: string): Promise<WalRecord[]> => {
  const out: WalRecord[] = [];
  for (const { file } of await listSegments(dataDir)) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line === '') continue;
      try {
        out.push(JSON.parse(line) as WalRecord);
      } catch (e) {
        const tail = lines.slice(i + 1).every((l) => l === '');
        if (tail) break;
        throw new Error(`sandbox: corrupt write-ahead log ${file} line ${String(i + 1)}`, {
          cause: e,
        });
      }
    }
  }
  return out;
};

/** fsync of a directory, so a rename or a new file in it survives a crash. */
const syncDir = async (dir: string): Promise<void> => {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
};

/**
 * Append-only log with group commit: `append()` queues a record and returns a promise that
 * resolves once it is on disk (written and fdatasync'ed). Records queued during one event-loop turn
 * share one write and one fdatasync. `rotate()` starts a new segment (for compaction: the caller
 * writes a snapshot covering everything up to the rotation, then `dropBefore()` removes older ones).
 */
export class WriteAheadLog {
  private fh: FileHandle | undefined;
  private seq = 0;
  private pending: string[] = [];
  private waiters: { ok: () => void; fail: (e: unknown) => void }[] = [];
  private scheduled = false;
  /** The chain of disk operations (flushes, rotations), strictly one after another. */
  private chain: Promise<void> = Promise.resolve();
  /** Bytes in the current segment (written or queued). */
  bytes = 0;
  /** Records in the current segment (written or queued). */
  records = 0;
  /** Disk syncs done so far (for measurements). */
  syncs = 0;

  constructor(private readonly dataDir: string) {}

  /** Opens a new segment after the existing ones. */
  async open(): Promise<void> {
    const existing = await listSegments(this.dataDir);
    this.seq = (existing.at(-1)?.seq ?? 0) + 1;
    this.fh = await open(join(this.dataDir, segmentName(this.seq)), 'a');
    await syncDir(this.dataDir);
  }

  append(record: WalRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    this.pending.push(line);
    this.bytes += Buffer.byteLength(line);
    this.records++;
    const done = new Promise<void>((ok, fail) => {
      this.waiters.push({ ok, fail });
    });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.enqueueBatch();
      });
    }
    return done;
  }

  /** Resolves when everything appended so far is on disk. */
  async sync(): Promise<void> {
    this.enqueueBatch();
    await this.chain;
  }

  /**
   * Switches to a new segment: records appended from now on go there. Resolves (after the older
   * segments are fully written) with the sequence number of the new segment.
   */
  rotate(): Promise<number> {
    // Records appended before the rotation belong to the old segment (the caller's snapshot holds
    // them); the batch is taken now, so anything appended later goes to the new segment.
    this.enqueueBatch();
    this.bytes = 0;
    this.records = 0;
    let next = 0;
    this.enqueue(async () => {
      const old = this.fh;
      this.seq++;
      next = this.seq;
      this.fh = await open(join(this.dataDir, segmentName(this.seq)), 'a');
      await syncDir(this.dataDir);
      await old?.close();
    });
    return this.chain.then(() => next);
  }

  /** Removes every segment older than `seq`. */
  async dropBefore(seq: number): Promise<void> {
    for (const s of await listSegments(this.dataDir)) {
      if (s.seq < seq) await unlink(s.file);
    }
  }

  async close(): Promise<void> {
    await this.sync();
    await this.fh?.close();
    this.fh = undefined;
  }

  private enqueue(op: () => Promise<void>): void {
    // A failed operation must not stop the later ones: each reports its own failure.
    this.chain = this.chain.then(op, op);
  }

  /** Takes every record appended so far as one batch, written after what is already queued. */
  private enqueueBatch(): void {
    if (this.pending.length === 0) return;
    const lines = this.pending;
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    this.enqueue(() => this.writeBatch(lines, waiters));
  }

  private async writeBatch(
    lines: string[],
    waiters: { ok: () => void; fail: (e: unknown) => void }[],
  ): Promise<void> {
    try {
      const fh = this.fh;
      if (!fh) throw new Error('sandbox: write-ahead log is closed');
      await fh.write(lines.join(''));
      await fh.datasync();
      this.syncs++;
      for (const w of waiters) w.ok();
    } catch (e) {
      for (const w of waiters) w.fail(e);
    }
  }
}

/** Writes `file` atomically and durably: temp file, fsync, rename, fsync of the directory. */
export const writeFileDurably = async (dir: string, file: string, text: string): Promise<void> => {
  const tmp = `${file}.${String(process.pid)}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await syncDir(dir);
};
