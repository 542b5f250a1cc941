// Whether a file fits the caller's staging quota before any byte is sent (issue 13, break 4), and which
// limit it would pass. Pure: the component words it.
import type { StagingQuotaView } from './backend-api';

export type QuotaShortfall =
  | { limit: 'user'; size: number; held: number; max: number }
  | { limit: 'room'; size: number; room: number };

export function quotaShortfall(size: number, q: StagingQuotaView): QuotaShortfall | undefined {
  if (size > q.room) return { limit: 'room', size, room: q.room };
  if (q.userHeld + size > q.userLimit) {
    return { limit: 'user', size, held: q.userHeld, max: q.userLimit };
  }
  return undefined;
}
