/**
 * The device session's two questions to the server: does the signed-in user's server session
 * still live (and if not, can the unlock password log in again), and did an admin revoke this
 * device. Both answer "don't know" offline or on failure instead of throwing: the device works
 * offline and only acts on a clear answer.
 */
import { ApiError, type ApiClient } from '$lib/api/client';
import type { Me } from '$lib/api/schemas';
import type { DeviceUser } from './device-identity.ts';
import type { SessionState } from './session.svelte.ts';

/** What reconnecting found: the server's `me` (null offline or refused) and whether it refused. */
export interface ReconnectResult {
  me: Me | null;
  /** The server refused the password (401): it has a newer one than the device's. */
  passwordChanged: boolean;
}

/** True when the browser says it is offline (outside a browser: never). */
function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && !navigator.onLine;
}

/**
 * Makes sure the server session of `user` lives: asks who is logged in, and logs in with the
 * same password if nobody (or someone else) is. A login goes through `session.login`, so the
 * session's device hooks run as for any login. Never throws.
 */
export async function reconnectServer(
  api: Pick<ApiClient, 'get'>,
  session: Pick<SessionState, 'login' | 'me'>,
  user: DeviceUser,
  password: string
): Promise<ReconnectResult> {
  if (browserOffline()) return { me: null, passwordChanged: false };
  try {
    const me = await api.get<Me>('/api/me', { expectUnauthorized: true });
    if (me.id === user.id) return { me, passwordChanged: false };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) return { me: null, passwordChanged: false };
  }
  try {
    await session.login(user.username, password);
    return { me: session.me, passwordChanged: false };
  } catch (error) {
    const refused = error instanceof ApiError && error.status === 401;
    return { me: null, passwordChanged: refused };
  }
}

/**
 * Asks the server whether an admin revoked the device `deviceId`. Resolves false offline or on
 * any failure (only a clear "revoked" answer may wipe the device).
 */
export async function fetchDeviceRevoked(api: Pick<ApiClient, 'get'>, deviceId: string): Promise<boolean> {
  // Offline there is nobody to ask (and a request would only fail).
  if (browserOffline()) return false;
  try {
    const answer = await api.get<{ revoked: boolean }>(
      `/api/devices/${encodeURIComponent(deviceId)}/status`,
      {
        expectUnauthorized: true
      }
    );
    return answer.revoked === true;
  } catch {
    return false;
  }
}
