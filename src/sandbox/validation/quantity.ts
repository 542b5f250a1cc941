/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): the grammar, parsing to a
 * number of base units, and the decode error the API server answers with for a malformed one.
 */

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Ti: 40, Gi: 30, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

export type QuantityParse = { ok: true; value: number } | { ok: false; error: string };

/** Parses a quantity; `value` is in base units (bytes for storage), as a float. */
export const parseQuantity = (input: unknown): QuantityParse => {
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input } : bad();
  if (typeof input !== 'string') return bad();
  const s = input.trim();
  if (s.length === 0) return { ok: false, error: 'quantities must have a numeric part' };
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(s);
  if (!m) return bad();
  const [, num, suffix] = m;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(num))
    return { ok: false, error: 'unable to parse numeric part of quantity' };
  const mantissa = Number(num);
  let exp10 = 0;
  let exp2 = 0;
  if (suffix in BINARY) exp2 = BINARY[suffix];
  else if (suffix in DECIMAL) exp10 = DECIMAL[suffix];
  else {
    const e = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
    if (!e) return { ok: false, error: "unable to parse quantity's suffix" };
    exp10 = Number(e[1]);
  }
  const value = mantissa * 10 ** exp10 * 2 ** exp2;
  return { ok: true, value };
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

/**
 * The canonical string the API server stores for a quantity (`1024Mi` → `1Gi`, `1.5Gi` → `1536Mi`,
 * `1000M` → `1G`). Inputs that do not parse are returned unchanged.
 */
export const canonicalQuantity = (input: unknown): unknown => {
  if (typeof input !== 'string') return input;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(input.trim());
  if (!m || !parseQuantity(input).ok) return input;
  const [, sign, intPart, fracPart = '', suffix] = m;
  let n = BigInt(`${intPart || '0'}${fracPart}` || '0');
  let exp10 = -fracPart.length;
  let format: 'binary' | 'decimal' | 'exponent' = 'decimal';
  if (suffix in BINARY) {
    n *= 2n ** BigInt(BINARY[suffix]);
    format = 'binary';
  } else if (suffix in DECIMAL) exp10 += DECIMAL[suffix];
  else {
    exp10 += Number(suffix.slice(1));
    format = 'exponent';
  }
  const neg = sign === '-' && n !== 0n;
  if (n === 0n) return '0';
  // Normalise to n * 10^exp10 with n not divisible by 10.
  while (n % 10n === 0n) {
    n /= 10n;
    exp10++;
  }
  if (format === 'binary') {
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
    format = 'decimal';
  }
  let e3 = Math.floor(exp10 / 3) * 3;
  if (format === 'decimal') e3 = Math.max(-9, Math.min(18, e3));
  if (exp10 < e3) {
    // Below nano: the API server rounds up.
    const scale = 10n ** BigInt(e3 - exp10);
    n = (n + scale - 1n) / scale;
    exp10 = e3;
  }
  const mantissa = n * 10n ** BigInt(exp10 - e3);
  const suffixOut = format === 'exponent' ? (e3 === 0 ? '' : `e${e3}`) : DECIMAL_SUFFIX[e3];
  return `${neg ? '-' : ''}${mantissa}${suffixOut}`;
};
