/**
 * The uncompressed size of a compressed file, read from its own bookkeeping without decompressing:
 * the xz stream index (exact), the zstd frame header (when the writer recorded it), gzip ISIZE (the size
 * mod 2^32, trusted only when it is consistent with the compressed size).
 */
import { u32le, u64le, matches } from './binary';
import type { ByteSource } from './byte-source';
import type { Compression } from './types';

/** xz variable-length integer (7 bits per byte, little end first). */
function readVli(b: Uint8Array, at: number): [number, number] | undefined {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 9; i++) {
    if (at + i >= b.length) return undefined;
    const byte = b[at + i];
    value += (byte & 0x7f) * mul;
    mul *= 128;
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return undefined;
}

async function xzSize(source: ByteSource): Promise<number | null> {
  // Skip stream padding (zero bytes in multiples of 4) at the end.
  let end = source.size;
  while (end >= 12) {
    const tail = await source.read(end - 4, 4);
    if (tail.every((v) => v === 0)) end -= 4;
    else break;
  }
  if (end < 24) return null;
  const footer = await source.read(end - 12, 12);
  if (!matches(footer, 10, 'YZ')) return null;
  const backward = ((u32le(footer, 4) ?? 0) + 1) * 4;
  if (backward > end - 24) return null;
  const index = await source.read(end - 12 - backward, backward);
  if (index[0] !== 0) return null;
  const count = readVli(index, 1);
  if (!count) return null;
  let [records, at] = count;
  let total = 0;
  while (records-- > 0) {
    const unpadded = readVli(index, at);
    if (!unpadded) return null;
    const uncompressed = readVli(index, unpadded[1]);
    if (!uncompressed) return null;
    total += uncompressed[0];
    at = uncompressed[1];
  }
  // Only one stream is read; a file of concatenated streams would have a larger size.
  const streamStart = end - 12 - backward;
  return streamStart > 12 ? total : null;
}

/** zstd Frame_Content_Size from the first frame header, when present. */
function zstdFrameContentSize(head: Uint8Array): number | null {
  if (!matches(head, 0, [0x28, 0xb5, 0x2f, 0xfd])) return null;
  if (head.length < 5) return null;
  const fhd = head[4];
  const fcsFlag = fhd >> 6;
  const singleSegment = (fhd >> 5) & 1;
  const dictFlag = fhd & 3;
  const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag] ?? 0;
  if (fcsBytes === 0) return null;
  const at = 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][dictFlag];
  if (at + fcsBytes > head.length) return null;
  if (fcsBytes === 1) return head[at] ?? null;
  if (fcsBytes === 2) return ((head[at] ?? 0) | ((head[at + 1] ?? 0) << 8)) + 256;
  if (fcsBytes === 4) return u32le(head, at) ?? null;
  return u64le(head, at) ?? null;
}

export interface UncompressedSize {
  size: number;
  /** False for gzip: ISIZE is the size modulo 4 GiB, exact only for files below 4 GiB. */
  exact: boolean;
}

export async function uncompressedSize(
  source: ByteSource,
  compression: Compression,
  head: Uint8Array,
): Promise<UncompressedSize | null> {
  if (compression === 'xz') {
    const size = await xzSize(source);
    return size === null ? null : { size, exact: true };
  }
  if (compression === 'zstd') {
    const size = zstdFrameContentSize(head);
    return size === null ? null : { size, exact: true };
  }
  if (compression === 'gzip') {
    if (source.size < 18) return null;
    const isize = u32le(await source.read(source.size - 4, 4), 0) ?? 0;
    // Deflate never shrinks below ~1/1032 of the input, so a smaller ISIZE has wrapped at least once.
    if (isize < source.size - 1024) return null;
    return { size: isize, exact: false };
  }
  return null;
}
