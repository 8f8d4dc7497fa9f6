import React from 'react';
import ReactDOM from 'react-dom/client';

ReactDOM.createRoot(document.getElementById('root')!).render(<React.StrictMode><h1>Spark Guard</h1></React.StrictMode>);
