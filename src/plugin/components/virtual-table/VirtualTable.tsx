// A PatternFly table that renders only the rows in (and near) its scroll viewport, so that thousands of rows cost
// what a screenful costs. The table scrolls inside its own container under a sticky header; the container takes
// keyboard focus (arrow keys, Page Up/Down scroll it) and the table tells assistive technology the full row count
// (`aria-rowcount`) and each rendered row's place in it (`aria-rowindex`, passed to `renderRow`).
import type { ReactElement, ReactNode } from 'react';
import { Table, Tbody, Thead, Tr } from '@patternfly/react-table';
import { useRowWindow } from './useRowWindow';
import './virtual-table.css';

/** Height of a compact PatternFly row with a link or a label in it; corrected by measurement. */
export const ESTIMATED_ROW_HEIGHT = 37;
/** The scroll container's height limit: about fifteen compact rows. */
export const DEFAULT_MAX_HEIGHT = 560;

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
  const { window, containerRef, headRef, bodyRef, onScroll } = useRowWindow(rows.length, {
    estimatedRowHeight,
    maxHeight,
    focusIndex,
  });
  const shown = rows.slice(window.start, window.end);
  return (
    <div
      ref={containerRef}
      className="vm-disks-plugin__virtual-table"
      style={{ maxHeight }}
      onScroll={onScroll}
      // A scrollable region must be reachable by keyboard to be scrolled by keyboard.
      tabIndex={0}
      role="region"
      aria-label={label}
      data-test={dataTest}
      data-row-count={rows.length}
      data-window={`${window.start}-${window.end}`}
    >
      <Table aria-label={label} aria-rowcount={rows.length + 1} variant="compact" isStickyHeader>
        <Thead ref={headRef}>
          <Tr aria-rowindex={1}>{header}</Tr>
        </Thead>
        <Tbody ref={bodyRef}>
          <Spacer height={window.before} columns={columnCount} />
          {shown.map((row, i) => renderRow(row, window.start + i + 2))}
          <Spacer height={window.after} columns={columnCount} />
        </Tbody>
      </Table>
    </div>
  );
};
