/**
 * End-to-end tests: the built app and the real server (started per test file by the fixture in
 * tests/e2e/fixtures.ts) driven in Debian's Chromium. Build first: `npm run test:e2e` does.
 */
import { defineConfig } from '@playwright/test';

/** Debian's Chromium; Playwright cannot download its own browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  // Files run in parallel on the 2 cores; the tests of one file share one server, in order.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  // Generous: logging in derives the device key (PBKDF2, 600 000 rounds), slow on a busy machine.
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1024, height: 768 },
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
    actionTimeout: 5_000,
    navigationTimeout: 10_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  }
});
