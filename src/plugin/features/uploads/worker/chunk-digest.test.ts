import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestChunk, hexToBase64, partsWithout } from './chunk-digest';
import { hasher } from './hashing';
import { ZERO_BLOCK_BYTES } from './zero-runs';

const noise = (n: number, seed: number): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};
const BLOCK = ZERO_BLOCK_BYTES;
/** Blocks of noise with every other block zero. */
const halfZeros = (blocks: number): Uint8Array<ArrayBuffer> => {
  const out = noise(blocks * BLOCK, 5);
  for (let b = 1; b < blocks; b += 2) out.fill(0, b * BLOCK, (b + 1) * BLOCK);
  return out;
};
/** Node's SHA-256 in the form `Upload-Checksum: sha256 …` carries it (base64 of the 32 bytes). */
const nodeSha = (b: Uint8Array) => createHash('sha256').update(b).digest('base64');

// The backend checks these with node:crypto (src/server/uploads/tus-checksum.ts); the tus checksum extension
// (tus.io protocol 1.0, "Checksum") defines the header as "<algorithm> <base64 digest>".
describe('digestChunk: the SHA-256 of the bytes a chunk PATCH sends', () => {
  it('sparse: hashes only the bytes outside the zero runs and lists the runs', async () => {
    const chunk = halfZeros(6);
    const r = await digestChunk(chunk, true, hasher);
    expect(r.zeroRuns).toEqual([1, 3, 5].map((b) => ({ start: b * BLOCK, length: BLOCK })));
    const sent = Buffer.concat(partsWithout(chunk, r.zeroRuns));
    expect(sent.length).toBe(3 * BLOCK);
    expect(r.sha256).toBe(nodeSha(sent));
    // Not the SHA-256 of the logical bytes: the zeros are implied, not hashed.
    expect(r.sha256).not.toBe(nodeSha(chunk));
  });

  it('not sparse: hashes every byte (zero blocks included) and lists no runs', async () => {
    const chunk = halfZeros(5);
    const r = await digestChunk(chunk, false, hasher);
    expect(r.zeroRuns).toEqual([]);
    expect(r.sha256).toBe(nodeSha(chunk));
  });

  it('a chunk of zeros only sends nothing: the SHA-256 of the empty body', async () => {
    const r = await digestChunk(new Uint8Array(3 * BLOCK + 17), true, hasher);
    expect(r.zeroRuns).toEqual([{ start: 0, length: 3 * BLOCK + 17 }]);
    expect(r.sha256).toBe(nodeSha(new Uint8Array(0)));
  });

  it('a short last chunk with a zero tail (the last block shorter than a block)', async () => {
    const chunk = noise(2 * BLOCK + 1000, 7);
    chunk.fill(0, 2 * BLOCK);
    const r = await digestChunk(chunk, true, hasher);
    expect(r.zeroRuns).toEqual([{ start: 2 * BLOCK, length: 1000 }]);
    expect(r.sha256).toBe(nodeSha(chunk.subarray(0, 2 * BLOCK)));
  });

  it('digests of chunks computed at the same time do not mix (one hasher per chunk)', async () => {
    const a = noise(4 * BLOCK, 1);
    const b = halfZeros(4);
    const [ra, rb] = await Promise.all([
      digestChunk(a, true, hasher),
      digestChunk(b, true, hasher),
    ]);
    expect(ra.sha256).toBe(nodeSha(a));
    expect(rb.sha256).toBe(nodeSha(Buffer.concat(partsWithout(b, rb.zeroRuns))));
  });
});

describe('hexToBase64', () => {
  it('turns a hex digest into the base64 of its bytes', () => {
    const digest = createHash('sha256').update('vm-disks').digest();
    expect(hexToBase64(digest.toString('hex'))).toBe(digest.toString('base64'));
    expect(hexToBase64('')).toBe('');
  });

  it('refuses what is not hex bytes', () => {
    expect(() => hexToBase64('abc')).toThrow(/not hex bytes/);
    expect(() => hexToBase64('zz')).toThrow(/not hex bytes/);
  });
});
