import { Component, type ReactNode } from 'react';
import { ErrorNote } from './ErrorNote';

/** A rendering bug shows its message instead of unmounting the whole page to white. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return <ErrorNote title="This view failed to render" message={this.state.error.message} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}
