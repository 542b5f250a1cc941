// The CDI operations matrix (seed 6.12.2.2 / 6.12.7.5) as a page: content types × sources, each format with its
// support and scratch-space marks; hovering or focusing a mark explains why. Rendered from src/lib/cdi-matrix.ts,
// the table the upload flow checks against.
import type { FC } from 'react';
import {
  Card,
  CardBody,
  Content,
  Flex,
  FlexItem,
  Icon,
  PageSection,
  Tooltip,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import CheckIcon from '@patternfly/react-icons/dist/esm/icons/check-icon';
import TimesIcon from '@patternfly/react-icons/dist/esm/icons/times-icon';
import { DocumentTitle, ListPageHeader } from '@openshift-console/dynamic-plugin-sdk';
import { CDI_MATRIX, MATRIX_CONTENT_TYPES, MATRIX_SOURCES } from '../../../lib/cdi-matrix';
import type { MatrixContentType, MatrixEntry, MatrixSource } from '../../../lib/cdi-matrix';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { contentTypeLabel, entryExplanation, formatLabel, sourceLabel } from './matrix-words';
import './cdi-matrix.css';

const scratchMark = (entry: MatrixEntry): string =>
  !entry.supported
    ? ''
    : entry.scratch === 'always'
      ? '*'
      : entry.scratch === 'custom-ca'
        ? '**'
        : '';

const EntryMark: FC<{
  contentType: MatrixContentType;
  source: MatrixSource;
  entry: MatrixEntry;
}> = ({ contentType, source, entry }) => {
  const { t } = usePluginTranslation();
  const explanation = entryExplanation(t, contentType, source, entry);
  return (
    <Tooltip content={explanation} aria="describedby">
      <span
        className="vm-disks-plugin__matrix-entry"
        tabIndex={0}
        data-test="matrix-entry"
        data-format={entry.format}
        data-supported={entry.supported}
        data-scratch={entry.scratch}
        aria-label={explanation}
      >
        <Icon status={entry.supported ? 'success' : 'danger'} size="sm">
          {entry.supported ? <CheckIcon /> : <TimesIcon />}
        </Icon>{' '}
        {formatLabel(entry.format)}
        {scratchMark(entry)}
      </span>
    </Tooltip>
  );
};

export const CdiMatrixPage: FC = () => {
  const { t } = usePluginTranslation();
  const title = t('CDI operations');
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'Which image formats CDI accepts from each source, and which operations need scratch space. Hover over or focus a mark to see why.',
        )}
      />
      <PageSection data-test="cdi-matrix-page">
        <Card isCompact>
          <CardBody>
            <Table
              aria-label={t('CDI supported operations')}
              variant="compact"
              data-test="cdi-matrix"
              gridBreakPoint="grid-md"
            >
              <Thead>
                <Tr>
                  <Th>{t('Content type')}</Th>
                  {MATRIX_SOURCES.map((source) => (
                    <Th key={source}>{sourceLabel(t, source)}</Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {MATRIX_CONTENT_TYPES.map((contentType) => (
                  <Tr key={contentType} data-test-row={contentType}>
                    <Th>{contentTypeLabel(t, contentType)}</Th>
                    {MATRIX_SOURCES.map((source) => (
                      <Td
                        key={source}
                        dataLabel={sourceLabel(t, source)}
                        data-test="matrix-cell"
                        data-source={source}
                      >
                        <Flex
                          direction={{ default: 'column' }}
                          spaceItems={{ default: 'spaceItemsXs' }}
                        >
                          {CDI_MATRIX[contentType][source].map((entry) => (
                            <FlexItem key={entry.format}>
                              <EntryMark contentType={contentType} source={source} entry={entry} />
                            </FlexItem>
                          ))}
                        </Flex>
                      </Td>
                    ))}
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Content
              component="ul"
              className="vm-disks-plugin__matrix-legend"
              data-test="matrix-legend"
            >
              <Content component="li">{t('✓ Supported operation')}</Content>
              <Content component="li">{t('✗ Unsupported operation')}</Content>
              <Content component="li">{t('* Requires scratch space')}</Content>
              <Content component="li">
                {t('** Requires scratch space if a custom certificate authority is required')}
              </Content>
              <Content component="li">{t('Archives cannot be imported to Block volumes.')}</Content>
              <Content component="li">
                {t(
                  'Newer CDI versions also convert VMDK, VDI, VHD and VHDX images and unpack zstd like the qcow2 row; the upload flow checks files against this table.',
                )}
              </Content>
            </Content>
          </CardBody>
        </Card>
      </PageSection>
    </>
  );
};
