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

  // One parser (src/lib/quantity.ts) with the API server's leniencies (k8s.io/apimachinery/pkg/api/resource
  // quantity.go): signs and every SI suffix accepted, numbers pass through, exponents beyond src/lib's size bound.
  it('parses through src/lib with the API server leniencies', () => {
    expect(parseQuantity('-1Gi')).toEqual({ ok: true, value: -(1024 ** 3) });
    expect(parseQuantity('1.5n')).toEqual({ ok: true, value: 1.5e-9 });
    expect(parseQuantity('1e100')).toEqual({ ok: true, value: 1e100 });
    expect(parseQuantity(42)).toEqual({ ok: true, value: 42 });
    expect(parseQuantity('1.2.3')).toEqual({
      ok: false,
      error: 'unable to parse numeric part of quantity',
    });
    expect(parseQuantity('1e3Gi')).toEqual({ ok: false, error: QUANTITY_FORMAT_ERROR });
    expect(canonicalQuantity('-1536Mi')).toBe('-1536Mi');
    expect(canonicalQuantity('0.5Ki')).toBe('512');
    expect(canonicalQuantity('1500e-12')).toBe('1500e-12');
    expect(canonicalQuantity('not a size')).toBe('not a size');
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

  // The DNS-1123 checks are src/lib/k8s-names.ts; kubectl shows the API server's texts
  // (k8s.io/apimachinery/pkg/util/validation/validation.go), the double space after the first example included.
  it('keeps the API server texts of the DNS-1123 checks', () => {
    expect(dns1123LabelErrors('a.b')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(dns1123SubdomainErrors('Foo')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(qualifiedNameErrors('Bad.example/x')[0]).toMatch(
      /^prefix part a lowercase RFC 1123 subdomain/,
    );
  });
});
