// Which rows of a long table to render: the rows that intersect the scroll viewport, plus a few above and below
// ("overscan") so that scrolling by a wheel step or a key press never shows a gap. Rows share one height. Pure;
// used by the plugin's windowed tables and by the host's list pages (which window against the page's scroll).

/** Rows `[start, end)` to render, and the empty space to keep above and below them. */
export interface RowWindow {
  start: number;
  end: number;
  /** Pixels standing in for rows `0..start`. */
  before: number;
  /** Pixels standing in for rows `end..count`. */
  after: number;
}

export interface WindowInput {
  /** Number of rows in the table. */
  count: number;
  /** Height of one row in pixels (> 0). */
  rowHeight: number;
  /** `scrollTop` of the scroll container (how far the first row is above the viewport's top; may be negative). */
  scrollTop: number;
  /** Visible height of the scroll container. */
  viewportHeight: number;
  /** Pixels of content above the first row inside the scroll container (a sticky header). */
  offset?: number;
  /** Extra rows rendered on each side. */
  overscan?: number;
}

export const DEFAULT_OVERSCAN = 8;

const clamp = (value: number, min: number, max: number): number =>
  Math.min(Math.max(value, min), max);

/** The window of rows to render for a scroll position. Always within `0..count`; empty for no rows. */
export const rowWindow = ({
  count,
  rowHeight,
  scrollTop,
  viewportHeight,
  offset = 0,
  overscan = DEFAULT_OVERSCAN,
}: WindowInput): RowWindow => {
  if (count <= 0 || !(rowHeight > 0)) return { start: 0, end: 0, before: 0, after: 0 };
  const top = Math.max(0, scrollTop - offset);
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = clamp(first - overscan, 0, count);
  const end = clamp(first + visible + overscan, start, count);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
};

/** The `scrollTop` that puts row `index` in the middle of the viewport (0 when the row is near the top). */
export const scrollTopFor = (
  index: number,
  rowHeight: number,
  viewportHeight: number,
  offset = 0,
): number =>
  index < 0 ? 0 : Math.max(0, offset + index * rowHeight - (viewportHeight - rowHeight) / 2);

/**
 * The average height of rendered rows, for the next windowing pass; `previous` when nothing was measured or the
 * change is under a pixel (so that sub-pixel rounding does not re-render forever).
 */
export const measuredRowHeight = (
  previous: number,
  renderedHeight: number,
  renderedRows: number,
): number => {
  if (renderedRows <= 0 || !(renderedHeight > 0)) return previous;
  const measured = renderedHeight / renderedRows;
  return Math.abs(measured - previous) < 1 ? previous : measured;
};
