/**
 * The registry as the browser app wires it: same-origin sync URL (the session cookie goes with
 * the upgrade), the window's online/offline events, and `GET /api/me` as the session check that
 * a browser needs because it cannot see why an upgrade was refused.
 */
import type { DocPersistence } from '../persistence/types.ts';
import { SyncRegistry, syncUrl, type SyncRegistryOptions } from './doc-registry.ts';
import { browserNetwork } from './network.ts';
import type { PresenceUser } from './presence.ts';

/**
 * Resolves false only when the server says the session is gone (401). Network failures reject,
 * so the registry keeps retrying instead of asking the user to log in while offline.
 */
export async function checkBrowserSession(fetcher: typeof fetch = fetch): Promise<boolean> {
  const res = await fetcher('/api/me', { credentials: 'same-origin', cache: 'no-store' });
  return res.status !== 401;
}

/** A registry for the logged-in user in this browser tab. */
export function createBrowserSyncRegistry(options: {
  user: PresenceUser;
  persistence?: DocPersistence;
  /** Overrides for timings and the like. */
  tuning?: Pick<SyncRegistryOptions, 'closeDelayMs' | 'maxBackoffMs' | 'crossTab'>;
}): SyncRegistry {
  return new SyncRegistry({
    url: syncUrl(window.location),
    user: options.user,
    network: browserNetwork(window),
    checkSession: () => checkBrowserSession(),
    ...(options.persistence ? { persistence: options.persistence } : {}),
    ...options.tuning
  });
}
