// Windowing of a list page's table against the page's own scroll container (as the console's list pages do): the
// hook finds the body's scrolling ancestor, follows its scroll and size, and measures the rendered rows.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { measuredRowHeight, rowWindow } from '../../lib/row-window';
import type { RowWindow } from '../../lib/row-window';

const ESTIMATED_ROW_HEIGHT = 45;
const ASSUMED_VIEWPORT = 900;

const scrollParent = (element: HTMLElement): HTMLElement | Window => {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight)
      return node;
  }
  return window;
};

interface Viewport {
  /** Where the first row's top edge is, relative to the top of the viewport (negative once scrolled past). */
  rowsTop: number;
  height: number;
}

const pageWindow = (count: number, rowHeight: number, viewport: Viewport): RowWindow =>
  rowWindow({ count, rowHeight, scrollTop: -viewport.rowsTop, viewportHeight: viewport.height });

export const usePageRowWindow = (
  count: number,
): { bodyRef: RefObject<HTMLTableSectionElement>; window: RowWindow } => {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [rowHeight, setRowHeight] = useState(ESTIMATED_ROW_HEIGHT);
  const [viewport, setViewport] = useState<Viewport>({ rowsTop: 0, height: ASSUMED_VIEWPORT });
  const shown = pageWindow(count, rowHeight, viewport);

  const measure = useCallback(() => {
    const body = bodyRef.current;
    if (!body) return;
    const scroller = scrollParent(body);
    const viewTop = scroller instanceof Window ? 0 : scroller.getBoundingClientRect().top;
    const height = scroller instanceof Window ? scroller.innerHeight : scroller.clientHeight;
    const next = { rowsTop: body.getBoundingClientRect().top - viewTop, height };
    setViewport((previous) => {
      const [a, b] = [pageWindow(count, rowHeight, previous), pageWindow(count, rowHeight, next)];
      return a.start === b.start && a.end === b.end ? previous : next;
    });
  }, [count, rowHeight]);

  // Follow every scroll container above the body (capture catches the page's inner scroller) and the window size.
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    document.addEventListener('scroll', onChange, { capture: true, passive: true });
    window.addEventListener('resize', onChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('scroll', onChange, { capture: true });
      window.removeEventListener('resize', onChange);
    };
  }, [measure]);

  // Once rows are on screen, their real height (kept from then on, so that re-windowing never feeds back into the
  // measurement); after each render, the body's position (the page above it may have changed).
  const measured = useRef(false);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const rendered = shown.end - shown.start;
    if (!measured.current && rendered > 0) {
      measured.current = true;
      const height = body.getBoundingClientRect().height - shown.before - shown.after;
      setRowHeight((previous) => measuredRowHeight(previous, height, rendered));
    }
    measure();
  }, [shown.start, shown.end, shown.before, shown.after, measure]);

  return { bodyRef, window: shown };
};
