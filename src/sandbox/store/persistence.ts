import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../contract';
import {
  listSegments,
  readLog,
  WriteAheadLog,
  writeFileDurably,
  type WalRecord,
} from './write-ahead-log';

export interface PersistedState {
  version: 1;
  resourceVersion: number;
  objects: KubeObject[];
}

const stateFile = (dataDir: string): string => join(dataDir, 'state.json');

export const loadState = async (dataDir: string): Promise<PersistedState | undefined> => {
  try {
    const text = await readFile(stateFile(dataDir), 'utf8');
    const parsed = JSON.parse(text) as Omit<PersistedState, 'version'> & { version?: number };
    return parsed.version === 1 ? { ...parsed, version: 1 } : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
};

/** What a data directory holds: the last snapshot and the logged changes made after it. */
export interface LoadedState {
  snapshot: PersistedState | undefined;
  /** Log records newer than the snapshot, in commit order. */
  changes: WalRecord[];
}

export const loadDurableState = async (dataDir: string): Promise<LoadedState> => {
  const snapshot = await loadState(dataDir);
  const from = snapshot?.resourceVersion ?? 0;
  const changes = (await readLog(dataDir)).filter((r) => r.rv > from);
  return { snapshot, changes };
};

export interface DurableStateOptions {
  /** Compact (snapshot + drop the log) once the current log segment holds this many bytes. */
  compactBytes?: number;
  /** ...or, when the log holds anything, this often. */
  compactIntervalMs?: number;
}

/**
 * Durable persistence: every change is appended to a write-ahead log and fdatasync'ed before the
 * write that made it returns (`record()`; changes of one event-loop turn share one sync); the
 * log is compacted into `state.json` (written atomically and durably) now and then and on close.
 * Start-up loads `state.json` and replays the log after it (`loadDurableState`).
 */
export class DurableState {
  private readonly wal: WriteAheadLog;
  private compacting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  private readonly compactBytes: number;
  private readonly compactIntervalMs: number;

  constructor(
    private readonly dataDir: string,
    private readonly snapshot: () => PersistedState,
    opts: DurableStateOptions = {},
  ) {
    this.wal = new WriteAheadLog(dataDir);
    this.compactBytes = opts.compactBytes ?? 8 * 1024 * 1024;
    this.compactIntervalMs = opts.compactIntervalMs ?? 30_000;
  }

  /** Starts a new log segment; with `reset`, forgets whatever the directory held. */
  async open(reset: boolean): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    if (reset) {
      for (const s of await listSegments(this.dataDir)) await rm(s.file, { force: true });
      await rm(stateFile(this.dataDir), { force: true });
      this.dirty = true;
    }
    await this.wal.open();
    this.timer = setInterval(() => {
      if (this.wal.records > 0) void this.compact().catch(reportCompactionFailure);
    }, this.compactIntervalMs);
    this.timer.unref();
  }

  /** Logs one change; resolves once it is on disk. */
  record(r: WalRecord): Promise<void> {
    const done = this.wal.append(r);
    if (this.wal.bytes >= this.compactBytes && !this.compacting) {
      void this.compact().catch(reportCompactionFailure);
    }
    return done;
  }

  /** Everything recorded so far is on disk and compacted into `state.json`. */
  async flush(): Promise<void> {
    while (this.compacting) await this.compacting;
    if (this.wal.records > 0 || this.dirty) await this.compact();
    else await this.wal.sync();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
    await this.wal.close();
  }

  /** Log syncs so far (for measurements). */
  get syncs(): number {
    return this.wal.syncs;
  }

  /**
   * Snapshot now (synchronously, so it holds exactly the changes logged before the rotation), write
   * it durably, then drop the older log segments.
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    this.dirty = false;
    const text = JSON.stringify(this.snapshot());
    const rotated = this.wal.rotate();
    this.compacting = (async () => {
      try {
        const seq = await rotated;
        await writeFileDurably(this.dataDir, stateFile(this.dataDir), text);
        await this.wal.dropBefore(seq);
      } finally {
        this.compacting = undefined;
      }
    })();
    return this.compacting;
  }
}

const reportCompactionFailure = (e: unknown): void => {
  console.error('sandbox: compacting the write-ahead log failed', e);
};

/** The file that records which sandbox profile a data directory holds (`current` or `legacy`). */
const profileFile = (dataDir: string): string => join(dataDir, 'profile');

/**
 * The profile a data directory was seeded with: the marker file's content; `legacy` for a directory
 * that holds state but no marker (written before profiles existed, i.e. the seed's era); undefined
 * for an empty directory.
 */
export const readProfileMarker = async (dataDir: string): Promise<string | undefined> => {
  try {
    return (await readFile(profileFile(dataDir), 'utf8')).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const hasSnapshot = await stat(stateFile(dataDir)).then(
    () => true,
    () => false,
  );
  const segments = await listSegments(dataDir).catch(() => []);
  return hasSnapshot || segments.length > 0 ? 'legacy' : undefined;
};

export const writeProfileMarker = async (dataDir: string, profile: string): Promise<void> => {
  await writeFileDurably(dataDir, profileFile(dataDir), `${profile}\n`);
};
