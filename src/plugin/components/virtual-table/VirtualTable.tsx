// A PatternFly table that renders only the rows in (and near) its scroll viewport, so that thousands of rows cost
// what a screenful costs. The windowing is TanStack Virtual's (`useVirtualizer`): each rendered row is measured, so
// rows of different heights (a wrapped label, a second line) keep their place. The table scrolls inside its own
// container under a sticky header; the container takes keyboard focus (arrow keys, Page Up/Down scroll it) and the
// table tells assistive technology the full row count (`aria-rowcount`) and each rendered row's place in it
// (`aria-rowindex`, passed to `renderRow`).
import { cloneElement, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Key, MutableRefObject, ReactElement, ReactNode, Ref, RefCallback } from 'react';
import { Table, Tbody, Thead, Tr } from '@patternfly/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import './virtual-table.css';

/** Height of a compact PatternFly row with a link or a label in it, until the rows are measured. */
const ESTIMATED_ROW_HEIGHT = 37;
/** The scroll container's height limit: about fifteen compact rows. */
const DEFAULT_MAX_HEIGHT = 560;
/** Rows rendered beyond each edge of the viewport, so that a wheel step or a key press never shows a gap. */
const OVERSCAN = 8;

// Layout effects do nothing in server rendering (and React warns about them there).
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

export interface VirtualTableProps<T> {
  'aria-label': string;
  rows: readonly T[];
  /** The header cells (`Th`). */
  header: ReactNode;
  /** Number of columns, for the spacer rows. */
  columnCount: number;
  /** One `Tr` per row; put `aria-rowindex={ariaRowIndex}` on it. */
  renderRow: (row: T, ariaRowIndex: number) => ReactElement;
  /** Row to scroll into view when it first appears. */
  focusIndex?: number;
  maxHeight?: number;
  estimatedRowHeight?: number;
  'data-test'?: string;
}

type OwnRef = Ref<HTMLTableRowElement> | undefined;

const Spacer = ({ height, columns }: { height: number; columns: number }) =>
  height > 0 ? (
    <tr aria-hidden="true">
      <td className="vm-disks-plugin__virtual-spacer-cell" colSpan={columns} style={{ height }} />
    </tr>
  ) : null;

export const VirtualTable = <T,>({
  'aria-label': label,
  rows,
  header,
  columnCount,
  renderRow,
  focusIndex = -1,
  maxHeight = DEFAULT_MAX_HEIGHT,
  estimatedRowHeight = ESTIMATED_ROW_HEIGHT,
  'data-test': dataTest,
}: VirtualTableProps<T>): ReactElement => {
  const containerRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  // The rows start below the sticky header: the virtualizer counts that offset as its scroll margin.
  const [headHeight, setHeadHeight] = useState(0);
  useIsomorphicLayoutEffect(() => {
    setHeadHeight(headRef.current?.offsetHeight ?? 0);
  }, []);
  // The build uses no React Compiler, so the virtualizer's unmemoisable functions are no concern here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => containerRef.current,
    estimateSize: () => estimatedRowHeight,
    overscan: OVERSCAN,
    scrollMargin: headHeight,
    // Before the container is measured (and in server rendering): its height limit, scrolled to the focused row.
    initialRect: { width: 0, height: maxHeight },
    initialOffset: () =>
      focusIndex < 0 ? 0 : Math.max(0, (focusIndex + 0.5) * estimatedRowHeight - maxHeight / 2),
  });

  // Bring the focused row into view when it appears; the user's scrolling is left alone after that.
  const focusShown = useRef(-1);
  useIsomorphicLayoutEffect(() => {
    if (focusIndex < 0 || focusShown.current === focusIndex || focusIndex >= rows.length) return;
    focusShown.current = focusIndex;
    virtualizer.scrollToIndex(focusIndex, { align: 'center' });
  }, [focusIndex, rows.length, virtualizer]);

  // One stable callback ref per row and own ref: a new one each render would re-run the row's own ref each time.
  const rowRefs = useRef(
    new Map<number, { own: OwnRef; merged: RefCallback<HTMLTableRowElement> }>(),
  );
  const rowRef = (index: number, own: OwnRef): RefCallback<HTMLTableRowElement> => {
    const known = rowRefs.current.get(index);
    if (known && known.own === own) return known.merged;
    const merged = (element: HTMLTableRowElement | null) => {
      virtualizer.measureElement(element);
      if (typeof own === 'function') own(element);
      else if (own) (own as MutableRefObject<HTMLTableRowElement | null>).current = element;
    };
    rowRefs.current.set(index, { own, merged });
    return merged;
  };

  // Rows rendered in the last render, reused while their row object and `renderRow` are the same: a scroll step
  // re-renders only the VirtualTable (its parent does not), and React skips an element it has already seen, so
  // only the rows that came into view render. A new `renderRow` (the parent rendered) renders every row again.
  const rendered = useRef(
    new Map<number, { row: T; render: typeof renderRow; element: ReactElement }>(),
  );
  const items = virtualizer.getVirtualItems();
  const shown = new Map<number, { row: T; render: typeof renderRow; element: ReactElement }>();
  const rowElement = (index: number, key: Key): ReactElement => {
    const row = rows[index];
    const known = rendered.current.get(index);
    if (known && known.row === row && known.render === renderRow) {
      shown.set(index, known);
      return known.element;
    }
    const own = renderRow(row, index + 2);
    // The row's own ref (e.g. the focused row scrolling itself into view) keeps working beside the virtualizer's
    // measuring one.
    const element = cloneElement(own, {
      key,
      ref: rowRef(index, (own as { ref?: Ref<HTMLTableRowElement> }).ref),
      'data-index': index,
    });
    shown.set(index, { row, render: renderRow, element });
    return element;
  };
  const rowElements = items.map((item) => rowElement(item.index, item.key));
  rendered.current = shown;
  const first = items.at(0);
  const last = items.at(-1);
  const before = first ? first.start - headHeight : 0;
  const after = last ? virtualizer.getTotalSize() + headHeight - last.end : 0;
  return (
    <div
      ref={containerRef}
      className="vm-disks-plugin__virtual-table"
      style={{ maxHeight }}
      // A scrollable region must be reachable by keyboard to be scrolled by keyboard.
      tabIndex={0}
      role="region"
      aria-label={label}
      data-test={dataTest}
      data-row-count={rows.length}
      data-window={`${first?.index ?? 0}-${last ? last.index + 1 : 0}`}
    >
      <Table aria-label={label} aria-rowcount={rows.length + 1} variant="compact" isStickyHeader>
        <Thead ref={headRef}>
          <Tr aria-rowindex={1}>{header}</Tr>
        </Thead>
        <Tbody>
          <Spacer height={before} columns={columnCount} />
          {rowElements}
          <Spacer height={after} columns={columnCount} />
        </Tbody>
      </Table>
    </div>
  );
};
