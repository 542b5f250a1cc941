/**
 * How far each staged file may be read, and the bytes that just arrived, in memory.
 *
 * - `written`: bytes a PATCH has written to the staged file, verified or not. The CDI leg streams up to here
 *   (a slow link trickles on to CDI instead of leaving its POST idle until a 64 MiB checksummed chunk is in).
 * - `committed`: bytes final for good (a checksummed chunk counts once its digest matched). The CDI leg holds
 *   the last piece back until everything is committed, so CDI never completes with an unverified byte.
 * - a rollback (a checksummed chunk that did not match, or was cut, is dropped from the file) lowers both and
 *   bumps the upload's epoch: a CDI attempt that already sent bytes past the rollback point ends and starts
 *   again from the staged copy.
 * - a declared zero range (`tus-zero-ranges.ts`) is written and committed at once; while it is the latest
 *   batch, `liveAt` serves it from one shared buffer of zeros (never a buffer the size of the range).
 * - the latest written batch stays in memory (`liveAt`), so a CDI leg that keeps up with the browser sends
 *   what arrived from memory and reads the staged file only when it is behind (a retry, a restart).
 *
 * After a restart nothing is in memory: the file's size is the committed length (unverified tails are cut on
 * start, see `tus-patch.ts`).
 */
import { stat } from 'node:fs/promises';
import { ZEROS } from './tus-zero-ranges';

/** Longest wait without an event (a safety net: e.g. a write made by another process). */
const MAX_WAIT_MS = 1000;

interface LiveBatch {
  start: number;
  end: number;
  /** The received buffers; empty for a declared zero range, which is served from `ZEROS`. */
  pieces: Buffer[];
  zeros?: true;
}

interface Edge {
  written: number;
  committed: number;
  /** Bumped on each rollback; `rollbackTo` is the lowest point any rollback of this epoch range cut to. */
  epoch: number;
  rollbacks: { epoch: number; to: number }[];
  live?: LiveBatch;
}

export class StagedOffsets {
  private readonly edges = new Map<string, Edge>();
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly fileOf: (id: string) => string) {}

  private edge(id: string): Edge {
    let e = this.edges.get(id);
    if (!e) {
      e = { written: 0, committed: 0, epoch: 0, rollbacks: [] };
      this.edges.set(id, e);
    }
    return e;
  }

  private wake(id: string): void {
    const waiting = this.waiters.get(id);
    if (!waiting) return;
    this.waiters.delete(id);
    for (const wake of waiting) wake();
  }

  /** `pieces` were written at `start` (not verified yet when the PATCH carries a checksum). */
  written(id: string, start: number, pieces: Buffer[]): void {
    const e = this.edge(id);
    const bytes = pieces.reduce((n, p) => n + p.length, 0);
    e.written = Math.max(e.written, start + bytes);
    e.live = { start, end: start + bytes, pieces };
    this.wake(id);
  }

  /** `start..end` is a declared zero range, staged as a hole (final only once committed, as any bytes). */
  zeros(id: string, start: number, end: number): void {
    const e = this.edge(id);
    e.written = Math.max(e.written, end);
    e.live = { start, end, pieces: [], zeros: true };
    this.wake(id);
  }

  /**
   * Bytes `0..offset` of the staged file are final. An offset below what was written is a rollback: the
   * bytes after it were dropped.
   */
  commit(id: string, offset: number): void {
    const e = this.edge(id);
    if (offset < e.written) {
      e.epoch += 1;
      e.rollbacks.push({ epoch: e.epoch, to: offset });
      if (e.rollbacks.length > 16) e.rollbacks.shift();
      if (e.live && e.live.end > offset) e.live = undefined;
      e.written = offset;
    }
    e.committed = offset;
    e.written = Math.max(e.written, offset);
    this.wake(id);
  }

  forget(id: string): void {
    this.edges.delete(id);
    this.wake(id);
  }

  private async fileSize(id: string): Promise<number> {
    try {
      return (await stat(this.fileOf(id))).size;
    } catch {
      return 0;
    }
  }

  /** Bytes that may be streamed now (written, maybe not verified yet); after a restart, the file's size. */
  async readable(id: string): Promise<number> {
    const e = this.edges.get(id);
    return e ? e.written : this.fileSize(id);
  }

  /** Bytes final for good; after a restart, the file's size. */
  async committedLength(id: string): Promise<number> {
    const e = this.edges.get(id);
    return e ? e.committed : this.fileSize(id);
  }

  /** The current epoch (see `rolledBackBelow`). */
  epoch(id: string): number {
    return this.edges.get(id)?.epoch ?? 0;
  }

  /** Whether a rollback since `epoch` cut the file below `position` (bytes sent from there on are void). */
  rolledBackBelow(id: string, epoch: number, position: number): boolean {
    const e = this.edges.get(id);
    if (!e || e.epoch === epoch) return false;
    const cuts = e.rollbacks.filter((r) => r.epoch > epoch);
    // Older than the kept history: assume the worst.
    if (cuts.length < e.epoch - epoch) return true;
    return cuts.some((r) => r.to < position);
  }

  /** The bytes from `position` still in memory from the latest write (no copy), or undefined. */
  liveAt(id: string, position: number, max: number): Buffer[] | undefined {
    const live = this.edges.get(id)?.live;
    if (!live || position < live.start || position >= live.end) return undefined;
    if (live.zeros) return [ZEROS.subarray(0, Math.min(ZEROS.length, max, live.end - position))];
    const out: Buffer[] = [];
    let at = live.start;
    let room = max;
    for (const p of live.pieces) {
      const end = at + p.length;
      if (end > position && room > 0) {
        const from = Math.max(0, position - at);
        const piece = p.subarray(from, Math.min(p.length, from + room));
        out.push(piece);
        room -= piece.length;
      }
      at = end;
    }
    return out.length ? out : undefined;
  }

  /**
   * Resolves on the next event for `id` (a write, a commit, a rollback), at once if more than `position`
   * bytes are readable already, or after a short while; rejects when `signal` aborts.
   */
  beyond(id: string, position: number, signal: AbortSignal): Promise<void> {
    if ((this.edges.get(id)?.written ?? -1) > position) return Promise.resolve();
    return this.next(id, signal);
  }

  /** Resolves on the next event for `id`, or after a short while; rejects when `signal` aborts. */
  next(id: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.get(id)?.delete(done);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        this.waiters.get(id)?.delete(done);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const timer = setTimeout(done, MAX_WAIT_MS);
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      let set = this.waiters.get(id);
      if (!set) {
        set = new Set();
        this.waiters.set(id, set);
      }
      set.add(done);
    });
  }
}
