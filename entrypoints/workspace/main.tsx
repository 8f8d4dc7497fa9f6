import React from 'react';
import ReactDOM from 'react-dom/client';
import { openDb } from '../../lib/db/schema';
import { App } from './App';
import '../../components/theme.css';
import '../../components/page.css';
import './style.css';

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <App db={openDb()} />
  </React.StrictMode>,
);
