/**
 * Everything a signed-in user keeps on this device, opened in one call: the database, its
 * keyring, the encrypted doc store and the encrypted side tables. Typical start-up:
 *
 *   const device = await openDeviceStore(user.id);
 *   if (device.keyring.state === 'no-key') await device.keyring.createKey(passphrase); // online first login
 *   else await device.keyring.unlock(passphrase);                                      // works offline
 *   await device.docs.load(docId, doc);
 */
import { DeviceDb, deviceDbName, type IdbDeps } from './device-db.ts';
import { EncryptedDocStore, type EncryptedDocStoreOptions } from './doc-store.ts';
import { toPersistenceError } from './errors.ts';
import { Keyring, type KeyringOptions } from './keyring.ts';
import { Outbox, SealedTable } from './sealed-table.ts';

export interface DeviceStoreOptions {
  /** IndexedDB to use (tests pass fake-indexeddb); default the browser's. */
  idb?: IdbDeps;
  keyring?: KeyringOptions;
  docs?: Omit<EncryptedDocStoreOptions, 'db' | 'keys'>;
  now?: () => number;
}

/** The stores of one user on this device. All of them share the keyring's data key. */
export interface DeviceStore<TOutbox = unknown, TDirectory = unknown, TDraft = unknown> {
  readonly db: DeviceDb;
  readonly keyring: Keyring;
  readonly docs: EncryptedDocStore;
  readonly outbox: Outbox<TOutbox>;
  readonly directory: SealedTable<TDirectory>;
  readonly drafts: SealedTable<TDraft>;
  /** Finishes pending writes, stops timers and listeners, and closes the database. */
  close(): Promise<void>;
}

/** Opens (creating when needed) the device database of `userId`; the keyring starts locked or no-key. */
export async function openDeviceStore<TOutbox = unknown, TDirectory = unknown, TDraft = unknown>(
  userId: string,
  options: DeviceStoreOptions = {}
): Promise<DeviceStore<TOutbox, TDirectory, TDraft>> {
  const db = new DeviceDb(await deviceDbName(userId), options.idb);
  try {
    await db.open();
  } catch (error) {
    throw toPersistenceError(error, 'Opening the device database');
  }
  const now = options.now ?? Date.now;
  const keyring = await Keyring.open(db, { now, ...options.keyring });
  const docs = new EncryptedDocStore({ now, ...options.docs, db, keys: keyring });
  return {
    db,
    keyring,
    docs,
    outbox: new Outbox<TOutbox>(db, keyring, { now }),
    directory: new SealedTable<TDirectory>(db, 'directory', keyring, now),
    drafts: new SealedTable<TDraft>(db, 'drafts', keyring, now),
    async close() {
      await docs.flush({ compact: false }).catch(() => undefined);
      docs.close();
      keyring.close();
      db.close();
    }
  };
}
