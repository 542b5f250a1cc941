// Transfer speed and time left from progress samples (a sliding window of the last few seconds).

export interface RateSample {
  at: number;
  bytes: number;
}

export const RATE_WINDOW_MS = 5000;

export const addSample = (samples: readonly RateSample[], sample: RateSample): RateSample[] =>
  [...samples, sample].filter((s) => sample.at - s.at <= RATE_WINDOW_MS);

/** Bytes per second over the window, or 0 while there is not enough to tell. */
export const bytesPerSecond = (samples: readonly RateSample[]): number => {
  const first = samples.at(0);
  const last = samples.at(-1);
  if (!first || !last || last.at - first.at < 250) return 0;
  return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
};

/** Seconds left at the current rate, or null when unknown. */
export const secondsLeft = (remaining: number, rate: number): number | null =>
  rate > 0 ? Math.ceil(remaining / rate) : null;
