import React from 'react';
import ReactDOM from 'react-dom/client';
import { openDb } from '../../lib/db/schema';
import { App, loadLedger, type LedgerSnapshot } from './App';
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
      <App db={db} initial={initial} />
    </React.StrictMode>,
  );

// Read the ledger right away, in parallel with loading the page, and paint once with the codes in
// hand: no empty flash, no second full render. A failed read falls back to the live query.
loadLedger(db).then(render, () => render(null));
