/**
 * The records of the encrypted update log as the doc store reads them: decrypted and parsed one
 * by one (a failure is a value, not a throw, so one bad record never hides the others), applied
 * to a Y.Doc one update at a time, and the key range of a doc's records. Shared by the store
 * (load, other tabs' records) and compaction.
 */
import * as Y from 'yjs';
import { corrupt, decryptPacked, type Bytes } from './crypto.ts';
import type { DeviceDb, DocMetaRecord, UpdateRecord } from './device-db.ts';
import { decodeRecordPayload } from './record-format.ts';

/** The lowest and highest seq of a doc's records, for key ranges over the whole log. */
export const SEQ_MIN = 0;
export const SEQ_MAX = Number.POSITIVE_INFINITY;

/** A record that decrypted and parsed: its row and the Yjs updates it holds. */
export interface DecodedRecord {
  row: UpdateRecord;
  updates: Uint8Array[];
}

/** A record that failed to decrypt, parse or apply, with why (for the quarantine). */
export interface BadRecord {
  row: UpdateRecord;
  error: unknown;
}

/** What one read of a doc's log found. */
export interface ReadResult {
  good: DecodedRecord[];
  bad: BadRecord[];
  meta?: DocMetaRecord;
  /** Highest seq read (0 when none). */
  lastSeq: number;
  /** Records read. */
  count: number;
}

/** The records of `docId` with seqs from `fromSeq` to `toSeq`, both included (a Dexie collection). */
export function logRange(db: DeviceDb, docId: string, fromSeq: number, toSeq: number) {
  return db.updates.where(':id').between([docId, fromSeq], [docId, toSeq], true, true);
}

/** Decrypts and parses one record; failures are returned, not thrown. */
export function decryptRecord(
  key: CryptoKey,
  aad: (seq: number) => Bytes,
  row: UpdateRecord
): Promise<DecodedRecord | BadRecord> {
  return decryptPacked(key, aad(row.seq), row.sealed).then(
    (plaintext) => {
      try {
        return { row, updates: decodeRecordPayload(new Uint8Array(plaintext)) };
      } catch (error) {
        return { row, error };
      }
    },
    (error: unknown) => ({ row, error: corrupt(error) })
  );
}

/**
 * Applies decoded records to `doc` one update at a time inside one transaction. An update that
 * Yjs rejects marks its record bad (returned); the others still apply.
 */
export function applyRecords(doc: Y.Doc, records: DecodedRecord[], origin: unknown): BadRecord[] {
  const bad: BadRecord[] = [];
  doc.transact(() => {
    for (const record of records) {
      for (const update of record.updates) {
        try {
          Y.applyUpdate(doc, update, origin);
        } catch (error) {
          bad.push({ row: record.row, error });
          break;
        }
      }
    }
  }, origin);
  return bad;
}

/** True when two byte arrays hold the same bytes. */
export function sameBytes(a: Bytes, b: Bytes): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A bad record's error as the quarantine stores it (name, message and the cause's name). */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.name})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}
