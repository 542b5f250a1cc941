/** Free space on the staging volume, and the check made before an upload is accepted. */
import { statfs } from 'node:fs/promises';

/** Kept free on the staging volume whatever the uploads need. */
export const STAGING_RESERVE_BYTES = 64 * 1024 * 1024;

export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

export interface SpaceVerdict {
  ok: boolean;
  free: number;
  /** Bytes other unfinished uploads still need. */
  committed: number;
  needed: number;
}

/** Whether `size` more bytes fit next to what unfinished uploads still have to write. */
export async function checkStagingSpace(
  dir: string,
  size: number,
  committed: number,
): Promise<SpaceVerdict> {
  const free = await freeBytes(dir);
  const needed = size + committed + STAGING_RESERVE_BYTES;
  return { ok: free >= needed, free, committed, needed };
}
