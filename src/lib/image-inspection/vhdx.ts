/** VHDX virtual size: region table (64 KiB in) → metadata region → "Virtual Disk Size" item. */
import { matches, u16le, u32le, u64le } from './binary';
import type { ByteSource } from './byte-source';

/** A GUID in the on-disk (mixed-endian) byte order. */
function guidBytes(guid: string): number[] {
  const hex = guid.replace(/-/g, '');
  const bytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  const swap = (a: number, n: number) => bytes.splice(a, n, ...bytes.slice(a, a + n).reverse());
  swap(0, 4);
  swap(4, 2);
  swap(6, 2);
  return bytes;
}

const METADATA_REGION = guidBytes('8B7CA206-4790-4B9A-B8FE-575F050F886E');
const VIRTUAL_DISK_SIZE = guidBytes('2FA54224-CD1B-4876-B211-5DBED83BF4B8');

export async function vhdxVirtualSize(source: ByteSource): Promise<number | null> {
  const regions = await source.read(192 * 1024, 64 * 1024);
  if (!matches(regions, 0, 'regi')) return null;
  const count = Math.min(u32le(regions, 8) ?? 0, 2047);
  for (let i = 0; i < count; i++) {
    const at = 16 + i * 32;
    if (!matches(regions, at, METADATA_REGION)) continue;
    const offset = u64le(regions, at + 16) ?? 0;
    const table = await source.read(offset, 64 * 1024);
    if (!matches(table, 0, 'metadata')) return null;
    const entries = u16le(table, 10) ?? 0;
    for (let e = 0; e < entries; e++) {
      const entry = 32 + e * 32;
      if (!matches(table, entry, VIRTUAL_DISK_SIZE)) continue;
      const itemOffset = u32le(table, entry + 16) ?? 0;
      const item = await source.read(offset + itemOffset, 8);
      return u64le(item, 0) ?? null;
    }
  }
  return null;
}
