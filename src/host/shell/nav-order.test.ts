import { describe, expect, it } from 'vitest';
import { sortByInsertion } from './nav-order';

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('sortByInsertion', () => {
  it('keeps unanchored entries in order', () => {
    expect(ids(sortByInsertion([{ id: 'a' }, { id: 'b' }, { id: 'c' }]))).toEqual(['a', 'b', 'c']);
  });
  it('inserts before and after referenced ids', () => {
    expect(
      ids(
        sortByInsertion([
          { id: 'x', insertAfter: 'storage' },
          { id: 'home' },
          { id: 'storage' },
          { id: 'y', insertBefore: 'home' },
          { id: 'z', insertAfter: 'x' },
          { id: 'workloads' },
        ]),
      ),
    ).toEqual(['y', 'home', 'storage', 'x', 'z', 'workloads']);
  });
  it('uses the first referenced id that exists and prefers insertBefore', () => {
    expect(
      ids(
        sortByInsertion([
          { id: 'a' },
          { id: 'b' },
          { id: 'n', insertBefore: ['missing', 'b'], insertAfter: 'a' },
        ]),
      ),
    ).toEqual(['a', 'n', 'b']);
  });
  it('puts entries whose references never appear at the end', () => {
    expect(ids(sortByInsertion([{ id: 'n', insertAfter: 'nowhere' }, { id: 'a' }]))).toEqual([
      'a',
      'n',
    ]);
  });
});
