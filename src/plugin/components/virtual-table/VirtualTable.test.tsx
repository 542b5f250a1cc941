// The windowed table renders a screenful of a long list, and a scroll step renders only the rows that came into
// view: rows already shown are reused while their row object and `renderRow` are the same (bench/ui measures the
// effect on long tasks while scrolling).
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { Td, Th, Tr } from '@patternfly/react-table';
import { renderInConsole } from '../../testing/render';
import { VirtualTable } from './VirtualTable';

interface Row {
  name: string;
}

const rows: Row[] = Array.from({ length: 1000 }, (_, i) => ({ name: `row-${i}` }));

const table = (renderRow: (row: Row, ariaRowIndex: number) => ReactElement, list = rows) => (
  <VirtualTable
    aria-label="Rows"
    rows={list}
    header={<Th>Name</Th>}
    columnCount={1}
    renderRow={renderRow}
    data-test="rows"
  />
);

const renderRowSpy = () =>
  vi.fn((row: Row, ariaRowIndex: number) => (
    <Tr aria-rowindex={ariaRowIndex}>
      <Td>{row.name}</Td>
    </Tr>
  ));

const ROW_HEIGHT = 37;

const scrollBy = (rowsDown: number) => {
  const region = screen.getByRole('region', { name: 'Rows' });
  region.scrollTop += rowsDown * ROW_HEIGHT;
  fireEvent.scroll(region);
};

// jsdom lays nothing out: the scroll container gets its height limit and the list's height, every row the
// compact row height, and scrollTop keeps what is assigned (TanStack Virtual reads these).
beforeEach(() => {
  const isRegion = (element: Element) => element.getAttribute('role') === 'region';
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockImplementation(function get(
    this: Element,
  ) {
    return isRegion(this) ? 560 : ROW_HEIGHT;
  });
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
  vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockReturnValue(rows.length * ROW_HEIGHT);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(ROW_HEIGHT);
  const scrollTops = new WeakMap<Element, number>();
  vi.spyOn(Element.prototype, 'scrollTop', 'get').mockImplementation(function get(this: Element) {
    return scrollTops.get(this) ?? 0;
  });
  vi.spyOn(Element.prototype, 'scrollTop', 'set').mockImplementation(function set(
    this: Element,
    value: number,
  ) {
    scrollTops.set(this, value);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('VirtualTable', () => {
  it('renders a window of a long list and tells assistive technology the full count', () => {
    const renderRow = renderRowSpy();
    renderInConsole(table(renderRow));
    const shown = screen.getAllByRole('row').length - 1; // less the header row
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(60);
    expect(screen.getByRole('grid', { name: 'Rows' })).toHaveAttribute('aria-rowcount', '1001');
    expect(screen.getByText('row-0')).toBeInTheDocument();
    expect(screen.queryByText('row-999')).not.toBeInTheDocument();
  });

  it('renders only the rows that come into view on a scroll step', () => {
    const renderRow = renderRowSpy();
    renderInConsole(table(renderRow));
    const shownBefore = screen.getAllByRole('row').length - 1;
    renderRow.mockClear();
    scrollBy(4);
    expect(screen.getByText(`row-${shownBefore + 3}`)).toBeInTheDocument();
    const calls = renderRow.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(4);
  });

  it('renders every row again when the rows or renderRow change', () => {
    const renderRow = renderRowSpy();
    const { rerender } = renderInConsole(table(renderRow));
    const shown = screen.getAllByRole('row').length - 1;
    const renamed = rows.map((r) => ({ name: `${r.name}-new` }));
    renderRow.mockClear();
    rerender(table(renderRow, renamed));
    expect(renderRow.mock.calls.length).toBeGreaterThanOrEqual(shown);
    expect(screen.getByText('row-0-new')).toBeInTheDocument();
  });
});
