import type { FC } from 'react';
import { EmptyState, EmptyStateBody, PageSection } from '@patternfly/react-core';
import { Link, useLocation } from 'react-router';
import { DocumentTitle } from '../sdk/components/DocumentTitle';

export const NotFoundPage: FC = () => {
  const { pathname } = useLocation();
  return (
    <PageSection>
      <DocumentTitle>Page not found</DocumentTitle>
      <EmptyState titleText="404: Page not found" headingLevel="h1" data-test="not-found">
        <EmptyStateBody>
          Nothing is served at <code>{pathname}</code>. <Link to="/">Go home</Link>
        </EmptyStateBody>
      </EmptyState>
    </PageSection>
  );
};
