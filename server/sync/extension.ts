/**
 * The sync endpoint (/sync/<docId>) as an app extension. `syncExtension` uses the defaults from
 * the config; tests and benchmarks build their own with {@link createSyncExtension} to shorten
 * timings or to reach the {@link SyncServer} (stats, rooms).
 */
import type { Extension } from '../app.ts';
import { SyncServer, defaultSyncOptions, type SyncOptions } from './sync-server.ts';

export function createSyncExtension(
  overrides: Partial<SyncOptions> = {},
  onCreated?: (server: SyncServer) => void
): Extension {
  return (deps) => {
    const server = new SyncServer(deps, { ...defaultSyncOptions(deps.config), ...overrides });
    onCreated?.(server);
    return server;
  };
}

export const syncExtension: Extension = createSyncExtension();
