import React from 'react';
import ReactDOM from 'react-dom/client';
import { openDb } from '../../lib/db/schema';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import { loadLedger, type LedgerSnapshot } from './ledger';
import './style.css';

// The toolbar popup is narrow and fixed; the same page opened in a tab (from a notification) is fluid.
try {
  if (chrome.extension?.getViews?.({ type: 'popup' }).includes(window)) {
    document.documentElement.classList.add('in-popup');
  }
} catch {
  // Not an extension page (e.g. a test harness): stay fluid.
}

const db = openDb();
const root = ReactDOM.createRoot(document.getElementById('root')!);
const render = (initial: LedgerSnapshot | null) =>
  root.render(
    <React.StrictMode>
      <ErrorBoundary>
        <App db={db} initial={initial} />
      </ErrorBoundary>
    </React.StrictMode>,
  );

// Read the ledger before React starts and paint once with every code in hand: no empty flash, no
// second render. A failed read falls back to the live query alone.
loadLedger(db).then(render, () => render(null));
