import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256OfBlob } from './hashing';

const bytes = (n: number, seed: number): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};
const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256OfBlob', () => {
  it.each([
    [0, 4096],
    [1, 4096],
    [4096, 4096],
    [4097, 4096],
    [3 * 4096 + 17, 4096],
    [100_000, 1 << 20],
  ])('hashes %i bytes in slices of %i like node:crypto, with hash-wasm', async (n, slice) => {
    const data = bytes(n, n + 1);
    const progress: number[] = [];
    const r = await sha256OfBlob(
      new Blob([data]),
      (h) => progress.push(h),
      () => false,
      slice,
    );
    expect(r).toEqual({ sha256: nodeSha(data), engine: 'wasm' });
    expect(progress.at(-1) ?? 0).toBe(n);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('stops when cancelled', async () => {
    let calls = 0;
    await expect(
      sha256OfBlob(
        new Blob([bytes(50_000, 7)]),
        () => undefined,
        () => ++calls > 2,
        4096,
      ),
    ).rejects.toThrow('cancelled');
    expect(calls).toBe(3);
  });
});
