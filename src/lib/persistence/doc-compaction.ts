/**
 * Compaction of a doc's encrypted update log (y-indexeddb's model, encrypted).
 *
 * When a doc's log holds more than `maxRecords` records, or more than `maxTailBytes` beyond its
 * last snapshot, the records up to the highest seq S read are replayed into a fresh Y.Doc
 * (outside the writer lock: appends go on meanwhile) and replaced, in one write transaction
 * under the lock, by one snapshot record at seq S. Records appended meanwhile have seqs above S
 * and are untouched; a concurrent compaction by another tab is detected (the doc's snapshot
 * marker changed) and this one gives up. Records that fail to decrypt, parse or apply are moved
 * to the quarantine in the same transaction, never dropped.
 *
 * `CompactionScheduler` decides when: a short delay after the threshold is crossed, so a burst
 * of edits compacts once, and never two compactions of one doc at the same time.
 */
import * as Y from 'yjs';
import { docRecordAad, sealPacked } from './crypto.ts';
import type { DeviceDb, DocMetaRecord } from './device-db.ts';
import { applyRecords, logRange, SEQ_MAX, SEQ_MIN, type BadRecord, type ReadResult } from './doc-records.ts';
import { ClosedError, LockedError, toPersistenceError, WipedError, type PersistenceError } from './errors.ts';
import { encodeRecordPayload } from './record-format.ts';

/** When a doc's log is merged into one snapshot record. */
export interface CompactionOptions {
  /** Compact when the log holds more records than this. */
  maxRecords: number;
  /** Compact when the ciphertext beyond the last snapshot exceeds this many bytes. */
  maxTailBytes: number;
  /** Wait this long after the threshold is crossed, so a burst of edits compacts once. */
  delayMs: number;
  /** Garbage-collect deleted content in the snapshot (as a default Y.Doc does). */
  gc: boolean;
}

/** Defaults, tuned with bench/device-store (a short tail keeps the load cost near y-indexeddb's). */
export const DEFAULT_COMPACTION: CompactionOptions = {
  maxRecords: 250,
  maxTailBytes: 1024 * 1024,
  delayMs: 250,
  gc: true
};

/** What a compaction did. */
export interface CompactionResult {
  /** Seq of the new snapshot record (the highest seq it covers). */
  snapshotSeq: number;
  /** Records replaced by the snapshot. */
  replaced: number;
  /** Records with seqs above the snapshot, left as they were. */
  tail: number;
  /** Records moved to quarantine during the compaction. */
  quarantined: number;
}

/** True when the log described by `meta` is past a threshold (never with compaction off). */
export function needsCompaction(meta: DocMetaRecord, options: CompactionOptions | null): boolean {
  if (!options || meta.records <= 1) return false;
  return meta.records > options.maxRecords || meta.bytes - meta.snapshotBytes > options.maxTailBytes;
}

/** What a compaction needs from its store. */
export interface CompactionIo {
  db: DeviceDb;
  /** Garbage-collect deleted content in the snapshot. */
  gc: boolean;
  now: () => number;
  /** Reads and decrypts the whole log of `docId`. */
  readAll: (docId: string, key: CryptoKey) => Promise<ReadResult>;
  /** Runs `run` under the writer lock, after the appends queued before it. */
  underLock: <T>(run: () => Promise<T>) => Promise<T>;
  /** Moves bad records to the quarantine; called inside a rw transaction on updates, docMeta, quarantine. */
  moveToQuarantine: (docId: string, bad: BadRecord[], now: number) => Promise<void>;
  /** Told which records went to the quarantine, after the compaction committed. */
  quarantined: (docId: string, seqs: number[]) => void;
  /** Test seam: awaited between the read and the write. */
  beforeWrite?: ((docId: string) => Promise<void> | void) | undefined;
}

/** Another tab compacted the doc between this compaction's read and its write. */
class CompactionRace extends Error {}

/**
 * Reads, decrypts and merges the log of `docId` outside the writer lock (appends go on), then
 * swaps the merged records for one snapshot in a single transaction under the lock. Resolves
 * with what was done, or null when there was nothing to merge or another tab compacted first.
 */
export async function compactLog(
  io: CompactionIo,
  docId: string,
  key: CryptoKey
): Promise<CompactionResult | null> {
  const { good, bad, meta, lastSeq, count } = await io.readAll(docId, key);
  if (!meta || count <= 1) return null;
  const fresh = new Y.Doc({ gc: io.gc });
  bad.push(...applyRecords(fresh, good, null));
  const snapshot = Y.encodeStateAsUpdate(fresh);
  fresh.destroy();
  await io.beforeWrite?.(docId);
  const snapshotSeq = lastSeq;
  const sealed = await sealPacked(key, docRecordAad(docId, snapshotSeq), encodeRecordPayload([snapshot]));
  const snapshotBytes = sealed.byteLength;
  const db = io.db;
  const tail = await io.underLock(async () => {
    const now = io.now();
    try {
      return await db.transaction('rw', db.updates, db.docMeta, db.quarantine, async () => {
        const current = await db.docMeta.get(docId);
        if (
          !current ||
          current.snapshotSeq !== meta.snapshotSeq ||
          current.compactedAt !== meta.compactedAt
        ) {
          throw new CompactionRace();
        }
        await io.moveToQuarantine(docId, bad, now);
        await logRange(db, docId, SEQ_MIN, snapshotSeq).delete();
        await db.updates.add(sealed, [docId, snapshotSeq]);
        const tailRows = await logRange(db, docId, snapshotSeq + 1, SEQ_MAX).toArray();
        const tailBytes = tailRows.reduce((sum, row) => sum + row.byteLength, 0);
        await db.docMeta.put({
          ...current,
          records: 1 + tailRows.length,
          bytes: snapshotBytes + tailBytes,
          snapshotSeq,
          snapshotBytes,
          compactedAt: Math.max(now, current.compactedAt + 1)
        });
        return tailRows.length;
      });
    } catch (error) {
      if (error instanceof CompactionRace) return null;
      throw error;
    }
  });
  if (tail === null) return null;
  if (bad.length > 0)
    io.quarantined(
      docId,
      bad.map((b) => b.row.seq)
    );
  return { snapshotSeq, replaced: count - bad.length, tail, quarantined: bad.length };
}

interface CompactionState {
  timer: ReturnType<typeof setTimeout> | null;
  running: Promise<unknown> | null;
  /** Another compaction was asked for while one ran. */
  again: boolean;
}

/** When each doc's log is compacted: after a delay, one compaction of a doc at a time. */
export class CompactionScheduler {
  #states = new Map<string, CompactionState>();
  #delayMs: number;
  #compact: (docId: string) => Promise<CompactionResult | null>;
  #onError: (docId: string, error: PersistenceError) => void;
  #closed = false;

  /**
   * `compact` runs one compaction (compactLog with the store's io and key); `onError` hears the
   * failures of scheduled ones (not those from lock, wipe or close: the log is intact then).
   */
  constructor(options: {
    delayMs: number;
    compact: (docId: string) => Promise<CompactionResult | null>;
    onError: (docId: string, error: PersistenceError) => void;
  }) {
    this.#delayMs = options.delayMs;
    this.#compact = options.compact;
    this.#onError = options.onError;
  }

  /** Compacts `docId` after the delay, or again after the one running now. */
  schedule(docId: string): void {
    if (this.#closed) return;
    const state = this.#state(docId);
    if (state.running) {
      state.again = true;
      return;
    }
    if (state.timer) return;
    state.timer = setTimeout(() => {
      state.timer = null;
      this.#runScheduled(docId);
    }, this.#delayMs);
  }

  /** Compacts `docId` now, after any compaction of it that is running; rejects as it fails. */
  async runNow(docId: string): Promise<CompactionResult | null> {
    const state = this.#state(docId);
    while (state.running) await state.running.catch(() => undefined);
    const running = this.#compact(docId);
    state.running = running;
    try {
      return await running;
    } finally {
      if (state.running === running) state.running = null;
    }
  }

  /** Starts the compactions waiting for their delay now; returns every running one (never rejects). */
  runDue(): Promise<unknown>[] {
    const busy: Promise<unknown>[] = [];
    for (const [docId, state] of this.#states) {
      if (state.timer) {
        clearTimeout(state.timer);
        state.timer = null;
        this.#runScheduled(docId);
      }
      if (state.running) busy.push(state.running.catch(() => undefined));
    }
    return busy;
  }

  /** Cancels the compactions waiting for their delay (on lock or wipe); running ones finish. */
  cancelPending(): void {
    for (const state of this.#states.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
      state.again = false;
    }
  }

  /** Stops scheduling for good. */
  close(): void {
    this.#closed = true;
    for (const state of this.#states.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
    }
  }

  #state(docId: string): CompactionState {
    let state = this.#states.get(docId);
    if (!state) {
      state = { timer: null, running: null, again: false };
      this.#states.set(docId, state);
    }
    return state;
  }

  #runScheduled(docId: string): void {
    const state = this.#state(docId);
    if (state.running) {
      state.again = true;
      return;
    }
    state.again = false;
    const running = this.#compact(docId).catch((error: unknown) => {
      // Locked or wiped meanwhile: nothing to report, the log is intact.
      if (error instanceof LockedError || error instanceof WipedError || error instanceof ClosedError)
        return null;
      this.#onError(docId, toPersistenceError(error, 'Compacting'));
      return null;
    });
    state.running = running;
    void running.finally(() => {
      if (state.running === running) state.running = null;
      if (state.again && !this.#closed) {
        state.again = false;
        this.schedule(docId);
      }
    });
  }
}
