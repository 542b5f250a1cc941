// One Overview section: a Card with a heading, and exactly one of loading skeleton, error, empty state or content.
import { useId } from 'react';
import type { FC, ReactNode } from 'react';
import {
  Badge,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Skeleton,
  Title,
} from '@patternfly/react-core';
import { EmptyStateFor } from '../../components/EmptyStateFor';
import { LoadError } from '../../components/LoadError';
import type { RequestContext } from '../../k8s/load-error';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { SectionBoundary } from './SectionBoundary';

export type SectionState = 'loading' | 'error' | 'empty' | 'ready';

export interface SectionCardProps {
  /** `data-test` of the card, e.g. `overview-pvs`. */
  testId: string;
  title: string;
  subtitle?: string;
  loaded: boolean;
  error: unknown;
  /** What was being loaded, for the error message. */
  errorContext: RequestContext;
  count: number;
  emptyTitle: string;
  emptyBody?: ReactNode;
  children: ReactNode;
}

/** Which state a section shows; an error wins unless there is data to show under it. */
export const sectionState = (loaded: boolean, error: unknown, count: number): SectionState => {
  if (error && (!loaded || count === 0)) return 'error';
  if (!loaded) return 'loading';
  return count === 0 ? 'empty' : 'ready';
};

export const SectionCard: FC<SectionCardProps> = ({
  testId,
  title,
  subtitle,
  loaded,
  error,
  errorContext,
  count,
  emptyTitle,
  emptyBody,
  children,
}) => {
  const { t } = usePluginTranslation();
  const titleId = useId();
  const state = sectionState(loaded, error, count);
  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      data-test={testId}
      data-state={state}
      isCompact
      className="vm-disks-plugin__section"
    >
      <CardHeader>
        <CardTitle>
          <Title headingLevel="h2" size="lg" id={titleId}>
            {title}
            {state === 'ready' || state === 'empty' ? (
              <Badge isRead className="vm-disks-plugin__count" data-test="section-count">
                {count}
              </Badge>
            ) : null}
          </Title>
          {subtitle ? <div className="vm-disks-plugin__subtitle">{subtitle}</div> : null}
        </CardTitle>
      </CardHeader>
      <CardBody>
        <SectionBoundary title={t('This section failed to render')}>
          {state === 'error' || (state === 'ready' && error) ? (
            <LoadError error={error} {...errorContext} />
          ) : null}
          {state === 'loading' ? (
            <div data-test="section-loading" aria-busy="true">
              <Skeleton screenreaderText={t('Loading {{title}}', { title })} />
              <Skeleton width="80%" className="vm-disks-plugin__skeleton-line" />
              <Skeleton width="60%" className="vm-disks-plugin__skeleton-line" />
            </div>
          ) : null}
          {state === 'empty' ? <EmptyStateFor title={emptyTitle}>{emptyBody}</EmptyStateFor> : null}
          {state === 'ready' ? children : null}
        </SectionBoundary>
      </CardBody>
    </Card>
  );
};
