/**
 * The one Dexie database a user has on a device. Its name is derived from a hash of the user id,
 * so the list of databases on a shared tablet does not reveal whose data it holds. Only ids,
 * sequence numbers, sizes and timestamps are in clear; every payload is AES-GCM ciphertext.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import { sha256Hex, type Bytes } from './crypto.ts';

/** The key row's fixed id (one data key per device database). */
export const DATA_KEY_ID = 'data-key';

/** The wrapped data key and what is needed to unwrap it. */
export interface KeyRecord {
  id: typeof DATA_KEY_ID;
  /** The data key encrypted (AES-GCM) by the passphrase-derived key. */
  wrapped: Bytes;
  wrapIv: Bytes;
  /** Per-device random PBKDF2 salt. */
  salt: Bytes;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** Unlock attempts that did not succeed (counted before the attempt, reset on success). */
  failedAttempts: number;
  createdAt: number;
}

/**
 * Key of one record of a doc's update log: the doc id and the record's position (seq),
 * allocated by the writer inside its transaction and bound as AAD.
 */
export type UpdateKey = [docId: string, seq: number];

/**
 * One record of a doc's update log as stored: the IV followed by the AES-GCM ciphertext of one
 * or more Yjs updates (or a snapshot), under the out-of-line key `[docId, seq]`. A bare byte
 * array, like y-indexeddb's values, so loading thousands of records deserialises no objects.
 */
export type SealedUpdate = Bytes;

/** A record of the log with its key, as the store handles it. */
export interface UpdateRecord {
  docId: string;
  seq: number;
  sealed: SealedUpdate;
}

/** Bookkeeping for one doc's log, updated in the same transaction as the log. */
export interface DocMetaRecord {
  docId: string;
  /** The next free seq (seqs start at 1 and are never reused). */
  nextSeq: number;
  /** Records currently in the log (snapshot included). */
  records: number;
  /** Ciphertext bytes currently in the log. */
  bytes: number;
  /** Seq of the latest snapshot record (0 when never compacted). */
  snapshotSeq: number;
  /** Ciphertext bytes of that snapshot (the compaction threshold counts bytes beyond it). */
  snapshotBytes: number;
  /** Unix ms of the last compaction (0 when never). */
  compactedAt: number;
}

/** A record that failed to decrypt or parse, kept aside with the error. */
export interface QuarantineRecord {
  id?: number;
  docId: string;
  seq: number;
  /** The record exactly as it was stored (IV + ciphertext). */
  sealed: SealedUpdate;
  /** Unix ms when quarantined. */
  quarantinedAt: number;
  /** The error's name and message (never contains content). */
  error: string;
}

/** A row of an encrypted side table (outbox, directory cache, drafts): id and time in clear. */
export interface SealedRow {
  id: string;
  /** Unix ms of the last write. */
  updatedAt: number;
  iv: Bytes;
  ciphertext: Bytes;
}

/** Names of the encrypted side tables (also part of their rows' AAD). */
export type SealedTableName = 'outbox' | 'directory' | 'drafts';

/** IndexedDB implementation to use; defaults to the global one (tests pass fake-indexeddb). */
export interface IdbDeps {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** The typed Dexie database. Open it through `openDeviceDb`. */
export class DeviceDb extends Dexie {
  keys!: EntityTable<KeyRecord, 'id'>;
  updates!: Table<SealedUpdate, UpdateKey>;
  docMeta!: EntityTable<DocMetaRecord, 'docId'>;
  quarantine!: EntityTable<QuarantineRecord, 'id'>;
  outbox!: EntityTable<SealedRow, 'id'>;
  directory!: EntityTable<SealedRow, 'id'>;
  drafts!: EntityTable<SealedRow, 'id'>;

  /** IDBKeyRange of the IndexedDB implementation in use (for raw reads on the hot path). */
  readonly keyRange: typeof IDBKeyRange;

  constructor(name: string, deps?: IdbDeps) {
    // The optimistic read cache clones every result; the store reads each record once, so it
    // would only cost time.
    super(name, { ...deps, cache: 'disabled' });
    this.keyRange = deps?.IDBKeyRange ?? globalThis.IDBKeyRange;
    this.version(1).stores({
      keys: 'id',
      // Out-of-line primary key [docId, seq]: query it as ':id'.
      updates: '',
      docMeta: 'docId',
      quarantine: '++id, docId',
      outbox: 'id, updatedAt',
      directory: 'id, updatedAt',
      drafts: 'id, updatedAt'
    });
  }
}

const DB_NAME_PREFIX = 'rinnalla-';

/**
 * The database name for a user: a prefix and 32 hex digits of SHA-256 over the user id, so the
 * name is stable per user but does not show the user id or name.
 */
export async function deviceDbName(userId: string): Promise<string> {
  if (!userId) throw new TypeError('userId must not be empty');
  return DB_NAME_PREFIX + (await sha256Hex(`rinnalla-device-db:${userId}`)).slice(0, 32);
}

/** Opens (creating when needed) the device database of `userId`. */
export async function openDeviceDb(userId: string, deps?: IdbDeps): Promise<DeviceDb> {
  const db = new DeviceDb(await deviceDbName(userId), deps);
  await db.open();
  return db;
}
