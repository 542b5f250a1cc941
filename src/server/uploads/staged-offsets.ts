/**
 * How far each staged file may be read: the bytes a PATCH has written and (when it carried `Upload-Checksum`)
 * verified. The forwarder follows this instead of the file's size, so unverified bytes never reach CDI, and it
 * wakes up on each commit instead of polling. After a restart nothing is in memory: the file's size is the
 * committed length (unverified tails are cut on start, see `tus-patch.ts`).
 */
import { stat } from 'node:fs/promises';

/** Longest wait without an event (a safety net: e.g. a write made by another process). */
const MAX_WAIT_MS = 1000;

export class StagedOffsets {
  private readonly committed = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly fileOf: (id: string) => string) {}

  /** Bytes `0..offset` of the staged file are final. */
  commit(id: string, offset: number): void {
    this.committed.set(id, offset);
    const waiting = this.waiters.get(id);
    if (!waiting) return;
    this.waiters.delete(id);
    for (const wake of waiting) wake();
  }

  forget(id: string): void {
    this.committed.delete(id);
  }

  /** The readable length: the last commit, else the file's size (after a restart). */
  async readable(id: string): Promise<number> {
    const known = this.committed.get(id);
    if (known !== undefined) return known;
    try {
      return (await stat(this.fileOf(id))).size;
    } catch {
      return 0;
    }
  }

  /**
   * Resolves once more than `position` bytes are committed for `id` (at once if so already), or after a short
   * while; rejects when `signal` aborts.
   */
  beyond(id: string, position: number, signal: AbortSignal): Promise<void> {
    if ((this.committed.get(id) ?? -1) > position) return Promise.resolve();
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
