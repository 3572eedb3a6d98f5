import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

const serverPort = Number(process.env.RINNALLA_DEV_SERVER_PORT ?? 3000);

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: [
          'client/**/*.{js,css,ico,png,svg,webp,woff,woff2,webmanifest}',
          'prerendered/**/*.html'
        ],
        navigateFallback: '/',
        navigateFallbackDenylist: [/^\/api\//, /^\/sync\//]
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
          include: ['src/**/*.test.ts', 'server/**/*.test.ts']
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
