/**
 * The registry as the browser app wires it: same-origin sync URL (the session cookie goes with
 * the upgrade), the window's online/offline events, and `GET /api/me` as the session check and
 * `GET /api/docs/:docId/access` as the access check that a browser needs because it cannot see
 * why an upgrade was refused.
 */
import { docAccessResponse } from '../api/schemas.ts';
import type { DocPersistence } from '../persistence/types.ts';
import { SyncRegistry, syncUrl, type DocAccessCheck, type SyncRegistryOptions } from './doc-registry.ts';
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

/**
 * Reads an answer of `GET /api/docs/:docId/access`. Only the answers that mean "stop" map to a
 * stop: a 403 for another reason (a password change is due), a 404 `route_not_found` (a server
 * too old to have this route: it says nothing about the doc) or a 5xx is `unknown`.
 */
export function docAccessCheckOf(status: number, body: unknown): DocAccessCheck {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  if (status === 200) return docAccessResponse.safeParse(body).success ? 'granted' : 'unknown';
  if (status === 401) return 'session-ended';
  if (status === 403 && code === 'forbidden') return 'forbidden';
  if (status === 404 && code === 'not_found') return 'not-found';
  return 'unknown';
}

/** Asks the server about `docId`. Rejects on a network failure, so the registry keeps trying. */
export async function checkBrowserDocAccess(
  docId: string,
  fetcher: typeof fetch = fetch
): Promise<DocAccessCheck> {
  const res = await fetcher(`/api/docs/${encodeURIComponent(docId)}/access`, {
    credentials: 'same-origin',
    cache: 'no-store'
  });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status alone decides, and it decides `unknown`.
  }
  return docAccessCheckOf(res.status, body);
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
    checkAccess: (docId) => checkBrowserDocAccess(docId),
    ...(options.persistence ? { persistence: options.persistence } : {}),
    ...options.tuning
  });
}
