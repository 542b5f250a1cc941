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

  it('computes CDI usable space and request inflation for the filesystem overhead', () => {
    expect(usableSpace(2 * 1024 ** 3, 0.055)).toBe(1935 * MiB);
    expect(usableSpace(500 * MiB, 0.055)).toBe(472 * MiB);
    expect(inflateForOverhead(1024 ** 3, 0.055)).toBe(Math.ceil(1024 ** 3 / 0.945));
    expect(usableSpace(inflateForOverhead(1024 ** 3, 0.055), 0.055)).toBe(1024 ** 3);
  });
});
