import { describe, expect, it } from 'vitest';
import { addSample, bytesPerSecond, secondsLeft } from './transfer-rate';

describe('transfer rate', () => {
  it('measures over a sliding window and estimates time left', () => {
    let s = addSample([], { at: 0, bytes: 0 });
    s = addSample(s, { at: 1000, bytes: 10_000_000 });
    s = addSample(s, { at: 2000, bytes: 20_000_000 });
    expect(bytesPerSecond(s)).toBe(10_000_000);
    expect(secondsLeft(50_000_000, bytesPerSecond(s))).toBe(5);
    s = addSample(s, { at: 8000, bytes: 26_000_000 });
    expect(s).toHaveLength(1);
    expect(bytesPerSecond(s)).toBe(0);
    expect(secondsLeft(1, 0)).toBeNull();
  });
});
