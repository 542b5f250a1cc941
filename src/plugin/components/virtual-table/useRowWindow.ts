// The scroll state behind a windowed table: which rows to render for the container's scroll position, with the row
// height measured once from the first rows rendered.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject, UIEvent } from 'react';
import { measuredRowHeight, rowWindow, scrollTopFor } from '../../../lib/row-window';
import type { RowWindow } from '../../../lib/row-window';

// Layout effects do nothing in server rendering (and React warns about them there).
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

export interface RowWindowOptions {
  /** Row height assumed until rows are measured. */
  estimatedRowHeight: number;
  /** The container's height limit; the viewport height assumed until it is measured. */
  maxHeight: number;
  /** Row to bring into view (when it first appears), -1 for none. */
  focusIndex: number;
}

export interface RowWindowState {
  window: RowWindow;
  containerRef: RefObject<HTMLDivElement>;
  headRef: RefObject<HTMLTableSectionElement>;
  bodyRef: RefObject<HTMLTableSectionElement>;
  onScroll: (event: UIEvent<HTMLElement>) => void;
}

interface Viewport {
  top: number;
  height: number;
  offset: number;
}

export const useRowWindow = (
  count: number,
  { estimatedRowHeight, maxHeight, focusIndex }: RowWindowOptions,
): RowWindowState => {
  const containerRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [rowHeight, setRowHeight] = useState(estimatedRowHeight);
  const [viewport, setViewport] = useState<Viewport>(() => ({
    top: scrollTopFor(focusIndex, estimatedRowHeight, maxHeight),
    height: maxHeight,
    offset: 0,
  }));
  const window = rowWindow({
    count,
    rowHeight,
    scrollTop: viewport.top,
    viewportHeight: viewport.height,
    offset: viewport.offset,
  });

  // Re-render only when the scroll moves the window, not on every scroll event.
  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => {
      const element = event.currentTarget;
      const next: Viewport = {
        top: element.scrollTop,
        height: element.clientHeight,
        offset: headRef.current?.offsetHeight ?? 0,
      };
      const windowAt = (v: Viewport) =>
        rowWindow({
          count,
          rowHeight,
          scrollTop: v.top,
          viewportHeight: v.height,
          offset: v.offset,
        });
      setViewport((previous) => {
        const [a, b] = [windowAt(previous), windowAt(next)];
        return a.start === b.start && a.end === b.end ? previous : next;
      });
    },
    [count, rowHeight],
  );

  // Bring the focused row into view when it appears, and once more when the row height is measured (the row's own
  // ref may center it further). The user's scrolling is left alone after that.
  const focusScrolledWith = useRef<number | undefined>(undefined);
  useIsomorphicLayoutEffect(() => {
    if (focusIndex < 0) {
      focusScrolledWith.current = undefined;
      return;
    }
    const container = containerRef.current;
    if (focusScrolledWith.current === rowHeight || !container) return;
    focusScrolledWith.current = rowHeight;
    container.scrollTop = scrollTopFor(
      focusIndex,
      rowHeight,
      container.clientHeight,
      headRef.current?.offsetHeight ?? 0,
    );
  }, [focusIndex, rowHeight]);

  // Once rows are on screen: their real height (kept from then on: one row height for the whole table, so that
  // re-windowing never feeds back into the measurement) and the real viewport. Later scrolling arrives through
  // `onScroll`.
  const measured = useRef(false);
  useIsomorphicLayoutEffect(() => {
    const body = bodyRef.current;
    const container = containerRef.current;
    const rendered = window.end - window.start;
    if (measured.current || !body || !container || rendered === 0) return;
    measured.current = true;
    const height = body.getBoundingClientRect().height - window.before - window.after;
    setRowHeight((previous) => measuredRowHeight(previous, height, rendered));
    setViewport({
      top: container.scrollTop,
      height: container.clientHeight,
      offset: headRef.current?.offsetHeight ?? 0,
    });
  }, [window.start, window.end, window.before, window.after]);

  return { window, containerRef, headRef, bodyRef, onScroll };
};
