import { useState } from 'react';
import { DEFAULT_PER_PAGE, pageSlice, pageToShow } from './pagination';

export interface PagedRows<T> {
  /** The rows of the page shown. */
  visible: T[];
  page: number;
  perPage: number;
  total: number;
  setPage: (page: number) => void;
  setPerPage: (perPage: number) => void;
}

/** One page of `rows`; until the user pages, the page that holds the row `isFocused` picks. */
export const usePagedRows = <T>(
  rows: readonly T[],
  isFocused: (row: T) => boolean,
): PagedRows<T> => {
  const [requested, setRequested] = useState<number | undefined>(undefined);
  const [perPage, setPerPageState] = useState(DEFAULT_PER_PAGE);
  const page = pageToShow(rows.length, perPage, requested, rows.findIndex(isFocused));
  return {
    visible: pageSlice(rows, page, perPage),
    page,
    perPage,
    total: rows.length,
    setPage: setRequested,
    setPerPage: (value) => {
      setPerPageState(value);
      setRequested(1);
    },
  };
};
