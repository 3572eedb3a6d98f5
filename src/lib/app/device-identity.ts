/**
 * What this browser profile remembers in clear, outside the encrypted device database:
 *
 * - the device id, a UUIDv7 made once and sent with every login (admins revoke a lost tablet by
 *   it, and the device asks the server whether it was revoked);
 * - the last user's id and username, so that the next start can open their device database (its
 *   name is derived from the user id) and show the unlock screen, even offline;
 * - the auto-lock delay chosen on this device.
 *
 * Nothing about participants is here: everything else lives encrypted in the device database.
 */
import { isUuidV7, uuidv7 } from '$lib/domain/ids';

/** The slice of the Web Storage API used here (tests pass a Map-backed one). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const DEVICE_ID_KEY = 'rinnalla.device-id';
const DEVICE_USER_KEY = 'rinnalla.device-user';
const AUTO_LOCK_KEY = 'rinnalla.auto-lock-minutes';

/** Default inactivity before the app locks itself, in minutes. */
export const DEFAULT_AUTO_LOCK_MINUTES = 10;
/** The auto-lock delays offered in the settings, in minutes. */
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60] as const;

/** The user whose data this device holds (in clear: only what is needed to find and unlock it). */
export interface DeviceUser {
  id: string;
  username: string;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage disabled by the browser: the app still works, it only forgets between starts.
    return null;
  }
}

/** This browser profile's device id, made (and remembered) on first use. */
export function deviceId(storage: KeyValueStorage | null = browserStorage()): string {
  const stored = storage?.getItem(DEVICE_ID_KEY);
  if (stored && isUuidV7(stored)) return stored;
  const id = uuidv7();
  storage?.setItem(DEVICE_ID_KEY, id);
  return id;
}

/**
 * Makes a new device id (after a revoked device wiped itself: the browser may be used again, as
 * a new device the admin sees and can revoke separately).
 */
export function renewDeviceId(storage: KeyValueStorage | null = browserStorage()): string {
  const id = uuidv7();
  storage?.setItem(DEVICE_ID_KEY, id);
  return id;
}

/** The user whose data this device holds, or null. */
export function lastDeviceUser(storage: KeyValueStorage | null = browserStorage()): DeviceUser | null {
  const raw = storage?.getItem(DEVICE_USER_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<DeviceUser>;
    if (typeof value.id === 'string' && value.id && typeof value.username === 'string') {
      return { id: value.id, username: value.username };
    }
  } catch {
    // Unreadable: treat as none (the device database, if any, stays until a login reaches it).
  }
  return null;
}

/** Remembers the user whose data this device holds now. */
export function rememberDeviceUser(
  user: DeviceUser,
  storage: KeyValueStorage | null = browserStorage()
): void {
  storage?.setItem(DEVICE_USER_KEY, JSON.stringify({ id: user.id, username: user.username }));
}

/** Forgets the last user (after their data was removed from the device). */
export function forgetDeviceUser(storage: KeyValueStorage | null = browserStorage()): void {
  storage?.removeItem(DEVICE_USER_KEY);
}

/** The auto-lock delay chosen on this device, in minutes. */
export function autoLockMinutes(storage: KeyValueStorage | null = browserStorage()): number {
  const value = Number(storage?.getItem(AUTO_LOCK_KEY));
  return (AUTO_LOCK_CHOICES as readonly number[]).includes(value) ? value : DEFAULT_AUTO_LOCK_MINUTES;
}

/** Saves the auto-lock delay; throws RangeError for a value the settings do not offer. */
export function saveAutoLockMinutes(
  minutes: number,
  storage: KeyValueStorage | null = browserStorage()
): void {
  if (!(AUTO_LOCK_CHOICES as readonly number[]).includes(minutes)) {
    throw new RangeError(`The auto-lock delay must be one of ${AUTO_LOCK_CHOICES.join(', ')} minutes.`);
  }
  storage?.setItem(AUTO_LOCK_KEY, String(minutes));
}
