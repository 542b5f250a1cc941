// What the CDI leg may stream: written bytes (from memory at the live edge), committed bytes, rollbacks.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stagedBytes } from './staged-bytes';
import { StagedOffsets } from './staged-offsets';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-offsets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('StagedOffsets', () => {
  it('keeps the latest written batch in memory and serves slices of it without a copy', () => {
    const o = new StagedOffsets((id) => path.join(dir, id));
    const a = Buffer.from('abcd');
    const b = Buffer.from('efgh');
    o.written('x', 100, [a, b]);
    const live = o.liveAt('x', 102, 5);
    expect(Buffer.concat(live ?? []).toString()).toBe('cdefg');
    expect(live?.[0]?.buffer).toBe(a.buffer);
    expect(o.liveAt('x', 99, 5)).toBeUndefined();
    expect(o.liveAt('x', 108, 5)).toBeUndefined();
  });

  it('a commit below the written edge is a rollback that voids bytes sent past it', async () => {
    const o = new StagedOffsets((id) => path.join(dir, id));
    o.commit('x', 0);
    const epoch = o.epoch('x');
    o.written('x', 0, [Buffer.alloc(10)]);
    expect(await o.readable('x')).toBe(10);
    expect(await o.committedLength('x')).toBe(0);
    expect(o.rolledBackBelow('x', epoch, 8)).toBe(false);
    o.commit('x', 4); // the chunk 4..10 did not match
    expect(await o.readable('x')).toBe(4);
    expect(o.rolledBackBelow('x', epoch, 8)).toBe(true);
    expect(o.rolledBackBelow('x', epoch, 4)).toBe(false);
    expect(o.liveAt('x', 0, 10)).toBeUndefined();
  });

  it('the CDI reader sends what is in memory at the live edge, not the file', async () => {
    const file = path.join(dir, 'live');
    // The file holds other bytes than memory, so the output shows where each piece came from.
    await writeFile(file, Buffer.alloc(8, 'f'));
    const o = new StagedOffsets(() => file);
    o.written('y', 0, [Buffer.alloc(4, 'm')]);
    o.commit('y', 4);
    const out: string[] = [];
    const controller = new AbortController();
    const reader = stagedBytes({
      file,
      size: 4,
      signal: controller.signal,
      beforeLast: () => Promise.resolve(),
      onBytes: () => undefined,
      readable: () => o.readable('y'),
      committed: () => o.committedLength('y'),
      more: (p, s) => o.beyond('y', p, s),
      live: (p, max) => o.liveAt('y', p, max),
      checkRollback: () => undefined,
      stallMs: 60_000,
      idle: { waiting: false },
    });
    for await (const piece of reader) out.push(piece.toString());
    expect(out.join('')).toBe('mmmm');
  });
});
