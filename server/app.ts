/**
 * Builds the Rinnalla server: one node:http server for the built app, the JSON API under /api
 * and the sync websocket under /sync. `createApp` does not listen; `main.ts` and the tests do.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import type { ApiContext, ApiRouter, Deps } from './context.ts';
import { ServerEventBus } from './events.ts';
import { createLog, type Log } from './log.ts';
import { AuthService } from './auth/auth-service.ts';
import { SetupState } from './auth/setup-state.ts';
import { HttpError } from './http/errors.ts';
import { Router, type Reply } from './http/router.ts';
import { applySecurityHeaders, contentSecurityPolicy, scriptHashes } from './http/security.ts';
import { createStaticHandler } from './http/static.ts';
import { SqliteStore } from './store/sqlite/sqlite-store.ts';
import type { Store } from './store/types.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerSetupRoutes } from './routes/setup.ts';
import { registerSessionRoutes } from './routes/session.ts';
import { registerUserRoutes } from './routes/users.ts';
import { registerParticipantRoutes } from './routes/participants.ts';
import { registerDeviceRoutes } from './routes/devices.ts';
import { registerStaffRoutes } from './routes/staff.ts';
import { registerDocRoutes } from './routes/docs.ts';

export interface UpgradeHandler {
  /** Takes the upgrade if the path is its own; returns false to pass it on. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): Promise<void>;
}

/** Parts of the server built after the core (sync), which need its dependencies. */
export type Extension = (deps: Deps, router: ApiRouter) => UpgradeHandler | void;

export interface App {
  server: http.Server;
  deps: Deps;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, closes open sockets, finishes writes and closes the database. */
  close(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  store?: Store;
  log?: Log;
  extensions?: Extension[];
  /** Shows the first-run setup code to the operator; prints to stdout by default. */
  announceSetupCode?: (code: string) => void;
}

export function packageVersion(): string {
  const file = fileURLToPath(new URL('../package.json', import.meta.url));
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const log = options.log ?? createLog(config.logLevel);
  const store =
    options.store ??
    SqliteStore.open(
      config.dataDir,
      config.durability,
      config.checkpointMs > 0
        ? {
            intervalMs: config.checkpointMs,
            onError: (message) => log.error({ reason: message }, 'background WAL checkpoint failed')
          }
        : undefined
    );
  const events = new ServerEventBus();
  const setup = new SetupState();
  const deps: Deps = {
    config,
    store,
    events,
    log,
    setup,
    auth: new AuthService(store, config, events),
    version: packageVersion()
  };

  if ((await store.users.count()) === 0) {
    const code = setup.arm(config.setupCode);
    (options.announceSetupCode ?? printSetupCode)(code);
  }

  const router: ApiRouter = new Router<ApiContext>();
  registerHealthRoutes(router);
  registerSetupRoutes(router);
  registerSessionRoutes(router);
  registerUserRoutes(router);
  registerParticipantRoutes(router);
  registerDeviceRoutes(router);
  registerStaffRoutes(router);
  registerDocRoutes(router);
  const upgraders = (options.extensions ?? []).map((ext) => ext(deps, router)).filter((u) => !!u);

  const csp = contentSecurityPolicy(scriptHashes(config.appDir));
  const serveStatic = createStaticHandler(config.appDir);

  const server = http.createServer((req, res) => {
    applySecurityHeaders(res, csp, config.secureCookies);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/') || url.pathname === '/api') {
      void handleApi(req, res, url);
    } else {
      serveStatic(req, res);
    }
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    res.setHeader('cache-control', 'no-store');
    let reply: Reply;
    try {
      const found = router.match(req.method ?? 'GET', url.pathname);
      // Its own code, not `not_found`: a client asking an older server for a newer route must
      // not read the answer as "no such participant / doc" (see docAccessCheckOf).
      if (found === null) {
        throw new HttpError(404, 'route_not_found', `No such API route: ${req.method} ${url.pathname}`);
      }
      if (found === 'method') {
        throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}.`);
      }
      reply = await found.handler({ req, res, url, params: found.params, deps, address: clientAddress(req) });
    } catch (error) {
      reply = errorReply(error, log, req);
    }
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.statusCode = reply.status;
    if (reply.body === undefined) {
      res.end();
    } else {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(reply.body));
    }
  }

  server.on('upgrade', (req, socket, head) => {
    for (const u of upgraders) if (u.handleUpgrade(req, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  // Pruning ended sessions keeps the table small; once an hour is plenty.
  const prune = setInterval(() => {
    void store.sessions
      .prune(Date.now() - 24 * 3_600_000)
      .catch((error: unknown) => log.error({ err: error }, 'session prune failed'));
  }, 3_600_000);
  prune.unref();

  let closing: Promise<void> | undefined;
  return {
    server,
    deps,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      }),
    close() {
      closing ??= (async () => {
        clearInterval(prune);
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        for (const u of upgraders) await u.close();
        server.closeAllConnections();
        await stopped;
        await store.close();
      })();
      return closing;
    }
  };
}

/** Printed to the console on purpose, outside the structured log: the operator reads it. */
function printSetupCode(code: string): void {
  process.stdout.write(
    `\n  Rinnalla first-run setup code: ${code}\n  Open the app and enter this code to create the first admin account.\n\n`
  );
}

function errorReply(error: unknown, log: Log, req: IncomingMessage): Reply {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      headers: error.headers,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.issues ? { issues: error.issues } : {})
        }
      }
    };
  }
  if (error instanceof Error && 'code' in error && error.code === 'conflict') {
    return { status: 409, body: { error: { code: 'conflict', message: error.message } } };
  }
  log.error({ err: error, method: req.method, path: req.url?.split('?')[0] }, 'request failed');
  return {
    status: 500,
    body: {
      error: {
        code: 'internal',
        message:
          'Something went wrong on the server. Try again; if it keeps happening, tell the administrator.'
      }
    }
  };
}
