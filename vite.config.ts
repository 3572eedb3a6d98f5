import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const serverPort = Number(process.env.RINNALLA_DEV_SERVER_PORT ?? 3000);

/**
 * SvelteKit's route announcer carries an inline `style` attribute, which our CSP (`style-src
 * 'self'`) blocks with a console error (sveltejs/kit#11993). Drop the attribute from the generated
 * root component; the same rules live in src/lib/ui/styles/base.css (#svelte-announcer).
 */
function announcerWithoutInlineStyle(): Plugin {
  return {
    name: 'rinnalla:announcer-without-inline-style',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/generated/root.svelte')) return null;
      const result = code.replace(/(<div id="svelte-announcer"[^>]*?)\s+style="[^"]*"/, '$1');
      if (result === code) this.warn('svelte-announcer markup changed: check sveltejs/kit#11993');
      return { code: result, map: null };
    }
  };
}

export default defineConfig({
  plugins: [
    announcerWithoutInlineStyle(),
    sveltekit(),
    SvelteKitPWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      // Our own worker (src/service-worker.ts, built by SvelteKit): a first install takes control
      // of the open page at once, updates still wait for the user. `filename` only names the
      // output: it stays /sw.js, the address every installed device checks for updates.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.js',
      injectManifest: {
        globPatterns: [
          'client/**/*.{js,css,ico,png,svg,webp,woff,woff2,webmanifest}',
          'prerendered/**/*.html'
        ]
        // The static manifest.webmanifest is matched by the first pattern and so precached
        // (revisioned by its content): unlike generateSW mode, the SvelteKit integration keeps it.
      },
      kit: { includeVersionFile: true }
    })
  ],
  server: {
    // `vite dev` proxies the API and the sync socket to the real server started beside it.
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/sync': { target: `ws://127.0.0.1:${serverPort}`, ws: true }
    }
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000
        }
      }
    ]
  }
});
