/**
 * Registers the service worker that keeps an offline copy of the app (the same
 * script that isolates the page on GitHub Pages), and tells the page when a
 * newly deployed build is installed and waiting, so the user decides when to
 * switch: a reload in the middle of a caption run would lose it.
 */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let waiting: ServiceWorker | undefined;
const listeners = new Set<() => void>();

function announce(worker: ServiceWorker): void {
  waiting = worker;
  for (const listener of listeners) listener();
}

function watch(registration: ServiceWorkerRegistration): void {
  // No controller means this is the first install, not an update.
  if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) announce(installing);
    });
  });
}

export function registerOfflineShell(): void {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  navigator.serviceWorker
    .register(`${base}coi-sw.js`, { scope: base })
    .then((registration) => {
      watch(registration);
      setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
    })
    .catch((error: unknown) => {
      console.warn('The offline copy of the app could not be set up; the app will need the network.', error);
    });
}

export function subscribeToUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateWaiting(): boolean {
  return waiting !== undefined;
}

/** Activates the waiting build and reloads once it controls the page. */
export function applyUpdate(): void {
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  waiting?.postMessage({ type: 'skip-waiting' });
}
