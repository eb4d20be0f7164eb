/**
 * GitHub Pages cannot send COOP/COEP headers, and without them the page is not
 * cross-origin isolated, so WASM cannot use threads. A small service worker
 * (public/coi-sw.js) adds the headers to our own responses. This registers it
 * and reloads once so the page is served through it; a session flag makes
 * sure a browser that still refuses isolation is never reloaded in a loop.
 */
const RELOAD_FLAG = 'coi-reloaded';

export function ensureCrossOriginIsolation(): void {
  if (window.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  navigator.serviceWorker
    .register(`${base}coi-sw.js`, { scope: base })
    .then(async (registration) => {
      await navigator.serviceWorker.ready;
      const controlled = navigator.serviceWorker.controller !== null;
      if (sessionStorage.getItem(RELOAD_FLAG)) return;
      if (controlled || registration.active) {
        sessionStorage.setItem(RELOAD_FLAG, '1');
        window.location.reload();
      }
    })
    .catch((error: unknown) => {
      console.warn('Cross-origin isolation service worker could not be registered; WASM will use one thread.', error);
    });
}
