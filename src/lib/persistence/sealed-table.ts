/**
 * Encrypted side tables: the directory cache, drafts and the outbox. Each row keeps only its id
 * and the time of its last write in clear; the value is JSON, encrypted with the data key and
 * bound by AAD to its table and id (a row copied to another id or table does not decrypt).
 */
import { uuidv7 } from '../domain/ids.ts';
import { open, seal, sealedRowAad } from './crypto.ts';
import type { DeviceDb, SealedRow, SealedTableName } from './device-db.ts';
import { CorruptRecordError, toPersistenceError } from './errors.ts';
import type { KeyProvider } from './keyring.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One decrypted row. */
export interface SealedEntry<T> {
  id: string;
  updatedAt: number;
  value: T;
}

/** What `list` returns: the rows that decrypted, and the ids of those that did not (kept). */
export interface SealedListing<T> {
  entries: SealedEntry<T>[];
  corrupt: Array<{ id: string; error: string }>;
}

/**
 * An encrypted key–value table of JSON values (`T` must survive JSON.stringify/parse). Every
 * method throws LockedError when the keyring is locked; writes resolve once committed and throw
 * QuotaExceededError when the device is full (nothing written).
 */
export class SealedTable<T> {
  readonly name: SealedTableName;
  #db: DeviceDb;
  #keys: KeyProvider;
  #now: () => number;

  constructor(db: DeviceDb, name: SealedTableName, keys: KeyProvider, now: () => number = Date.now) {
    this.#db = db;
    this.name = name;
    this.#keys = keys;
    this.#now = now;
  }

  /** Stores `value` under `id` (replacing any previous value). */
  async put(id: string, value: T): Promise<SealedEntry<T>> {
    const key = this.#keys.requireKey();
    const sealed = await seal(key, sealedRowAad(this.name, id), encoder.encode(JSON.stringify(value)));
    const row: SealedRow = { id, updatedAt: this.#now(), iv: sealed.iv, ciphertext: sealed.ciphertext };
    try {
      await this.#table().put(row);
    } catch (error) {
      throw toPersistenceError(error, `Writing ${this.name}`);
    }
    return { id, updatedAt: row.updatedAt, value };
  }

  /** The value under `id`, or undefined. Throws CorruptRecordError if it does not decrypt. */
  async get(id: string): Promise<SealedEntry<T> | undefined> {
    const key = this.#keys.requireKey();
    const row = await this.#table().get(id);
    return row ? this.#open(key, row) : undefined;
  }

  /** Every row in id order (for the outbox: creation order, ids being UUIDv7). */
  async list(): Promise<SealedListing<T>> {
    const key = this.#keys.requireKey();
    const rows = await this.#table().toArray();
    const listing: SealedListing<T> = { entries: [], corrupt: [] };
    const opened = await Promise.all(
      rows.map((row) =>
        this.#open(key, row).catch((error: unknown) => ({
          id: row.id,
          error: error instanceof Error ? error.message : String(error)
        }))
      )
    );
    for (const item of opened) {
      if ('value' in item) listing.entries.push(item);
      else listing.corrupt.push(item);
    }
    return listing;
  }

  async delete(id: string): Promise<void> {
    try {
      await this.#table().delete(id);
    } catch (error) {
      throw toPersistenceError(error, `Deleting from ${this.name}`);
    }
  }

  async clear(): Promise<void> {
    await this.#table().clear();
  }

  async count(): Promise<number> {
    return this.#table().count();
  }

  #table() {
    return this.#db.table<SealedRow, string>(this.name);
  }

  async #open(key: CryptoKey, row: SealedRow): Promise<SealedEntry<T>> {
    const plaintext = await open(key, sealedRowAad(this.name, row.id), row);
    try {
      return { id: row.id, updatedAt: row.updatedAt, value: JSON.parse(decoder.decode(plaintext)) as T };
    } catch (error) {
      throw new CorruptRecordError(`A ${this.name} row does not parse.`, { cause: error });
    }
  }
}

/**
 * Directory changes made offline, waiting to be sent. Ids are UUIDv7 made on the device, so the
 * server can apply a resent entry idempotently, and they sort by creation: within one store the
 * id's millisecond is kept strictly increasing, so `list()` returns entries in enqueue order.
 */
export class Outbox<T> extends SealedTable<T> {
  #makeId: () => string;

  constructor(db: DeviceDb, keys: KeyProvider, options: { now?: () => number; makeId?: () => string } = {}) {
    super(db, 'outbox', keys, options.now);
    const now = options.now ?? Date.now;
    let last = 0;
    this.#makeId =
      options.makeId ??
      (() => {
        last = Math.max(now(), last + 1);
        return uuidv7(last);
      });
  }

  /** Stores a new entry under a fresh UUIDv7 and resolves with it once committed. */
  async enqueue(value: T): Promise<SealedEntry<T>> {
    return this.put(this.#makeId(), value);
  }
}
