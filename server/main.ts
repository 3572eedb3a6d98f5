/** Entry point: parse the config, build the app, listen, and shut down gracefully. */
import { ConfigError, parseConfig } from './config.ts';
import { createApp } from './app.ts';
import { createLog } from './log.ts';
import { syncExtension } from './sync/extension.ts';
import { projectionBackfillExtension } from './sync/projection-backfill.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Rinnalla cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLog(config.logLevel);
  const app = await createApp({ config, log, extensions: [syncExtension, projectionBackfillExtension] });
  const port = await app.listen();
  log.info(
    { port, host: config.host, dataDir: config.dataDir, version: app.deps.version },
    'Rinnalla is listening'
  );
  process.stdout.write(
    `Rinnalla is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}\n`
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Rinnalla failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
