/**
 * The service worker: keeps the whole built app (the shell and every JavaScript and CSS chunk,
 * the lazily loaded note editor too) in a precache, so the app starts and opens case files
 * offline. SvelteKit builds this file; @vite-pwa/sveltekit injects the precache list
 * (`self.__WB_MANIFEST`, every file under build/_app, see vite.config.ts) and names it /sw.js.
 *
 * Lifecycle:
 * - **First install** (no worker before it on this device): it takes control of the open pages
 *   at once (`clients.claim()`). The page the user logged in on is then served from the cache at
 *   once, so an editor chunk it asks for later still loads when the network drops. No page can be
 *   disturbed: none was controlled before.
 * - **Updates** wait, as before: the page shows "a new version is available" (UpdatePrompt) and
 *   the new worker takes over only when the user asks (the `SKIP_WAITING` message), so nobody is
 *   interrupted while typing and an open page never mixes two versions' chunks.
 */
/// <reference lib="webworker" />
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/** The worker's global scope (the DOM typings that SvelteKit's tsconfig adds say `Window`). */
const worker = self as unknown as ServiceWorkerGlobalScope;

/** The message UpdatePrompt (workbox-window's `messageSkipWaiting`) sends to apply an update. */
const SKIP_WAITING_MESSAGE = 'SKIP_WAITING';

/** The prerendered app shell every in-app address falls back to (the app is a SPA). */
const APP_SHELL_URL = '/';

/** Addresses that are the server's, never the shell: the API and the sync socket. */
const NOT_THE_SHELL = [/^\/api\//, /^\/sync\//];

/**
 * True when this worker was installed with no active worker before it: a first visit on this
 * device (or after the worker was removed). Decided in `install`, when `registration.active` is
 * still the previous worker, if any. A first install is activated right after it is installed,
 * so the worker has not been stopped in between; were it stopped, the page would simply be
 * controlled from its next load, as before this rule.
 */
let firstInstall = false;

worker.addEventListener('install', () => {
  firstInstall = worker.registration.active === null;
});

worker.addEventListener('activate', (event) => {
  if (firstInstall) event.waitUntil(worker.clients.claim());
});

worker.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === SKIP_WAITING_MESSAGE) {
    void worker.skipWaiting();
  }
});

// `self.__WB_MANIFEST` must stay written exactly so: the build replaces it with the list.
precacheAndRoute((self as unknown as { __WB_MANIFEST: (string | PrecacheEntry)[] }).__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL(APP_SHELL_URL), { denylist: NOT_THE_SHELL }));
