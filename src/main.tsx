import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ensureCrossOriginIsolation } from './app/cross-origin-isolation';
import { registerOfflineShell } from './app/offline-shell';
import './index.css';

if (import.meta.env.PROD) {
  ensureCrossOriginIsolation();
  registerOfflineShell();
}

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
