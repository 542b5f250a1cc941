// The one table shape of the Overview sections: objects sorted by namespace and name, one column definition per
// column, the focused row highlighted and scrolled to, and only the rows near the viewport rendered.
import { useMemo } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { Td, Th, Tr } from '@patternfly/react-table';
import type { TdProps } from '@patternfly/react-table';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { VirtualTable } from '../../components/virtual-table/VirtualTable';
import type { Focus } from './focus';
import { isFocused } from './focus';
import { rowProps } from './row-props';

export interface SectionColumn<T> {
  title: string;
  cell: (row: T) => ReactNode;
  modifier?: TdProps['modifier'];
  /** `data-test` of the cell. */
  dataTest?: string;
}

export interface SectionTableProps<T extends K8sResourceCommon> {
  label: string;
  /** Kind of the objects, for the focus. */
  kind: string;
  focus: Focus | undefined;
  /** Rows in display order. */
  rows: readonly T[];
  /** Columns; `false` leaves one out (e.g. Namespace inside one project). */
  columns: readonly (SectionColumn<T> | false)[];
  /** Extra attributes per row (`data-*` hooks). */
  rowAttributes?: (row: T) => Record<string, string | undefined>;
}

const rowKey = (row: K8sResourceCommon): string =>
  row.metadata?.uid ?? `${row.metadata?.namespace ?? ''}/${row.metadata?.name ?? ''}`;

export const SectionTable = <T extends K8sResourceCommon>({
  label,
  kind,
  focus,
  rows,
  columns,
  rowAttributes,
}: SectionTableProps<T>): ReactElement => {
  const shown = columns.filter((c): c is SectionColumn<T> => c !== false);
  const focusIndex = useMemo(
    () =>
      focus
        ? rows.findIndex((r) => isFocused(focus, kind, r.metadata?.namespace, r.metadata?.name))
        : -1,
    [focus, kind, rows],
  );
  return (
    <VirtualTable
      aria-label={label}
      rows={rows}
      columnCount={shown.length}
      focusIndex={focusIndex}
      header={shown.map((c) => (
        <Th key={c.title} modifier="wrap">
          {c.title}
        </Th>
      ))}
      renderRow={(row, ariaRowIndex) => {
        const name = row.metadata?.name;
        return (
          <Tr
            key={rowKey(row)}
            aria-rowindex={ariaRowIndex}
            {...rowAttributes?.(row)}
            {...rowProps(name, isFocused(focus, kind, row.metadata?.namespace, name))}
          >
            {shown.map((c) => (
              <Td key={c.title} dataLabel={c.title} modifier={c.modifier} data-test={c.dataTest}>
                {c.cell(row)}
              </Td>
            ))}
          </Tr>
        );
      }}
    />
  );
};
