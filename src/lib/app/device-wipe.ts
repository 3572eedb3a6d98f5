/**
 * Wiping every user's data on this device, for a device an admin revoked: each device database
 * (one per user, named by deviceDbName) gets its keyring wiped — crypto-shredding: without the
 * wrapped data key nothing in it can be decrypted. Databases of other apps are left alone.
 */
import { DeviceDb } from '$lib/persistence/device-db';
import { Keyring } from '$lib/persistence/keyring';

/** Device database names start with this (see deviceDbName). */
export const DEVICE_DB_PREFIX = 'rinnalla-';

/**
 * Wipes the keyring of every device database this browser profile holds. Never throws: a
 * database that cannot be opened (not ours, or already gone) is skipped, and a browser without
 * `indexedDB.databases()` lists none.
 */
export async function wipeAllDeviceDatabases(): Promise<void> {
  const names = (await indexedDB.databases?.().catch(() => [])) ?? [];
  for (const { name } of names) {
    if (!name?.startsWith(DEVICE_DB_PREFIX)) continue;
    const db = new DeviceDb(name);
    try {
      await db.open();
      await (await Keyring.open(db, { broadcast: false })).wipe();
    } catch {
      // Not one of ours, or already gone.
    } finally {
      db.close();
    }
  }
}
