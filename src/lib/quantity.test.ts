import { describe, expect, it } from 'vitest';
import {
  QUANTITY_FORMAT_MESSAGE,
  QUANTITY_NEGATIVE_MESSAGE,
  QUANTITY_NUMERIC_MESSAGE,
  QUANTITY_RANGE_MESSAGE,
  QUANTITY_SUFFIX_MESSAGE,
  QuantityError,
  bytesOf,
  bytesToQuantity,
  compareQuantities,
  compareQuantityStrings,
  formatBytes,
  humanizeQuantity,
  parseQuantity,
  quantityError,
  quantityToBytes,
  tryParseQuantity,
} from './quantity';

const GI = 1024n ** 3n;

describe('parseQuantity → bytes', () => {
  it.each([
    ['0', 0n],
    ['1', 1n],
    ['1Ki', 1024n],
    ['1Mi', 1024n ** 2n],
    ['1Gi', GI],
    ['10Gi', 10n * GI],
    ['1.5Gi', 1610612736n],
    ['1Ti', 1024n ** 4n],
    ['1Pi', 1024n ** 5n],
    ['1Ei', 1024n ** 6n],
    ['8Ei', 8n * 1024n ** 6n], // beyond Number.MAX_SAFE_INTEGER: exact with BigInt
    ['500M', 500_000_000n],
    ['1k', 1000n],
    ['1G', 1_000_000_000n],
    ['1T', 10n ** 12n],
    ['1P', 10n ** 15n],
    ['1E', 10n ** 18n],
    ['2e3', 2000n],
    ['2E3', 2000n],
    ['2e+3', 2000n],
    ['1.5e3', 1500n],
    ['15e-1', 2n], // 1.5 rounds up
    ['100m', 1n], // 0.1 rounds up to a whole byte
    ['1000m', 1n],
    ['1500m', 2n],
    ['0.1Ki', 103n], // 102.4 rounds up
    ['.5Ki', 512n],
    ['5.', 5n],
    ['+1Gi', GI],
    ['1n', 1n],
    ['1u', 1n],
    [' 1Gi ', GI], // the API server trims blanks when decoding JSON
    ['123456789012345678901234567890', 123456789012345678901234567890n],
  ])('%s is %s bytes', (input, bytes) => {
    expect(quantityToBytes(parseQuantity(input))).toBe(bytes);
  });

  it('keeps the notation it was written in', () => {
    expect(parseQuantity('1Gi').format).toBe('BinarySI');
    expect(parseQuantity('500M').format).toBe('DecimalSI');
    expect(parseQuantity('5').format).toBe('DecimalSI');
    expect(parseQuantity('2e3').format).toBe('DecimalExponent');
  });

  it('keeps fractions exact', () => {
    const q = parseQuantity('100m');
    expect(q.numerator).toBe(1n);
    expect(q.denominator).toBe(10n);
  });
});

describe('parseQuantity rejects what the API server rejects', () => {
  it.each([
    ['2Gb', QUANTITY_FORMAT_MESSAGE],
    ['NaN', QUANTITY_FORMAT_MESSAGE],
    ['', QUANTITY_FORMAT_MESSAGE],
    ['Gi', QUANTITY_FORMAT_MESSAGE],
    ['1 Gi', QUANTITY_FORMAT_MESSAGE],
    ['1GiB', QUANTITY_FORMAT_MESSAGE],
    ['0x10', QUANTITY_FORMAT_MESSAGE],
    ['Infinity', QUANTITY_FORMAT_MESSAGE],
    ['1e3Gi', QUANTITY_FORMAT_MESSAGE],
    ['.', QUANTITY_NUMERIC_MESSAGE],
    ['+', QUANTITY_FORMAT_MESSAGE],
    ['1.2.3', QUANTITY_NUMERIC_MESSAGE],
    ['1-', QUANTITY_SUFFIX_MESSAGE],
    ['1Ki5', QUANTITY_SUFFIX_MESSAGE],
    ['1e', QUANTITY_SUFFIX_MESSAGE],
    ['1KiMi', QUANTITY_SUFFIX_MESSAGE],
    ['1K', QUANTITY_SUFFIX_MESSAGE], // decimal kilo is lower-case k
    ['1mi', QUANTITY_SUFFIX_MESSAGE],
    ['1e1000', QUANTITY_RANGE_MESSAGE],
    ['-1Gi', QUANTITY_NEGATIVE_MESSAGE],
    ['-100m', QUANTITY_NEGATIVE_MESSAGE],
  ])('%j fails with the API message', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
    expect(quantityError(input)).toBe(message);
    expect(tryParseQuantity(input)).toBeUndefined();
  });

  it('accepts negatives only when asked', () => {
    expect(quantityToBytes(parseQuantity('-1Gi', { allowNegative: true }))).toBe(-GI);
    expect(quantityToBytes(parseQuantity('-100m', { allowNegative: true }))).toBe(-1n);
    expect(quantityError('-0')).toBeUndefined();
  });

  it('reports valid quantities as error-free', () => {
    expect(quantityError('10Gi')).toBeUndefined();
    expect(tryParseQuantity(undefined)).toBeUndefined();
    expect(tryParseQuantity(null)).toBeUndefined();
  });

  it('carries the input on the error', () => {
    try {
      parseQuantity('2Gb');
      expect.unreachable('2Gb parsed');
    } catch (error) {
      expect(error).toBeInstanceOf(QuantityError);
      expect((error as QuantityError).input).toBe('2Gb');
    }
  });
});

describe('comparisons', () => {
  it.each([
    ['1Gi', '1073741824', 0],
    ['1Gi', '1G', 1],
    ['1G', '1Gi', -1],
    ['1.5Gi', '1536Mi', 0],
    ['500M', '0.5G', 0],
    ['2e3', '2k', 0],
    ['100m', '0.1', 0],
    ['100m', '1', -1],
    ['-1Gi', '0', -1],
    ['8Ei', '9223372036854775807', 1],
  ] as const)('%s vs %s = %d', (a, b, expected) => {
    expect(compareQuantityStrings(a, b)).toBe(expected);
    expect(
      compareQuantities(
        parseQuantity(b, { allowNegative: true }),
        parseQuantity(a, { allowNegative: true }),
      ),
    ).toBe(-expected || 0);
  });

  it('refuses to compare garbage', () => {
    expect(() => compareQuantityStrings('2Gb', '1Gi')).toThrow(QUANTITY_FORMAT_MESSAGE);
  });
});

describe('formatting', () => {
  it.each([
    [0n, '0 B'],
    [1n, '1 B'],
    [1023n, '1023 B'],
    [1024n, '1 KiB'],
    [1536n, '1.5 KiB'],
    [10n * GI, '10 GiB'],
    [1610612736n, '1.5 GiB'],
    [500_000_000n, '476.84 MiB'],
    [1024n ** 2n - 1n, '1 MiB'], // 1023.999 KiB rounds into the next unit
    [1024n ** 4n * 3n, '3 TiB'],
    [1024n ** 6n * 8n, '8 EiB'],
    [1024n ** 6n * 2048n, '2048 EiB'],
    [-GI, '-1 GiB'],
  ])('%s bytes → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('accepts numbers and a precision', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(500_000_000, { precision: 0 })).toBe('477 MiB');
    expect(formatBytes(500_000_000, { precision: 4 })).toBe('476.8372 MiB');
  });

  it.each([
    ['10Gi', '10 GiB'],
    ['1.5Gi', '1.5 GiB'],
    ['500M', '476.84 MiB'],
    ['2Gb', '2Gb'], // shown as written when it does not parse
    ['', ''],
  ])('humanizeQuantity(%j) = %j', (input, text) => {
    expect(humanizeQuantity(input)).toBe(text);
  });

  it('humanizes missing values to an empty string', () => {
    expect(humanizeQuantity(undefined)).toBe('');
    expect(bytesOf(undefined)).toBeUndefined();
    expect(bytesOf('5Gi')).toBe(5n * GI);
  });

  it.each([
    [0n, '0'],
    [1024n, '1Ki'],
    [10n * GI, '10Gi'],
    [1610612736n, '1536Mi'],
    [500_000_000n, '500M'],
    [1000n, '1k'],
    [1001n, '1001'],
    [-GI, '-1Gi'],
  ])('bytesToQuantity(%s) = %s and parses back', (bytes, text) => {
    expect(bytesToQuantity(bytes)).toBe(text);
    expect(quantityToBytes(parseQuantity(text, { allowNegative: true }))).toBe(bytes);
  });
});
