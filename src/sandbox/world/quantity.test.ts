import { describe, expect, it } from 'vitest';
import { formatBytes, inflateForOverhead, parseQuantity, usableSpace } from './quantity';

const MiB = 1024 * 1024;

describe('quantities', () => {
  it('parses binary and decimal suffixes', () => {
    expect(parseQuantity('2Gi')).toBe(2 * 1024 ** 3);
    expect(parseQuantity('500Mi')).toBe(500 * MiB);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 1024 ** 3);
    expect(parseQuantity('12345')).toBe(12345);
    expect(parseQuantity('10 apples')).toBeUndefined();
    expect(formatBytes(10 * 1024 ** 3)).toBe('10Gi');
    expect(formatBytes(1000)).toBe('1000');
  });

  // src/lib/quantity.ts is the parser: the API server's grammar (k8s.io/apimachinery/pkg/api/resource quantity.go),
  // fractions rounded away from zero as `Value()` does, and suffix forms the grammar refuses stay refused.
  it('parses through src/lib with the API server grammar', () => {
    expect(parseQuantity('100m')).toBe(1);
    expect(parseQuantity('-1m')).toBe(-1);
    expect(parseQuantity('1.5u')).toBe(1);
    expect(parseQuantity('2e3')).toBe(2000);
    expect(parseQuantity('1e3Gi')).toBeUndefined();
    expect(parseQuantity(4096)).toBe(4096);
  });

  it('computes CDI usable space and request inflation for the filesystem overhead', () => {
    expect(usableSpace(2 * 1024 ** 3, 0.055)).toBe(1935 * MiB);
    expect(usableSpace(500 * MiB, 0.055)).toBe(472 * MiB);
    expect(inflateForOverhead(1024 ** 3, 0.055)).toBe(Math.ceil(1024 ** 3 / 0.945));
    expect(usableSpace(inflateForOverhead(1024 ** 3, 0.055), 0.055)).toBe(1024 ** 3);
  });
});
