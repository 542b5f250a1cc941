import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ChunkDigester, partsWithout } from './chunk-digest';
import { crc32Base64, crc32Engine, crc32Js } from './crc32';
import { hasher } from './hashing';

const noise = (n: number, seed: number): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
};
const BLOCK = 64 * 1024;
/** Blocks of noise with every other block zero. */
const halfZeros = (blocks: number): Uint8Array<ArrayBuffer> => {
  const out = noise(blocks * BLOCK, 5);
  for (let b = 1; b < blocks; b += 2) out.fill(0, b * BLOCK, (b + 1) * BLOCK);
  return out;
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const digester = () => new ChunkDigester(crc32Engine, hasher);

describe('CRC-32 of chunks (the tus crc32 checksum the backend checks with node:zlib)', () => {
  it('hash-wasm and the TypeScript fallback agree with node:zlib crc32, across parts', async () => {
    const data = noise(100_003, 9);
    const parts = [data.subarray(0, 7), data.subarray(7, 70_000), data.subarray(70_000)];
    const wasm = await crc32Engine();
    expect(wasm.of(parts)).toBe(crc32(data));
    expect(crc32Js.of(parts)).toBe(crc32(data));
    expect(crc32Js.of([new TextEncoder().encode('123456789')])).toBe(0xcbf43926);
  });

  it('encodes the 4 bytes big-endian in base64, as Upload-Checksum carries them', () => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(0xcbf43926);
    expect(crc32Base64(0xcbf43926)).toBe(b.toString('base64'));
  });
});

describe('ChunkDigester', () => {
  it('checksums only the bytes a sparse PATCH sends, and lists the zero runs', async () => {
    const chunk = halfZeros(6);
    const r = await digester().digest(chunk, { key: 'k', offset: 0, fileSize: chunk.length, sparse: true });
    expect(r.zeroRuns).toEqual([1, 3, 5].map((b) => ({ start: b * BLOCK, length: BLOCK })));
    const sent = Buffer.concat(partsWithout(chunk, r.zeroRuns));
    expect(sent.length).toBe(3 * BLOCK);
    expect(r.crc32).toBe(crc32(sent));
    // The whole-file SHA-256 covers the logical bytes, zeros included.
    expect(r.sha256).toBe(sha(chunk));
  });

  it('gives the whole-file SHA-256 with the last chunk, each chunk hashed once though digested again', async () => {
    const file = noise(5 * BLOCK + 123, 3);
    const size = file.length;
    const d = digester();
    const at = (offset: number) => file.subarray(offset, Math.min(size, offset + 2 * BLOCK));
    const run = (offset: number, sparse = false) =>
      d.digest(at(offset), { key: 'f', offset, fileSize: size, sparse });
    expect((await run(0)).sha256).toBeUndefined();
    expect((await run(2 * BLOCK)).sha256).toBeUndefined();
    // A retry of chunk 0 and the sparse fallback of chunk 1 (digested again): not hashed twice.
    expect((await run(0)).sha256).toBeUndefined();
    expect((await run(2 * BLOCK, true)).sha256).toBeUndefined();
    const last = await run(4 * BLOCK);
    expect(last.sha256).toBe(sha(file));
    expect(last.crc32).toBe(crc32(at(4 * BLOCK)));
  });

  it('gives no whole-file SHA-256 for an upload resumed past its start (the page hashes the file instead)', async () => {
    const file = noise(4 * BLOCK, 4);
    const d = digester();
    const r = await d.digest(file.subarray(2 * BLOCK), {
      key: 'resumed',
      offset: 2 * BLOCK,
      fileSize: file.length,
      sparse: false,
    });
    expect(r.sha256).toBeUndefined();
    expect(r.crc32).toBe(crc32(file.subarray(2 * BLOCK)));
  });
});
