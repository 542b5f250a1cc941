import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../contract';

export interface PersistedState {
  version: 1;
  resourceVersion: number;
  objects: KubeObject[];
}

export const stateFile = (dataDir: string): string => join(dataDir, 'state.json');

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

/**
 * Write-behind persistence: `markDirty()` schedules a write at most `delayMs` later; writes go to a
 * temporary file renamed over `state.json`, so a crash never leaves a torn file.
 */
export class StateWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  /** Duration of the last write; under heavy load writes are spaced by twice that. */
  private lastWriteMs = 0;

  constructor(
    private readonly dataDir: string,
    private readonly snapshot: () => PersistedState,
    private readonly delayMs = 100,
  ) {}

  markDirty(): void {
    this.dirty = true;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        void this.flush();
      },
      Math.max(this.delayMs, 2 * this.lastWriteMs),
    );
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    const started = Date.now();
    const state = this.snapshot();
    this.writing = (async () => {
      await mkdir(this.dataDir, { recursive: true });
      const tmp = `${stateFile(this.dataDir)}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(state));
      await rename(tmp, stateFile(this.dataDir));
    })();
    try {
      await this.writing;
    } finally {
      this.writing = undefined;
      this.lastWriteMs = Date.now() - started;
    }
  }
}
