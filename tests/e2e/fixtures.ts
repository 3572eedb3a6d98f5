/**
 * The e2e test fixture: import `test` and `expect` from here instead of '@playwright/test'.
 *
 * - `server`: a real Rinnalla server with its own empty database, started fresh for each test
 *   FILE and shared by the tests in that file, in order (see `RinnallaServer` for the set-up
 *   helpers: `setupAdmin()`, `createUser()`, `api()`). `baseURL` points at it, so
 *   `page.goto('/login')` works.
 * - `page`: fails the test on any console error or uncaught exception (CSP violations show up
 *   as console errors), except the HTTP statuses the API answers on purpose (401, 403, …).
 * - `newPage()`: another browser context (another user, another device) with the same checks.
 *
 * Other helpers: `loginViaUI`, `logoutViaUI`, `submitLogin`, `visibleTexts` (support/ui.ts) and
 * `expectAccessible` (support/a11y.ts: axe, light and dark).
 */
import { test as base, expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';
import { RinnallaServer } from './support/server.ts';

export { expect };
export type { BrowserContext, Page } from '@playwright/test';
export * from './support/server.ts';
export * from './support/ui.ts';
export * from './support/a11y.ts';

/** Statuses the API answers on purpose; Chromium logs them as "Failed to load resource". */
const EXPECTED_API_STATUSES = new Set([401, 403, 404, 409, 422, 429]);

function isExpectedApiStatus(message: ConsoleMessage): boolean {
  const m = /^Failed to load resource: the server responded with a status of (\d+)/.exec(message.text());
  return !!m && EXPECTED_API_STATUSES.has(Number(m[1])) && message.location().url.includes('/api/');
}

/** Collects console errors and uncaught exceptions of a page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedApiStatus(message)) {
      problems.push(`console error: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** One server per test file and worker: started when a test of a new file needs it. */
class ServerPerFile {
  private current: { file: string; server: RinnallaServer } | null = null;

  async forFile(file: string): Promise<RinnallaServer> {
    if (this.current?.file === file) return this.current.server;
    await this.stop();
    this.current = { file, server: await RinnallaServer.start() };
    return this.current.server;
  }

  async stop(): Promise<void> {
    const server = this.current?.server;
    this.current = null;
    await server?.stop();
  }
}

interface TestFixtures {
  server: RinnallaServer;
  newPage: () => Promise<Page>;
}

interface WorkerFixtures {
  serverPerFile: ServerPerFile;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  serverPerFile: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring.
    async ({}, use) => {
      const servers = new ServerPerFile();
      await use(servers);
      await servers.stop();
    },
    { scope: 'worker' }
  ],

  server: async ({ serverPerFile }, use, testInfo) => {
    await use(await serverPerFile.forFile(testInfo.file));
  },

  baseURL: async ({ server }, use) => {
    await use(server.url);
  },

  page: async ({ page }, use) => {
    const problems = watch(page);
    await use(page);
    expect(problems, 'console errors and uncaught exceptions').toEqual([]);
  },

  newPage: async ({ browser, server, viewport, locale, timezoneId }, use) => {
    const opened: { context: BrowserContext; problems: string[] }[] = [];
    await use(async () => {
      const context = await browser.newContext({ baseURL: server.url, viewport, locale, timezoneId });
      const page = await context.newPage();
      opened.push({ context, problems: watch(page) });
      return page;
    });
    const problems = opened.flatMap((o) => o.problems);
    for (const o of opened) await o.context.close();
    expect(problems, 'console errors and uncaught exceptions (other pages)').toEqual([]);
  }
});
