/**
 * Kubernetes resource quantities as the sandbox's API server decodes and stores them
 * (k8s.io/apimachinery/pkg/api/resource quantity.go): parsing is src/lib's (the one parser of the project), with the
 * API server's leniencies kept here — signs are accepted, numbers pass through, large exponents are not refused —
 * and the canonical string the server writes back.
 */
import {
  parseQuantity as parseExact,
  QUANTITY_FORMAT_MESSAGE,
  QuantityError,
  type Quantity,
} from '../../lib/quantity';

export const QUANTITY_FORMAT_ERROR = QUANTITY_FORMAT_MESSAGE;

/** Far beyond any float: `1e400` parses (as the API server's inf.Dec does) and is Infinity as a number. */
const SERVER_MAX_EXPONENT = 400;

type QuantityParse = { ok: true; value: number } | { ok: false; error: string };

const exact = (input: string): Quantity | QuantityParse => {
  try {
    return parseExact(input, { allowNegative: true, maxExponent: SERVER_MAX_EXPONENT });
  } catch (error) {
    if (error instanceof QuantityError) return { ok: false, error: error.message };
    throw error;
  }
};

/** Parses a quantity; `value` is in base units (bytes for storage), as a float. */
export const parseQuantity = (input: unknown): QuantityParse => {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : bad();
  }
  if (typeof input !== 'string') return bad();
  if (input.trim().length === 0) return { ok: false, error: 'quantities must have a numeric part' };
  const parsed = exact(input);
  if ('ok' in parsed) return parsed;
  return { ok: true, value: Number(parsed.numerator) / Number(parsed.denominator) };
};

const bad = (): QuantityParse => ({ ok: false, error: QUANTITY_FORMAT_ERROR });

export const quantityValue = (input: unknown): number | undefined => {
  const p = parseQuantity(input);
  return p.ok ? p.value : undefined;
};

const DECIMAL_SUFFIX: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** `numerator / denominator` as `n × 10^exp10` with `n` not divisible by 10 (denominators divide a power of ten). */
const decimalDigits = ({ numerator, denominator }: Quantity): { n: bigint; exp10: number } => {
  let n = numerator;
  let exp10 = 0;
  let d = denominator;
  while (d !== 1n) {
    const step = d % 10n === 0n ? 10n : d % 5n === 0n ? 5n : 2n;
    // n / step⁻¹ … scale the numerator by 10/step and shift one decimal place.
    n *= 10n / step;
    d /= step;
    exp10 -= 1;
  }
  if (n === 0n) return { n, exp10: 0 };
  while (n % 10n === 0n) {
    n /= 10n;
    exp10 += 1;
  }
  return { n, exp10 };
};

/**
 * The canonical string the API server stores for a quantity (`1024Mi` → `1Gi`, `1.5Gi` → `1536Mi`,
 * `1000M` → `1G`; quantity.go `CanonicalizeBytes`). Inputs that do not parse are returned unchanged.
 */
export const canonicalQuantity = (input: unknown): unknown => {
  if (typeof input !== 'string' || input.trim().length === 0) return input;
  const parsed = exact(input);
  if ('ok' in parsed) return input;
  if (parsed.numerator === 0n) return '0';
  const neg = parsed.numerator < 0n;
  const magnitude = { ...parsed, numerator: neg ? -parsed.numerator : parsed.numerator };
  let { n, exp10 } = decimalDigits(magnitude);
  let format = parsed.format;
  if (format === 'BinarySI') {
    if (exp10 >= 0) {
      let v = n * 10n ** BigInt(exp10);
      if (v >= 1024n) {
        let i = 0;
        while (v % 1024n === 0n && i < BINARY_SUFFIXES.length - 1) {
          v /= 1024n;
          i++;
        }
        return `${neg ? '-' : ''}${v}${BINARY_SUFFIXES[i]}`;
      }
    }
    format = 'DecimalSI';
  }
  let e3 = Math.floor(exp10 / 3) * 3;
  if (format === 'DecimalSI') e3 = Math.max(-9, Math.min(18, e3));
  if (exp10 < e3) {
    // Below nano: the API server rounds up.
    const scale = 10n ** BigInt(e3 - exp10);
    n = (n + scale - 1n) / scale;
    exp10 = e3;
  }
  const mantissa = n * 10n ** BigInt(exp10 - e3);
  const suffixOut = format === 'DecimalExponent' ? (e3 === 0 ? '' : `e${e3}`) : DECIMAL_SUFFIX[e3];
  return `${neg ? '-' : ''}${mantissa}${suffixOut}`;
};
