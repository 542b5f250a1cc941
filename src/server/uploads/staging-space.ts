/**
 * Free space on the staging volume, and the per-user / per-namespace staging quota (issue 13, break 4).
 *
 * An unfinished upload holds its whole declared size: the bytes already staged (they take disk space until
 * CDI has the image) and the bytes still to come (reserved at creation). The staging capacity is what is free
 * plus what those uploads have staged, less a fixed reserve; one user may hold at most half of it, one
 * namespace three quarters, so that a single POST cannot take the whole volume from everyone else.
 */
import { statfs } from 'node:fs/promises';

/** Kept free on the staging volume whatever the uploads need. */
export const STAGING_RESERVE_BYTES = 64 * 1024 * 1024;

/** Share of the staging capacity one user may hold, and one namespace. */
export const PER_USER_SHARE = 0.5;
export const PER_NAMESPACE_SHARE = 0.75;

export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/** What unfinished uploads hold: declared sizes (`held`) and the part of it already on disk (`staged`). */
export interface Holdings {
  held: number;
  staged: number;
}

export interface StagingQuota {
  /** Free + staged by unfinished uploads − the reserve. */
  capacity: number;
  /** Room for a new file on the volume: capacity − everything held. */
  room: number;
  userLimit: number;
  userHeld: number;
  namespaceLimit: number;
  namespaceHeld: number;
  /** The largest file this user may start now in this namespace. */
  available: number;
}

export function stagingQuota(input: {
  free: number;
  all: Holdings;
  user: Holdings;
  namespace: Holdings;
}): StagingQuota {
  const capacity = Math.max(0, input.free + input.all.staged - STAGING_RESERVE_BYTES);
  const room = Math.max(0, capacity - input.all.held);
  const userLimit = Math.floor(capacity * PER_USER_SHARE);
  const namespaceLimit = Math.floor(capacity * PER_NAMESPACE_SHARE);
  return {
    capacity,
    room,
    userLimit,
    userHeld: input.user.held,
    namespaceLimit,
    namespaceHeld: input.namespace.held,
    available: Math.max(
      0,
      Math.min(room, userLimit - input.user.held, namespaceLimit - input.namespace.held),
    ),
  };
}

/** Why a file of `size` bytes cannot be staged now (the 507 message, with the numbers), or undefined. */
export function stagingRefusal(
  q: StagingQuota,
  size: number,
  who: { user: string; namespace: string },
): string | undefined {
  if (size > q.room) {
    return (
      `Insufficient staging space: the backend has room for ${q.room} bytes of new uploads and this file needs ` +
      `${size}. Wait for other uploads to finish, cancel unfinished ones, or give the backend a larger staging volume.`
    );
  }
  if (q.userHeld + size > q.userLimit) {
    return (
      `Staging quota: ${who.user} may hold at most ${q.userLimit} bytes of staging space (half of ${q.capacity}); ` +
      `unfinished uploads hold ${q.userHeld} and this file needs ${size}. Finish or cancel an upload first.`
    );
  }
  if (q.namespaceHeld + size > q.namespaceLimit) {
    return (
      `Staging quota: namespace ${who.namespace} may hold at most ${q.namespaceLimit} bytes of staging space ` +
      `(three quarters of ${q.capacity}); unfinished uploads there hold ${q.namespaceHeld} and this file needs ${size}.`
    );
  }
  return undefined;
}
