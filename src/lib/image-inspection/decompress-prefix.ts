/**
 * Decompresses only the start of a compressed file: enough bytes to inspect the image inside. The
 * compressed input is a bounded slice, so decompressors may fail with "unexpected end" once it runs
 * out; whatever was produced before that is used.
 */
import { Decompress } from 'fzstd';
import * as xzDecompress from 'xz-decompress';
import type { Compression } from './types';

async function collect(stream: ReadableStream<Uint8Array>, need: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < need) {
      const { value, done } = await reader.read();
      if (done) break;
      parts.push(value);
      total += value.length;
    }
  } catch {
    // truncated input: keep what was decoded
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return join(parts, Math.min(total, need));
}

function join(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    if (at >= length) break;
    const take = p.subarray(0, length - at);
    out.set(take, at);
    at += take.length;
  }
  return out;
}

interface XzModule {
  XzReadableStream?: new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>;
}

/** xz-decompress is CommonJS (UMD): its class is a named or a default export depending on the bundler. */
function xzStream(input: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const mod = xzDecompress as unknown as XzModule & { default?: XzModule };
  const Xz = mod.XzReadableStream ?? mod.default?.XzReadableStream;
  if (!Xz) throw new Error('xz-decompress has no XzReadableStream');
  return new Xz(input);
}

async function zstdPrefix(input: ReadableStream<Uint8Array>, need: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const z = new Decompress((chunk) => {
    parts.push(chunk);
    total += chunk.length;
  });
  const reader = input.getReader();
  try {
    while (total < need) {
      const { value, done } = await reader.read();
      if (done) break;
      // Feed in small pieces so that decoding stops soon after enough output exists.
      for (let at = 0; at < value.length && total < need; at += 65536) {
        z.push(value.subarray(at, at + 65536));
      }
    }
  } catch {
    // truncated input
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return join(parts, Math.min(total, need));
}

/** Up to `need` decompressed bytes from the compressed `input` stream. */
export async function decompressPrefix(
  compression: Compression,
  input: ReadableStream<Uint8Array>,
  need: number,
): Promise<Uint8Array> {
  switch (compression) {
    case 'gzip':
      return collect(
        input.pipeThrough(
          new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
        ),
        need,
      );
    case 'xz':
      try {
        return await collect(xzStream(input), need);
      } catch {
        // the decoder could not start (its WebAssembly may be blocked)
        return new Uint8Array(0);
      }
    case 'zstd':
      return zstdPrefix(input, need);
    case 'bzip2':
      return new Uint8Array(0);
  }
}
