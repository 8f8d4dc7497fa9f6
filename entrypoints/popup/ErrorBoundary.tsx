import { Component, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/**
 * If reading the ledger fails (e.g. the browser refused the storage), say so instead of showing an
 * empty window that looks like an empty ledger. Nothing is deleted: the codes stay where they are.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('Spark Guard popup failed', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="app">
        <h1>Spark Guard</h1>
        <p role="alert" className="form-error">
          Spark Guard could not read your codes just now. Nothing was deleted. Close this window and open it again;
          if this keeps happening, restart the browser.
        </p>
      </div>
    );
  }
}
