// Paging of long tables: which page to show, given what the user picked and which row is focused. Pure.

export const DEFAULT_PER_PAGE = 20;
export const PER_PAGE_OPTIONS = [10, 20, 50, 100] as const;

/**
 * The 1-based page to show: the one the user picked, else the page holding the focused row (`focusIndex`, -1 for
 * none), else the first; always within `1..pageCount` (so a list that shrinks never shows an empty page).
 */
export const pageToShow = (
  total: number,
  perPage: number,
  requested: number | undefined,
  focusIndex = -1,
): number => {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const wanted = requested ?? (focusIndex >= 0 ? Math.floor(focusIndex / perPage) + 1 : 1);
  return Math.min(Math.max(1, wanted), pageCount);
};

/** The rows of one page. */
export const pageSlice = <T>(rows: readonly T[], page: number, perPage: number): T[] =>
  rows.slice((page - 1) * perPage, page * perPage);
