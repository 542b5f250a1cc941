/** Kubernetes resource quantities as byte counts (enough for storage sizes). */

const SUFFIX: Partial<Record<string, number>> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
  m: 1e-3,
};

export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^([+-]?[0-9.]+)(?:[eE]([+-]?\d+))?([a-zA-Z]*)$/.exec(value.trim());
  if (!m) return undefined;
  const [, num = '', exp, suffix = ''] = m;
  const factor = SUFFIX[suffix];
  if (factor === undefined) return undefined;
  const base = Number(num) * (exp ? 10 ** Number(exp) : 1);
  return Number.isFinite(base) ? Math.ceil(base * factor) : undefined;
}

/** Formats bytes the way the API server canonicalises binary quantities (largest exact suffix). */
export function formatBytes(bytes: number): string {
  const units: [string, number][] = [
    ['Ei', 1024 ** 6],
    ['Pi', 1024 ** 5],
    ['Ti', 1024 ** 4],
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ];
  for (const [suffix, factor] of units) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${suffix}`;
  }
  return String(bytes);
}

const MiB = 1024 * 1024;

/**
 * CDI's GetUsableSpace: the space an image may use on a Filesystem volume of `size` bytes,
 * `ceil((1 - overhead) * size)` rounded down to 1MiB.
 */
export function usableSpace(size: number, overhead: number): number {
  const usable = Math.ceil((1 - overhead) * size);
  return Math.floor(usable / MiB) * MiB;
}

/**
 * CDI's GetRequiredSpace (request inflation for `spec.storage` Filesystem volumes): the size
 * rounded up to 1MiB, divided by `1 - overhead`, rounded up.
 */
export function inflateForOverhead(size: number, overhead: number): number {
  const aligned = Math.ceil(size / MiB) * MiB;
  return Math.ceil(aligned / (1 - overhead));
}
