import { describe, expect, it } from 'vitest';
import { createdFromSearch, createdSearch } from './created-search';

describe('created blank disk in the URL', () => {
  it('round-trips namespace, name, VM and disk', () => {
    const created = {
      namespace: 'vm-images',
      name: 'data',
      attachedTo: 'fedora',
      disk: 'data-disk-1',
    };
    expect(createdFromSearch(createdSearch(created))).toEqual(created);
    expect(createdFromSearch(createdSearch({ namespace: 'a', name: 'b' }))).toEqual({
      namespace: 'a',
      name: 'b',
    });
  });

  it('names nothing without a well-formed namespace/name', () => {
    expect(createdFromSearch('')).toBeUndefined();
    expect(createdFromSearch('?created=onlyname')).toBeUndefined();
    expect(createdFromSearch('?created=a/b/c')).toBeUndefined();
    expect(createdFromSearch('?created=/b')).toBeUndefined();
  });
});
