import { describe, expect, it } from 'vitest';
import { FIRST_FOLLOW_MS, MAX_FOLLOW_MS, followIntervalMs } from './follow-interval';

describe('followIntervalMs', () => {
  it.each([
    [0, FIRST_FOLLOW_MS],
    [1, 200],
    [2, 300],
    [3, 450],
    [4, 675],
    [5, 1013],
    [7, MAX_FOLLOW_MS],
    [50, MAX_FOLLOW_MS],
  ])('after %i reads waits %i ms', (reads, ms) => {
    expect(followIntervalMs(reads)).toBe(ms);
  });

  it('reads four times within the first 1.7 s after the last byte, then at most every 2 s', () => {
    const firstFour = [1, 2, 3, 4].map(followIntervalMs).reduce((a, b) => a + b, 0);
    expect(firstFour).toBeLessThan(1700);
    expect(Math.max(...Array.from({ length: 100 }, (_, i) => followIntervalMs(i)))).toBe(2000);
  });
});
