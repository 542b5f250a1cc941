import { describe, expect, it } from 'vitest';
import { DEFAULT_PER_PAGE, pageSlice, pageToShow } from './pagination';

describe('pageToShow', () => {
  it.each([
    [0, 20, undefined, -1, 1],
    [5, 20, undefined, -1, 1],
    [5000, 20, undefined, -1, 1],
    [5000, 20, 3, -1, 3],
    [5000, 20, undefined, 19, 1],
    [5000, 20, undefined, 20, 2],
    [5000, 20, undefined, 4321, 217],
    [5000, 20, undefined, 4999, 250],
    [5000, 50, undefined, 4321, 87],
    [5000, 20, 2, 4321, 2], // the user's choice wins over the focus
    [30, 20, 5, -1, 2], // clamped when the list shrank
    [30, 20, 0, -1, 1],
  ])(
    'total %d, %d per page, requested %s, focus %d → page %d',
    (total, perPage, requested, focus, page) => {
      expect(pageToShow(total, perPage, requested, focus)).toBe(page);
    },
  );
});

describe('pageSlice', () => {
  const rows = Array.from({ length: 45 }, (_, i) => i);
  it('cuts one page', () => {
    expect(pageSlice(rows, 1, DEFAULT_PER_PAGE)).toEqual(rows.slice(0, 20));
    expect(pageSlice(rows, 3, DEFAULT_PER_PAGE)).toEqual([40, 41, 42, 43, 44]);
    expect(pageSlice(rows, 4, DEFAULT_PER_PAGE)).toEqual([]);
  });
});
