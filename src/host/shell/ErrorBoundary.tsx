import type { ErrorInfo, ReactNode } from 'react';
import { Component } from 'react';
import { ErrorBoundaryFallbackPage } from '../sdk/components/ErrorBoundaryFallbackPage';

interface State {
  error?: Error;
  componentStack: string;
}

/** Wraps each page: a failing page (or a code ref that does not resolve) shows the error, not a blank app. */
export class ErrorBoundary extends Component<{ title: string; children: ReactNode }, State> {
  override state: State = { componentStack: '' };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
  }

  /** The message with its causes, as the loader chains them ("Failed to load module …: Module … does not exist"). */
  private static messageWithCauses(error: Error): string {
    const parts: string[] = [];
    let current: unknown = error;
    while (current instanceof Error && parts.length < 5) {
      parts.push(current.message);
      current = (current as Error & { cause?: unknown }).cause;
    }
    return parts.filter(Boolean).join(': ');
  }

  override render(): ReactNode {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    return (
      <ErrorBoundaryFallbackPage
        title={this.props.title}
        errorMessage={ErrorBoundary.messageWithCauses(error)}
        stack={error.stack ?? ''}
        componentStack={componentStack}
      />
    );
  }
}
