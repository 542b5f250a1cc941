import { describe, expect, it } from 'vitest';
import { canonicalQuantity, parseQuantity, QUANTITY_FORMAT_ERROR } from './quantity';
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from './names';

describe('quantities', () => {
  it('parses the Kubernetes grammar', () => {
    expect(parseQuantity('1Gi')).toEqual({ ok: true, value: 1024 ** 3 });
    expect(parseQuantity('1.5G')).toEqual({ ok: true, value: 1.5e9 });
    expect(parseQuantity('500m')).toEqual({ ok: true, value: 0.5 });
    expect(parseQuantity('1e3')).toEqual({ ok: true, value: 1000 });
    expect(parseQuantity('2Gb')).toEqual({ ok: false, error: QUANTITY_FORMAT_ERROR });
    expect(parseQuantity('1Kii')).toEqual({
      ok: false,
      error: "unable to parse quantity's suffix",
    });
    expect(parseQuantity('1Ei').ok).toBe(true);
    expect(parseQuantity('')).toEqual({ ok: false, error: 'quantities must have a numeric part' });
  });

  it('canonicalises like the API server', () => {
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi');
    expect(canonicalQuantity('1000M')).toBe('1G');
    expect(canonicalQuantity('0.5G')).toBe('500M');
    expect(canonicalQuantity('100Mi')).toBe('100Mi');
    expect(canonicalQuantity('0.1')).toBe('100m');
    expect(canonicalQuantity('512')).toBe('512');
  });
});

describe('names', () => {
  it('validates DNS-1123 subdomains and labels', () => {
    expect(dns1123SubdomainErrors('a.b-c')).toEqual([]);
    expect(dns1123SubdomainErrors('Foo')).toHaveLength(1);
    expect(dns1123SubdomainErrors('a'.repeat(254))).toContain(
      'must be no more than 253 characters',
    );
    expect(dns1123LabelErrors('a.b')).toHaveLength(1);
    expect(qualifiedNameErrors('kubernetes.io/hostname')).toEqual([]);
    expect(qualifiedNameErrors('bad key')).toHaveLength(1);
  });
});
