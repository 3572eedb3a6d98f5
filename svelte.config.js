import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the server (server/) serves build/ and falls back to index.html.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
    // Relative ./_app URLs break on deep links served from the fallback shell.
    paths: { relative: false },
    // The PWA plugin registers the service worker.
    serviceWorker: { register: false },
    alias: { $domain: 'src/lib/domain' }
  }
};

export default config;
