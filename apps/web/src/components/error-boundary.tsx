import { Component, type ReactNode } from 'react';
import { ErrorState } from './error-state';

interface Props {
  /** What failed, for the message, e.g. "the todo list". */
  what: string;
  children: ReactNode;
}

/** Keeps a crash in one part of the page from blanking the whole page (React itself logs the error). */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card">
        <h2>Something went wrong</h2>
        <ErrorState onRetry={() => this.setState({ error: null })}>
          We could not show {this.props.what}: {this.state.error.message}
        </ErrorState>
      </div>
    );
  }
}
