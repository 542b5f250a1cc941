// Breadcrumbs above the heading of a sub-page, as the console's page headings show them: every step but the
// last is a router link, the last is the current page (aria-current="page").
import type { FC } from 'react';
import { Breadcrumb, BreadcrumbItem, PageSection } from '@patternfly/react-core';
import { Link } from 'react-router';
import { usePluginTranslation } from '../i18n/usePluginTranslation';

export interface BreadcrumbStep {
  /** Shown text, already translated. */
  name: string;
  /** Where the step leads; the current page has none. */
  path?: string;
}

export interface PageBreadcrumbProps {
  steps: BreadcrumbStep[];
}

export const PageBreadcrumb: FC<PageBreadcrumbProps> = ({ steps }) => {
  const { t } = usePluginTranslation();
  return (
    <PageSection type="breadcrumb" data-test="page-breadcrumb">
      <Breadcrumb aria-label={t('Breadcrumb')}>
        {steps.map((step, index) => {
          const current = index === steps.length - 1 || !step.path;
          return current ? (
            <BreadcrumbItem
              key={step.name}
              isActive
              render={({ className, ariaCurrent }) => (
                <span className={className} aria-current={ariaCurrent}>
                  {step.name}
                </span>
              )}
            />
          ) : (
            <BreadcrumbItem
              key={step.name}
              render={({ className }) => (
                <Link className={className} to={step.path ?? ''}>
                  {step.name}
                </Link>
              )}
            />
          );
        })}
      </Breadcrumb>
    </PageSection>
  );
};
