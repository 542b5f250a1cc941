// Windowing of a list page's table against the page's own scroll container (as the console's list pages do), with
// TanStack Virtual: the hook finds the body's scrolling ancestor, tells the virtualizer where the rows start in it
// (its scroll margin), and measures each rendered row (`measureElement` on the row, with `data-index`).
import { useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

const ESTIMATED_ROW_HEIGHT = 45;
const ASSUMED_VIEWPORT = 900;
const OVERSCAN = 8;

/** Rows `[start, end)` to render, and the pixels standing in for the rows above and below them. */
export interface PageRowWindow {
  start: number;
  end: number;
  before: number;
  after: number;
}

const scrollParent = (element: HTMLElement): HTMLElement => {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if (overflowY === 'auto' || overflowY === 'scroll') return node;
  }
  return document.scrollingElement instanceof HTMLElement
    ? document.scrollingElement
    : document.documentElement;
};

export const usePageRowWindow = (
  count: number,
): {
  bodyRef: RefObject<HTMLTableSectionElement>;
  window: PageRowWindow;
  measureElement: (row: Element | null) => void;
} => {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [rowsTop, setRowsTop] = useState(0);
  // Where the rows start inside the scroller's content; re-read when the list changes (the page above with it).
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const parent = scrollParent(body);
    setScroller(parent);
    setRowsTop(
      body.getBoundingClientRect().top - parent.getBoundingClientRect().top + parent.scrollTop,
    );
  }, [count]);
  // The host uses no React Compiler, so the virtualizer's unmemoisable functions are no concern here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin: rowsTop,
    initialRect: { width: 0, height: ASSUMED_VIEWPORT },
  });
  const items = virtualizer.getVirtualItems();
  const first = items.at(0);
  const last = items.at(-1);
  return {
    bodyRef,
    window: {
      start: first?.index ?? 0,
      end: last ? last.index + 1 : 0,
      before: first ? first.start - rowsTop : 0,
      after: last ? virtualizer.getTotalSize() + rowsTop - last.end : 0,
    },
    measureElement: virtualizer.measureElement,
  };
};
