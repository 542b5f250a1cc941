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

/** Share of the staging capacity one user may reserve, and one namespace (issue 13, break 4). */
export const PER_USER_SHARE = 0.5;
export const PER_NAMESPACE_SHARE = 0.75;

export interface QuotaVerdict {
  ok: boolean;
  /** Which limit refused it, with the numbers, for the 507 message. */
  refusal?: string;
}

/**
 * Per-user and per-namespace limits: the capacity is what is free plus what unfinished uploads still hold;
 * one user may hold at most half of it, one namespace three quarters, so that a single POST cannot take the
 * whole staging volume from everyone else.
 */
export function checkStagingQuota(input: {
  free: number;
  committed: number;
  size: number;
  userCommitted: number;
  namespaceCommitted: number;
  user: string;
  namespace: string;
}): QuotaVerdict {
  const capacity = Math.max(0, input.free + input.committed - STAGING_RESERVE_BYTES);
  const userLimit = Math.floor(capacity * PER_USER_SHARE);
  const namespaceLimit = Math.floor(capacity * PER_NAMESPACE_SHARE);
  if (input.userCommitted + input.size > userLimit) {
    return {
      ok: false,
      refusal:
        `Staging quota: ${input.user} may hold at most ${userLimit} bytes of staging space (half of ${capacity}); ` +
        `unfinished uploads hold ${input.userCommitted} and this file needs ${input.size}. Finish or cancel an upload first.`,
    };
  }
  if (input.namespaceCommitted + input.size > namespaceLimit) {
    return {
      ok: false,
      refusal:
        `Staging quota: namespace ${input.namespace} may hold at most ${namespaceLimit} bytes of staging space ` +
        `(three quarters of ${capacity}); unfinished uploads there hold ${input.namespaceCommitted} and this file needs ${input.size}.`,
    };
  }
  return { ok: true };
}
