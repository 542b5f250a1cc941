import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256 } from './sha256';

describe('Sha256 (the no-WebAssembly fallback)', () => {
  it('matches node:crypto for empty, short, block-edge and multi-part inputs', () => {
    for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 100_003]) {
      const data = randomBytes(size);
      const ours = new Sha256();
      // feed in uneven pieces
      for (let at = 0; at < size; at += 37 + (at % 11))
        ours.update(data.subarray(at, at + 37 + (at % 11)));
      expect(ours.digestHex(), String(size)).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});
