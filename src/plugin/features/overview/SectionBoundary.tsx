import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { Alert } from '@patternfly/react-core';

interface SectionBoundaryProps {
  /** Translated title of the alert shown when the section crashes. */
  title: string;
  children: ReactNode;
}

interface SectionBoundaryState {
  error: Error | undefined;
}

/** Keeps a crash in one section from taking the whole page down. */
export class SectionBoundary extends Component<SectionBoundaryProps, SectionBoundaryState> {
  override state: SectionBoundaryState = { error: undefined };

  static getDerivedStateFromError(error: Error): SectionBoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('VM Disks overview section failed', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert isInline variant="danger" title={this.props.title} data-test="section-crash">
        {error.message}
      </Alert>
    );
  }
}
