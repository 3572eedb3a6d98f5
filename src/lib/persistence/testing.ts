/**
 * Test factories for the device store on fake-indexeddb (Node). Not used by the app.
 */
import { IDBFactory, IDBKeyRange as FakeIDBKeyRange } from 'fake-indexeddb';
import type { IdbDeps } from './device-db.ts';
import { openDeviceStore, type DeviceStore, type DeviceStoreOptions } from './device-store.ts';
import { InProcessLocks } from './locks.ts';

/** PBKDF2 iterations for unit tests: fast; production uses PBKDF2_DEFAULT_ITERATIONS. */
export const TEST_ITERATIONS = 1_000;
export const TEST_PASSPHRASE = 'correct horse battery staple';

/** A fresh, isolated fake IndexedDB. */
export function fakeIdb(factory: IDBFactory = new IDBFactory()): IdbDeps {
  return { indexedDB: factory, IDBKeyRange: FakeIDBKeyRange as unknown as typeof IDBKeyRange };
}

export interface TestDeviceOptions {
  idb?: IdbDeps;
  userId?: string;
  /** Create the key and leave the store unlocked (default true). */
  unlocked?: boolean;
  keyring?: DeviceStoreOptions['keyring'];
  docs?: DeviceStoreOptions['docs'];
  now?: () => number;
}

/**
 * Opens a device store on fake-indexeddb with fast PBKDF2 and its own in-process locks (so two
 * stores on the same database behave like two tabs without Web Locks).
 */
export async function openTestDevice(options: TestDeviceOptions = {}): Promise<DeviceStore> {
  const device = await openDeviceStore(options.userId ?? 'user-1', {
    idb: options.idb ?? fakeIdb(),
    now: options.now,
    keyring: { iterations: TEST_ITERATIONS, ...options.keyring },
    docs: { locks: new InProcessLocks(), ...options.docs }
  });
  if (options.unlocked ?? true) {
    if (device.keyring.state === 'no-key') await device.keyring.createKey(TEST_PASSPHRASE);
    else await device.keyring.unlock(TEST_PASSPHRASE);
  }
  return device;
}

/** Every value stored in every object store of `dbName`, read through raw IndexedDB. */
export async function dumpRawDatabase(idb: IdbDeps, dbName: string): Promise<Record<string, unknown[]>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = idb.indexedDB.open(dbName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    const names = Array.from(db.objectStoreNames);
    const out: Record<string, unknown[]> = {};
    if (names.length === 0) return out;
    const tx = db.transaction(names, 'readonly');
    await Promise.all(
      names.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const request = tx.objectStore(name).getAll();
            request.onsuccess = () => {
              out[name] = request.result;
              resolve();
            };
            request.onerror = () => reject(request.error);
          })
      )
    );
    return out;
  } finally {
    db.close();
  }
}

/** True if `needle` occurs in clear (UTF-8) anywhere inside `value`'s strings and byte arrays. */
export function containsPlaintext(value: unknown, needle: string): boolean {
  const bytes = new TextEncoder().encode(needle);
  const visit = (v: unknown): boolean => {
    if (typeof v === 'string') return v.includes(needle);
    if (v instanceof Uint8Array || v instanceof ArrayBuffer) return includesBytes(new Uint8Array(v), bytes);
    if (Array.isArray(v)) return v.some(visit);
    if (v && typeof v === 'object') return Object.values(v).some(visit);
    return false;
  };
  return visit(value);
}

function includesBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
