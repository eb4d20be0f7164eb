import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { ensureCrossOriginIsolation } from './app/cross-origin-isolation';
import { registerOfflineShell } from './app/offline-shell';
import { indexedDbGallery } from './lib/gallery-db';
import { inferenceApi } from './lib/inference-worker';
import { initStore } from './store/store';
import './index.css';

if (import.meta.env.PROD) {
  ensureCrossOriginIsolation();
  registerOfflineShell();
}

initStore({ api: inferenceApi, storage: safeLocalStorage(), search: location.search, baseUrl: document.baseURI, gallery: indexedDbGallery() });

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

/** Reading localStorage throws where storage is blocked; settings then last for this visit only. */
function safeLocalStorage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}
