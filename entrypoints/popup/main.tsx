// First: starts reading the ledger before anything else loads.
import { db, firstRead } from './startup';
import React from 'react';
import ReactDOM from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import type { LedgerSnapshot } from './ledger';
import '../../components/theme.css';
import './style.css';

// The toolbar popup is narrow and fixed; the same page opened in a tab (from a notification) is fluid.
try {
  if (chrome.extension?.getViews?.({ type: 'popup' }).includes(window)) {
    document.documentElement.classList.add('in-popup');
  }
} catch {
  // Not an extension page (e.g. a test harness): stay fluid.
}

const root = ReactDOM.createRoot(document.getElementById('root')!);
const render = (initial: LedgerSnapshot | null) =>
  root.render(
    <React.StrictMode>
      <ErrorBoundary>
        <App db={db} initial={initial} />
      </ErrorBoundary>
    </React.StrictMode>,
  );

// Paint once with every code in hand: no empty flash, no second render. A failed read falls back to
// the live query alone.
firstRead.then(render, () => render(null));
