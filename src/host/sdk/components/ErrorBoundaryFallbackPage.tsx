import {
  Alert,
  CodeBlock,
  CodeBlockCode,
  ExpandableSection,
  PageSection,
  Title,
} from '@patternfly/react-core';
import type { FC, ReactNode } from 'react';

export interface ErrorBoundaryFallbackProps {
  errorMessage: string;
  componentStack: string;
  stack: string;
  title: string;
  children?: ReactNode;
}

export const ErrorBoundaryFallbackPage: FC<ErrorBoundaryFallbackProps> = ({
  errorMessage,
  componentStack,
  stack,
  title,
  children,
}) => (
  <PageSection data-test="error-boundary-fallback">
    <Title headingLevel="h1">{title}</Title>
    <Alert variant="danger" isInline title={errorMessage} className="vm-disks-host__spaced" />
    {children}
    {(stack || componentStack) && (
      <ExpandableSection toggleText="Technical details">
        <CodeBlock>
          <CodeBlockCode>{[stack, componentStack].filter(Boolean).join('\n\n')}</CodeBlockCode>
        </CodeBlock>
      </ExpandableSection>
    )}
  </PageSection>
);
