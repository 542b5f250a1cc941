import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_MAP, NAMESPACE } from '../builtin/types';
import { DurableState, loadDurableState, loadState } from './persistence';
import { TypeRegistry } from './registry';
import { CONTROLLER_USER, SandboxStore } from './store';
import { listSegments, readLog } from './write-ahead-log';

const openStore = async (dataDir: string): Promise<SandboxStore> => {
  const registry = new TypeRegistry();
  registry.register(NAMESPACE, true);
  registry.register(CONFIG_MAP, true);
  const store = new SandboxStore(registry, 100);
  await store.open(dataDir, false);
  return store;
};

/** Writes as a user (as the API makes them): these return only once they are on disk. */
const user = CONTROLLER_USER;

const cm = (name: string, v: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { v },
});

describe('write-ahead log', () => {
  const dirs: string[] = [];
  const fresh = async () => {
    const d = await mkdtemp(join(tmpdir(), 'vm-disks-wal-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('has every returned write on disk before the write returns (no close, no snapshot)', async () => {
    const dataDir = await fresh();
    const first = await openStore(dataDir);
    await first.create(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
      user,
    );
    const a = await first.create(cm('a', '1'), user);
    await first.create(cm('b', '1'), user);
    const a2 = await first.update({ ...a, data: { v: '2' } }, user);
    await first.delete(CONFIG_MAP, 'default', 'b', user);
    // Sequential writes take a sync each; concurrent ones share syncs (group commit).
    const syncsBefore = first.logSyncs();
    await Promise.all(['c', 'd', 'e', 'f'].map((n) => first.create(cm(n, n), user)));
    expect(first.logSyncs() - syncsBefore).toBeLessThan(4);
    // The process "dies" here: nothing flushed, no snapshot written.
    expect(await loadState(dataDir)).toBeUndefined();

    const second = await openStore(dataDir);
    expect(second.get(CONFIG_MAP, 'default', 'a')).toMatchObject({
      data: { v: '2' },
      metadata: { resourceVersion: a2.metadata.resourceVersion, uid: a.metadata.uid },
    });
    expect(second.get(CONFIG_MAP, 'default', 'b')).toBeUndefined();
    expect(second.get(CONFIG_MAP, 'default', 'f')).toMatchObject({ data: { v: 'f' } });
    const rvBefore = first.currentResourceVersion();
    expect(second.currentResourceVersion()).toBe(rvBefore);
    const next = await second.create(cm('g', '1'), user);
    expect(Number(next.metadata.resourceVersion)).toBe(rvBefore + 1);
    // The replayed log was folded into the snapshot; the older segments are gone.
    expect((await loadState(dataDir))?.resourceVersion).toBe(rvBefore);
    expect((await listSegments(dataDir)).length).toBe(1);
    await second.close();
    await first.close();
  });

  it('ignores a torn last record (a write that never completed) and compacts on close', async () => {
    const dataDir = await fresh();
    const first = await openStore(dataDir);
    await first.create(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
      user,
    );
    await first.create(cm('kept', '1'), user);
    const segments = await listSegments(dataDir);
    const last = segments.at(-1)?.file ?? '';
    await appendFile(last, '{"rv":99,"t":"/ConfigMap","k":"default/torn","o":{"apiVe');
    expect((await readLog(dataDir)).map((r) => r.k)).toEqual(['/default', 'default/kept']);

    const second = await openStore(dataDir);
    expect(second.get(CONFIG_MAP, 'default', 'kept')).toBeDefined();
    expect(second.get(CONFIG_MAP, 'default', 'torn')).toBeUndefined();
    await second.create(cm('later', '1'), user);
    await second.close();
    const files = await readdir(dataDir);
    expect(files).toContain('state.json');
    expect((await readLog(dataDir)).length).toBe(0);
    const state = await loadState(dataDir);
    expect(state?.objects.map((o) => o.metadata.name).sort()).toEqual(['default', 'kept', 'later']);
    await first.close();
  });

  it('refuses a log corrupted before its end', async () => {
    const dataDir = await fresh();
    const first = await openStore(dataDir);
    await first.create(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
      user,
    );
    const last = (await listSegments(dataDir)).at(-1)?.file ?? '';
    await appendFile(last, 'garbage\n{"rv":5,"t":"/ConfigMap","k":"default/x","d":1}\n');
    await expect(openStore(dataDir)).rejects.toThrow(/corrupt write-ahead log/);
    await first.close();
  });
  it('keeps writes made while a compaction is under way (crash right after it)', async () => {
    const dataDir = await fresh();
    const first = await openStore(dataDir);
    await first.create(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
      user,
    );
    const names = Array.from({ length: 60 }, (_, i) => `during-${String(i)}`);
    const writes: Promise<unknown>[] = [];
    for (const [i, name] of names.entries()) {
      writes.push(first.create(cm(name, String(i)), user));
      // A compaction starts while a log write is in flight and more creates follow at once.
      if (i % 20 === 10) {
        await new Promise((r) => setImmediate(r));
        writes.push(first.flush());
      }
    }
    await Promise.all(writes);
    const second = await openStore(dataDir);
    for (const name of names) expect(second.get(CONFIG_MAP, 'default', name)).toBeDefined();
    expect(second.currentResourceVersion()).toBe(first.currentResourceVersion());
    await second.close();
    await first.close();
  });
  it('a change logged right after a compaction starts goes to the new segment, not the dropped one', async () => {
    const dataDir = await fresh();
    let rv = 0;
    const objects: { apiVersion: string; kind: string; metadata: { name: string } }[] = [];
    const durable = new DurableState(dataDir, () => ({ version: 1, resourceVersion: rv, objects }));
    await durable.open(false);
    const change = (name: string) => {
      rv++;
      const o = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } };
      objects.push(o);
      return durable.record({ rv, t: '/ConfigMap', k: `default/${name}`, o });
    };
    const before = change('in-snapshot');
    const compacted = durable.compact(); // snapshot holds rv 1
    const after = change('after-snapshot'); // rv 2: only the log has it
    await Promise.all([before, compacted, after]);
    const loaded = await loadDurableState(dataDir);
    expect(loaded.snapshot?.resourceVersion).toBe(1);
    expect(loaded.changes.map((c) => c.k)).toEqual(['default/after-snapshot']);
    await durable.close();
  });
});
