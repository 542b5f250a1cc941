/**
 * Kubernetes resource quantities as byte counts (enough for storage sizes), parsed by src/lib's one quantity parser
 * with the API server's grammar (k8s.io/apimachinery/pkg/api/resource quantity.go).
 */
import { quantityToBytes, tryParseQuantity } from '../../lib/quantity';

/** Whole bytes of a quantity (fractions round up, as the API server's `Value()` does); numbers pass through. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const quantity = tryParseQuantity(value, { allowNegative: true });
  return quantity === undefined ? undefined : Number(quantityToBytes(quantity));
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
