// Streaming SHA-256 of a Blob in 8 MiB slices: hash-wasm when WebAssembly may be compiled, else the plain
// TypeScript fallback (slower; used under a CSP without 'wasm-unsafe-eval').
import { createSHA256 } from 'hash-wasm';
import { Sha256 } from '../../../../lib/sha256';

export const HASH_SLICE = 8 * 1024 * 1024;

interface Hasher {
  update(data: Uint8Array): void;
  digest(): string;
  engine: 'wasm' | 'js';
}

async function hasher(): Promise<Hasher> {
  try {
    const h = await createSHA256();
    h.init();
    return {
      update: (d) => {
        h.update(d);
      },
      digest: () => h.digest('hex'),
      engine: 'wasm',
    };
  } catch {
    const h = new Sha256();
    return {
      update: (d) => {
        h.update(d);
      },
      digest: () => h.digestHex(),
      engine: 'js',
    };
  }
}

export async function sha256OfBlob(
  blob: Blob,
  onProgress: (hashed: number) => void,
  cancelled: () => boolean,
): Promise<{ sha256: string; engine: 'wasm' | 'js' }> {
  const h = await hasher();
  for (let at = 0; at < blob.size; at += HASH_SLICE) {
    if (cancelled()) throw new Error('cancelled');
    const piece = new Uint8Array(
      await blob.slice(at, Math.min(blob.size, at + HASH_SLICE)).arrayBuffer(),
    );
    h.update(piece);
    onProgress(Math.min(blob.size, at + HASH_SLICE));
  }
  return { sha256: h.digest(), engine: h.engine };
}
