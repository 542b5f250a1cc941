import type { FC } from 'react';
import { Pagination, PaginationVariant } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { DEFAULT_PER_PAGE, PER_PAGE_OPTIONS } from './pagination';
import type { PagedRows } from './usePagedRows';

const PER_PAGE = PER_PAGE_OPTIONS.map((value) => ({ title: String(value), value }));

/** PatternFly pagination under a table; hidden while everything fits on one default page. */
export const TablePagination: FC<{ paged: PagedRows<unknown>; label: string }> = ({
  paged,
  label,
}) => {
  const { t } = usePluginTranslation();
  if (paged.total <= DEFAULT_PER_PAGE && paged.perPage === DEFAULT_PER_PAGE) return null;
  return (
    <div data-test="pagination" data-page={paged.page} data-per-page={paged.perPage}>
      <Pagination
        isCompact
        variant={PaginationVariant.bottom}
        itemCount={paged.total}
        page={paged.page}
        perPage={paged.perPage}
        perPageOptions={PER_PAGE}
        onSetPage={(_event, page) => {
          paged.setPage(page);
        }}
        onPerPageSelect={(_event, perPage) => {
          paged.setPerPage(perPage);
        }}
        titles={{
          paginationAriaLabel: t('Pagination of {{label}}', { label }),
          ofWord: t('of'),
          perPageSuffix: t('per page'),
          itemsPerPage: t('Items per page'),
          optionsToggleAriaLabel: t('Items per page'),
          toFirstPageAriaLabel: t('Go to first page'),
          toPreviousPageAriaLabel: t('Go to previous page'),
          toNextPageAriaLabel: t('Go to next page'),
          toLastPageAriaLabel: t('Go to last page'),
          currPageAriaLabel: t('Current page'),
        }}
      />
    </div>
  );
};
