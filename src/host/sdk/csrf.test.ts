import { describe, expect, it } from 'vitest';
import { csrfHeaders, readCookie } from './csrf';

describe('csrf', () => {
  it('reads a cookie among others', () => {
    expect(readCookie('a=1; csrf-token=abc%3D; b=2', 'csrf-token')).toBe('abc=');
    expect(readCookie('a=1', 'csrf-token')).toBeUndefined();
  });
  it('adds the header on unsafe methods of relative URLs only', () => {
    const cookie = 'csrf-token=tok';
    expect(csrfHeaders('/api/kubernetes/api/v1/x', 'POST', cookie)).toEqual({
      'X-CSRFToken': 'tok',
    });
    expect(csrfHeaders('/api/kubernetes/api/v1/x', 'patch', cookie)).toEqual({
      'X-CSRFToken': 'tok',
    });
    expect(csrfHeaders('/api/kubernetes/api/v1/x', 'GET', cookie)).toEqual({});
    expect(csrfHeaders('/x', undefined, cookie)).toEqual({});
    expect(csrfHeaders('https://example.com/x', 'DELETE', cookie)).toEqual({});
    expect(csrfHeaders('/x', 'DELETE', '')).toEqual({});
  });
});
