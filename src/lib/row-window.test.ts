import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERSCAN, measuredRowHeight, rowWindow, scrollTopFor } from './row-window';

describe('rowWindow', () => {
  it('renders the first screen plus overscan at the top', () => {
    const w = rowWindow({ count: 5000, rowHeight: 40, scrollTop: 0, viewportHeight: 400 });
    expect(w.start).toBe(0);
    // 10 rows fit, one more for a partly visible row, then the overscan.
    expect(w.end).toBe(11 + DEFAULT_OVERSCAN);
    expect(w.before).toBe(0);
    expect(w.after).toBe((5000 - w.end) * 40);
  });

  it('follows the scroll offset and keeps the total height', () => {
    const w = rowWindow({
      count: 5000,
      rowHeight: 40,
      scrollTop: 40 * 1000 + 15,
      viewportHeight: 400,
      overscan: 2,
    });
    expect(w).toEqual({ start: 998, end: 1013, before: 998 * 40, after: (5000 - 1013) * 40 });
    expect(w.before + (w.end - w.start) * 40 + w.after).toBe(5000 * 40);
  });

  it('subtracts the header above the rows', () => {
    const plain = rowWindow({
      count: 100,
      rowHeight: 20,
      scrollTop: 400,
      viewportHeight: 100,
      overscan: 0,
    });
    const withHeader = rowWindow({
      count: 100,
      rowHeight: 20,
      scrollTop: 400,
      viewportHeight: 100,
      offset: 40,
      overscan: 0,
    });
    expect(plain.start).toBe(20);
    expect(withHeader.start).toBe(18);
  });

  it('clamps at the end of the list, even when scrolled past it', () => {
    const w = rowWindow({ count: 50, rowHeight: 40, scrollTop: 1e6, viewportHeight: 400 });
    expect(w.end).toBe(50);
    expect(w.start).toBeLessThanOrEqual(50);
    expect(w.after).toBe(0);
    expect(w.start).toBeGreaterThanOrEqual(0);
  });

  it('renders every row of a short list', () => {
    expect(rowWindow({ count: 7, rowHeight: 40, scrollTop: 0, viewportHeight: 600 })).toEqual({
      start: 0,
      end: 7,
      before: 0,
      after: 0,
    });
  });

  it('renders the first screen while the rows start below the viewport top (negative scrollTop)', () => {
    const w = rowWindow({
      count: 5000,
      rowHeight: 50,
      scrollTop: -200,
      viewportHeight: 900,
      overscan: 0,
    });
    expect(w.start).toBe(0);
    expect(w.end).toBeGreaterThanOrEqual(14);
    expect(w.end).toBeLessThan(30);
  });

  it('renders nothing for no rows or a row height not yet known', () => {
    expect(rowWindow({ count: 0, rowHeight: 40, scrollTop: 0, viewportHeight: 600 }).end).toBe(0);
    expect(rowWindow({ count: 10, rowHeight: 0, scrollTop: 0, viewportHeight: 600 }).end).toBe(0);
  });

  it('still renders rows while the viewport has no height yet', () => {
    const w = rowWindow({
      count: 100,
      rowHeight: 40,
      scrollTop: 0,
      viewportHeight: 0,
      overscan: 0,
    });
    expect(w.end).toBeGreaterThan(0);
  });
});

describe('scrollTopFor', () => {
  it('centers a row in the viewport', () => {
    expect(scrollTopFor(100, 40, 400)).toBe(100 * 40 - 180);
    const w = rowWindow({
      count: 5000,
      rowHeight: 40,
      scrollTop: scrollTopFor(100, 40, 400),
      viewportHeight: 400,
      overscan: 0,
    });
    expect(w.start).toBeLessThanOrEqual(100);
    expect(w.end).toBeGreaterThan(100);
  });

  it('stays at the top for the first rows and for no row', () => {
    expect(scrollTopFor(1, 40, 400)).toBe(0);
    expect(scrollTopFor(-1, 40, 400)).toBe(0);
  });
});

describe('measuredRowHeight', () => {
  it('takes the average height of the rendered rows', () => {
    expect(measuredRowHeight(40, 20 * 45, 20)).toBe(45);
  });

  it('keeps the previous height for sub-pixel changes and empty measurements', () => {
    expect(measuredRowHeight(40, 20 * 40.4, 20)).toBe(40);
    expect(measuredRowHeight(40, 0, 0)).toBe(40);
  });
});
