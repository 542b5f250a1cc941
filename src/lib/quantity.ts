/**
 * Kubernetes resource quantities (`1Gi`, `500M`, `1.5Gi`, `2e3`, `100m`) with the API server's grammar:
 *
 *   quantity        ::= signedNumber suffix
 *   suffix          ::= binarySI | decimalExponent | decimalSI
 *   binarySI        ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   decimalSI       ::= n | u | m | "" | k | M | G | T | P | E
 *   decimalExponent ::= ("e" | "E") signedNumber
 *   number          ::= digits | digits "." digits | digits "." | "." digits
 *
 * Values are kept as exact rationals (BigInt numerator over a power-of-ten denominator), so `1.5Gi` is exactly
 * 1610612736 bytes and comparisons never round. Pure and framework-free.
 */

/** The API server's own messages (k8s.io/apimachinery/pkg/api/resource). */
export const QUANTITY_FORMAT_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_MESSAGE = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_MESSAGE = "unable to parse quantity's suffix";
export const QUANTITY_NEGATIVE_MESSAGE = 'must be greater than or equal to 0';
export const QUANTITY_RANGE_MESSAGE = 'unable to parse quantity due to overflow';

const SPLIT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;
/** Exponents beyond this are refused: no disk is 10^100 bytes, and BigInt must stay small. */
const MAX_EXPONENT = 60;

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
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

/** An exact quantity: `numerator / denominator`, denominator a positive power of ten. */
export interface Quantity {
  readonly numerator: bigint;
  readonly denominator: bigint;
  /** The notation it was written in (what the API server would keep when it re-serialises). */
  readonly format: QuantityFormat;
}

export class QuantityError extends Error {
  readonly input: string;
  constructor(input: string, message: string) {
    super(message);
    this.name = 'QuantityError';
    this.input = input;
  }
}

export interface ParseQuantityOptions {
  /** The grammar allows a sign; sizes must not be negative, so negatives are refused unless this is set. */
  allowNegative?: boolean;
  /**
   * The largest decimal exponent accepted (`1e60`); default 60, which keeps every size exact and BigInt small. A
   * cluster model that must accept what the API server accepts can raise it.
   */
  maxExponent?: number;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
};

const reduce = (numerator: bigint, denominator: bigint, format: QuantityFormat): Quantity => {
  const divisor = gcd(numerator, denominator);
  if (divisor <= 1n) return { numerator, denominator, format };
  return { numerator: numerator / divisor, denominator: denominator / divisor, format };
};

/** Parses a quantity; throws `QuantityError` carrying the API server's message. */
export const parseQuantity = (input: string, options: ParseQuantityOptions = {}): Quantity => {
  // The API server trims surrounding blanks when it decodes a quantity from JSON.
  const split = SPLIT.exec(input.trim());
  if (!split) throw new QuantityError(input, QUANTITY_FORMAT_MESSAGE);
  const [, numberPart = '', suffix = ''] = split;

  const number = NUMBER.exec(numberPart);
  const intDigits = number?.[2] ?? '';
  const fracDigits = number?.[3] ?? '';
  if (!number || (intDigits === '' && fracDigits === '')) {
    throw new QuantityError(input, QUANTITY_NUMERIC_MESSAGE);
  }
  const negative = number[1] === '-';

  let exp10 = -fracDigits.length;
  let exp2 = 0;
  let format: QuantityFormat;
  if (suffix in BINARY_SUFFIXES) {
    exp2 = BINARY_SUFFIXES[suffix] ?? 0;
    format = 'BinarySI';
  } else if (suffix in DECIMAL_SUFFIXES) {
    exp10 += DECIMAL_SUFFIXES[suffix] ?? 0;
    format = 'DecimalSI';
  } else {
    const exponent = EXPONENT.exec(suffix);
    if (!exponent) throw new QuantityError(input, QUANTITY_SUFFIX_MESSAGE);
    const value = Number(exponent[1]);
    if (Math.abs(value) > (options.maxExponent ?? MAX_EXPONENT))
      throw new QuantityError(input, QUANTITY_RANGE_MESSAGE);
    exp10 += value;
    format = 'DecimalExponent';
  }

  let mantissa = BigInt(`${intDigits}${fracDigits}` || '0');
  if (negative) {
    if (mantissa !== 0n && !options.allowNegative) {
      throw new QuantityError(input, QUANTITY_NEGATIVE_MESSAGE);
    }
    mantissa = -mantissa;
  }
  mantissa *= 2n ** BigInt(exp2);
  if (exp10 >= 0) return reduce(mantissa * pow10(exp10), 1n, format);
  return reduce(mantissa, pow10(-exp10), format);
};

/** `undefined` instead of an exception. */
export const tryParseQuantity = (
  input: string | undefined | null,
  options?: ParseQuantityOptions,
): Quantity | undefined => {
  if (input === undefined || input === null) return undefined;
  try {
    return parseQuantity(input, options);
  } catch {
    return undefined;
  }
};

/** The API server's message for an invalid quantity, or `undefined` when it is valid. */
export const quantityError = (
  input: string,
  options?: ParseQuantityOptions,
): string | undefined => {
  try {
    parseQuantity(input, options);
    return undefined;
  } catch (error) {
    return error instanceof QuantityError ? error.message : String(error);
  }
};

/** Whole bytes, rounded up away from zero as the API server does (`100m` is 1 byte, `0.1Ki` is 103). */
export const quantityToBytes = (quantity: Quantity): bigint => {
  const { numerator, denominator } = quantity;
  const whole = numerator / denominator;
  if (numerator % denominator === 0n) return whole;
  return numerator > 0n ? whole + 1n : whole - 1n;
};

/** Bytes of a quantity string; `undefined` when it does not parse. */
export const bytesOf = (input: string | undefined | null): bigint | undefined => {
  const quantity = tryParseQuantity(input, { allowNegative: true });
  return quantity === undefined ? undefined : quantityToBytes(quantity);
};

/** Exact comparison: -1, 0 or 1. */
export const compareQuantities = (a: Quantity, b: Quantity): -1 | 0 | 1 => {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  if (left === right) return 0;
  return left < right ? -1 : 1;
};

/** Compares two quantity strings (throws `QuantityError` when either is invalid). */
export const compareQuantityStrings = (a: string, b: string): -1 | 0 | 1 =>
  compareQuantities(
    parseQuantity(a, { allowNegative: true }),
    parseQuantity(b, { allowNegative: true }),
  );

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

export interface FormatBytesOptions {
  /** Decimal places kept (trailing zeros are dropped). Default 2. */
  precision?: number;
}

/**
 * Human form with binary units: `10 GiB`, `1.5 GiB`, `476.84 MiB`, `0 B`. Exact for any size: the integer part is
 * computed with BigInt, only the rounded fraction goes through decimal arithmetic.
 */
export const formatBytes = (bytes: bigint | number, options: FormatBytesOptions = {}): string => {
  const precision = options.precision ?? 2;
  let value = typeof bytes === 'bigint' ? bytes : BigInt(Math.trunc(bytes));
  const sign = value < 0n ? '-' : '';
  if (value < 0n) value = -value;
  let unit = 0;
  while (unit < BINARY_UNITS.length - 1 && value >= 1024n ** BigInt(unit + 1)) unit += 1;
  const divisor = 1024n ** BigInt(unit);
  const scale = pow10(precision);
  // round half up at `precision` decimals
  let scaled = (value * scale * 2n + divisor) / (divisor * 2n);
  if (unit < BINARY_UNITS.length - 1 && scaled >= 1024n * scale) {
    unit += 1;
    scaled = (value * scale * 2n + divisor * 1024n) / (divisor * 2048n);
  }
  const integer = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(precision, '0').replace(/0+$/, '');
  return `${sign}${integer}${fraction ? `.${fraction}` : ''} ${BINARY_UNITS[unit] ?? 'B'}`;
};

/** Human form of a quantity string (`'10Gi'` → `'10 GiB'`); the input itself when it does not parse. */
export const humanizeQuantity = (input: string | undefined | null): string => {
  if (input === undefined || input === null || input === '') return '';
  const bytes = bytesOf(input);
  return bytes === undefined ? input : formatBytes(bytes);
};

/**
 * The canonical quantity string for a byte count: the largest binary suffix that divides it exactly (`10Gi`,
 * `1536Mi`), otherwise the largest decimal suffix (`500M`), otherwise plain digits.
 */
export const bytesToQuantity = (bytes: bigint): string => {
  if (bytes === 0n) return '0';
  const magnitude = bytes < 0n ? -bytes : bytes;
  for (const [suffix, power] of Object.entries(BINARY_SUFFIXES).reverse()) {
    const unit = 2n ** BigInt(power);
    if (magnitude % unit === 0n) return `${bytes / unit}${suffix}`;
  }
  for (const suffix of ['E', 'P', 'T', 'G', 'M', 'k'] as const) {
    const unit = pow10(DECIMAL_SUFFIXES[suffix] ?? 0);
    if (magnitude % unit === 0n) return `${bytes / unit}${suffix}`;
  }
  return bytes.toString();
};
