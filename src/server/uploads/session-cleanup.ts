/**
 * The life of upload sessions outside requests: what unfinished uploads hold of the staging volume, the
 * expiry of reservations no byte arrived for (issue 13, break 4), cancelling, and the clean-up every 10
 * minutes (finished records after an hour, uploads idle for 24 hours failed as abandoned).
 */
import type { Forwarder } from './forwarder';
import type { SessionStore } from './session-store';
import { ACTIVE_STATES, type UploadSession } from './session-types';
import { freeBytes, stagingQuota, type Holdings, type StagingQuota } from './staging-space';

const FINISHED_KEEP_MS = 60 * 60_000;
const ABANDONED_MS = 24 * 60 * 60_000;
const CLEANUP_EVERY_MS = 10 * 60_000;

export interface SessionCleanupOptions {
  store: SessionStore;
  forwarder: Forwarder | null;
  stagingDir: string;
  reservationExpiryMs: number;
  /** Removes an upload's staged bytes (after its running PATCH settled). */
  dropStaged: (id: string) => Promise<void>;
  /** A tus PATCH is receiving for the upload now. */
  isPatching: (id: string) => boolean;
  log: (message: string) => void;
}

export class SessionCleanup {
  private readonly reservationTimers = new Set<NodeJS.Timeout>();
  private interval: NodeJS.Timeout | undefined;

  constructor(private readonly o: SessionCleanupOptions) {}

  /**
   * A reservation no byte arrived for: it expires sooner than an upload under way. Its state may already be
   * past `receiving` (the CDI leg waits for bytes in `forwarding`); a PATCH still receiving its first bytes
   * (slow link, checksummed chunk not yet complete) keeps it.
   */
  idleReservation(s: UploadSession, now = Date.now()): boolean {
    return (
      ACTIVE_STATES.has(s.state) &&
      s.received === 0 &&
      !this.o.isPatching(s.id) &&
      now - Date.parse(s.createdAt) >= this.o.reservationExpiryMs
    );
  }

  /** What unfinished uploads (those `filter` keeps) hold of the staging volume. */
  holdings(filter: (s: UploadSession) => boolean = () => true): Holdings {
    return this.o.store
      .all()
      .filter((s) => ACTIVE_STATES.has(s.state) && !this.idleReservation(s) && filter(s))
      .reduce(
        (sum, s) => ({
          held: sum.held + s.size,
          staged: sum.staged + Math.min(s.received, s.size),
        }),
        { held: 0, staged: 0 },
      );
  }

  async quotaOf(owner: string, namespace: string): Promise<StagingQuota> {
    return stagingQuota({
      free: await freeBytes(this.o.stagingDir),
      all: this.holdings(),
      user: this.holdings((s) => s.owner === owner),
      namespace: this.holdings((s) => s.namespace === namespace),
    });
  }

  /** Stops the CDI leg, drops the staged bytes and ends the session (its reservation with it). */
  async cancel(id: string): Promise<UploadSession | undefined> {
    const { store, forwarder, dropStaged } = this.o;
    const s = store.get(id);
    if (!s) return undefined;
    forwarder?.stop(s.id);
    await dropStaged(s.id);
    if (ACTIVE_STATES.has(s.state)) return store.update(s.id, { state: 'cancelled' });
    await store.remove(s.id);
    return s;
  }

  /** Releases a reservation no byte arrived for; what it held is free for everyone at once. */
  private async expireReservation(id: string): Promise<void> {
    const { store, forwarder, dropStaged, reservationExpiryMs } = this.o;
    const s = store.get(id);
    if (!s || !this.idleReservation(s)) return;
    // Failed first: a request of the owner's that arrives meanwhile must not start the CDI leg again.
    await store.update(s.id, {
      state: 'failed',
      error: `expired: no byte arrived within ${Math.round(reservationExpiryMs / 1000)} seconds of creation; start the upload again`,
    });
    forwarder?.stop(s.id);
    await dropStaged(s.id);
  }

  /** Expires the reservation at its deadline, or looks again later while a first PATCH is still under way. */
  watchReservation(id: string, delayMs = this.o.reservationExpiryMs): void {
    const { store, reservationExpiryMs, log } = this.o;
    const timer = setTimeout(() => {
      this.reservationTimers.delete(timer);
      const s = store.get(id);
      if (!s || !ACTIVE_STATES.has(s.state) || s.received > 0) return;
      if (this.idleReservation(s)) {
        void this.expireReservation(id).catch((err: unknown) => {
          log(`upload expiry: ${(err as Error).message}`);
        });
      } else {
        const left = Date.parse(s.createdAt) + reservationExpiryMs - Date.now();
        this.watchReservation(id, Math.max(left, Math.min(reservationExpiryMs, 10_000)));
      }
    }, delayMs);
    timer.unref();
    this.reservationTimers.add(timer);
  }

  private async cleanUp(expireTus: () => Promise<unknown>): Promise<void> {
    const { store, forwarder, dropStaged, reservationExpiryMs } = this.o;
    const now = Date.now();
    for (const s of store.all()) {
      const age = now - Date.parse(s.updatedAt);
      if (!ACTIVE_STATES.has(s.state) && age > FINISHED_KEEP_MS) {
        await dropStaged(s.id);
        await store.remove(s.id);
      } else if (this.idleReservation(s, now)) {
        await this.expireReservation(s.id);
      } else if (ACTIVE_STATES.has(s.state) && s.received === 0) {
        // Created before a restart: its deadline still counts from its creation.
        this.watchReservation(
          s.id,
          Math.max(0, Date.parse(s.createdAt) + reservationExpiryMs - now),
        );
      } else if (ACTIVE_STATES.has(s.state) && age > ABANDONED_MS && !forwarder?.isRunning(s.id)) {
        await dropStaged(s.id);
        await store.update(s.id, { state: 'failed', error: 'abandoned: no activity for 24 hours' });
      }
    }
    await expireTus().catch(() => 0);
  }

  /** Cleans up now and every 10 minutes; `expireTus` is tus' own expiry (7 days). */
  start(expireTus: () => Promise<unknown>): void {
    this.interval = setInterval(() => {
      void this.cleanUp(expireTus).catch((err: unknown) => {
        this.o.log(`uploads cleanup: ${(err as Error).message}`);
      });
    }, CLEANUP_EVERY_MS);
    this.interval.unref();
    void this.cleanUp(expireTus).catch(() => undefined);
  }

  stop(): void {
    clearInterval(this.interval);
    for (const t of this.reservationTimers) clearTimeout(t);
  }
}
