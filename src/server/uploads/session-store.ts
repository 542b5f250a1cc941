/**
 * Upload sessions on disk (`<staging>/sessions/<id>.json`), so that a backend restart finds every unfinished
 * upload again. Writes are atomic (temp file + rename). Tokens are never stored here.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { UploadSession } from './session-types';

const ID_PATTERN = /^[a-f0-9]{32}$/;

export class SessionStore {
  private readonly sessions = new Map<string, UploadSession>();
  private readonly dir: string;
  private writes = new Map<string, Promise<void>>();

  constructor(stagingDir: string) {
    this.dir = path.join(stagingDir, 'sessions');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    for (const file of readdirSync(this.dir)) {
      if (!file.endsWith('.json')) continue;
      try {
        const s = JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')) as UploadSession;
        if (ID_PATTERN.test(s.id)) this.sessions.set(s.id, s);
      } catch {
        // a torn write from a crash: ignore the file
      }
    }
  }

  static isId(id: string): boolean {
    return ID_PATTERN.test(id);
  }

  get(id: string): UploadSession | undefined {
    return this.sessions.get(id);
  }

  all(): UploadSession[] {
    return [...this.sessions.values()];
  }

  byOwner(owner: string): UploadSession[] {
    return this.all()
      .filter((s) => s.owner === owner)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Applies `change` and persists; returns the new session. */
  async update(id: string, change: Partial<UploadSession>): Promise<UploadSession | undefined> {
    const current = this.sessions.get(id);
    if (!current) return undefined;
    const next = { ...current, ...change, updatedAt: new Date().toISOString() };
    this.sessions.set(id, next);
    await this.persist(next);
    return next;
  }

  async put(session: UploadSession): Promise<void> {
    this.sessions.set(session.id, session);
    await this.persist(session);
  }

  async remove(id: string): Promise<void> {
    this.sessions.delete(id);
    await (this.writes.get(id) ?? Promise.resolve());
    await rm(path.join(this.dir, `${id}.json`), { force: true });
  }

  private async persist(session: UploadSession): Promise<void> {
    const previous = this.writes.get(session.id) ?? Promise.resolve();
    const write = previous.then(async () => {
      if (!this.sessions.has(session.id)) return;
      const file = path.join(this.dir, `${session.id}.json`);
      const tmp = `${file}.tmp`;
      await writeFile(tmp, JSON.stringify(this.sessions.get(session.id)), { mode: 0o600 });
      await rename(tmp, file);
    });
    this.writes.set(
      session.id,
      write.catch(() => undefined),
    );
    await write;
  }
}
