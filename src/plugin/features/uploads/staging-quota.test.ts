import { describe, expect, it } from 'vitest';
import type { StagingQuotaView } from './backend-api';
import { quotaShortfall } from './staging-quota';

const GiB = 1024 ** 3;
const quota: StagingQuotaView = {
  user: 'developer',
  capacity: 100 * GiB,
  room: 60 * GiB,
  userHeld: 30 * GiB,
  userLimit: 50 * GiB,
  available: 20 * GiB,
  reservationExpirySeconds: 300,
};

describe('quotaShortfall', () => {
  it('a file within the user limit and the room fits', () => {
    expect(quotaShortfall(20 * GiB, quota)).toBeUndefined();
  });
  it('a file past the user limit names that limit and what is held', () => {
    expect(quotaShortfall(21 * GiB, quota)).toEqual({
      limit: 'user',
      size: 21 * GiB,
      held: 30 * GiB,
      max: 50 * GiB,
    });
  });
  it('a file larger than the free room names the room', () => {
    expect(quotaShortfall(61 * GiB, quota)).toEqual({
      limit: 'room',
      size: 61 * GiB,
      room: 60 * GiB,
    });
  });
});
