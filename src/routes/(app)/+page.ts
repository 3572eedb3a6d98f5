// `/` is prerendered as the app shell that the service worker precaches.
export const prerender = true;
