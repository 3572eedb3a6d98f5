/**
 * The encrypted update log: y-indexeddb's model (append every update, replay on load, merge the
 * log into one snapshot past a threshold), with every record encrypted (AES-GCM, random IV,
 * `docId` and `seq` bound as associated data).
 *
 * Writes. There is one writer at a time per device database — so one per doc — across tabs:
 * every write transaction runs under the lock `rinnalla:<db>:writer` (Web Locks; see locks.ts
 * for the fallback). One lock for all docs costs no parallelism: all docs share the same object
 * stores, so IndexedDB serialises their write transactions anyway. Appends that arrive while a
 * write is in flight are written together by the next one (group commit): one record per doc,
 * one transaction for all docs, so a burst of keystrokes or a first pull of a hundred docs
 * costs a few transactions, not thousands. A record's seq is allocated before encryption (the
 * AAD needs it) and checked inside the write transaction: each doc's `nextSeq` must still be
 * the one encrypted for, and rows are `add`ed, never overwritten, so two writers can never
 * produce duplicate or lost rows — at worst one re-encrypts and retries. `append` resolves only
 * after the transaction completed.
 *
 * Loads. All records of a doc are read in one IndexedDB transaction, in chunks whose decryption
 * overlaps the reading of the next, and applied one by one inside one `doc.transact` (never
 * `Y.mergeUpdates` over thousands of small updates: measured as the dominant cost). A record
 * that fails to decrypt or parse is moved to the quarantine table with its error and counted in
 * the LoadReport; the rest loads.
 *
 * Compaction (doc-compaction.ts): past a size or count threshold the log is merged into one
 * snapshot record, outside the lock, and swapped in under it; appends go on meanwhile.
 *
 * Tabs (doc-tabs.ts): after each write the tab says so on a BroadcastChannel; the other tabs
 * read the records they have not applied yet into their open doc.
 */
import type * as Y from 'yjs';
import { docRecordAad, docRecordAadFor, sealPacked, type Bytes } from './crypto.ts';
import type { DeviceDb, DocMetaRecord, UpdateKey, UpdateRecord } from './device-db.ts';
import {
  compactLog,
  CompactionScheduler,
  DEFAULT_COMPACTION,
  needsCompaction,
  type CompactionIo,
  type CompactionOptions,
  type CompactionResult
} from './doc-compaction.ts';
import {
  applyRecords,
  decryptRecord,
  describeError,
  logRange,
  sameBytes,
  SEQ_MAX,
  SEQ_MIN,
  type BadRecord,
  type DecodedRecord,
  type ReadResult
} from './doc-records.ts';
import { AttachedDocs, TabChannel } from './doc-tabs.ts';
import { ClosedError, toPersistenceError, WipedError, type PersistenceError } from './errors.ts';
import type { KeyProvider } from './keyring.ts';
import { defaultLockManager, type LockManagerLike } from './locks.ts';
import { encodeRecordPayload } from './record-format.ts';
import type { DocPersistence, LoadReport } from './types.ts';

// Compaction's types and defaults are part of the store's options and results.
export { DEFAULT_COMPACTION, type CompactionOptions, type CompactionResult };

/** Most update bytes written by one group-commit transaction (at least one append always goes). */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/**
 * Records per read request when loading: decryption of one chunk overlaps the reading of the
 * next. Small logs (the usual, compacted case) are read in one request.
 */
export const READ_CHUNK = 128;
/** How often a write re-encrypts after losing a seq race before it gives up. */
const MAX_SEQ_ATTEMPTS = 8;

export interface EncryptedDocStoreOptions {
  db: DeviceDb;
  keys: KeyProvider;
  /** Partial overrides of DEFAULT_COMPACTION; `false` never compacts (bench seeding only). */
  compaction?: Partial<CompactionOptions> | false;
  /** Default: `navigator.locks`, else in-process locks. */
  locks?: LockManagerLike;
  /** Tab notifications; default true when BroadcastChannel exists. */
  broadcast?: boolean;
  /** Records per read request (default READ_CHUNK). */
  readChunk?: number;
  now?: () => number;
  /**
   * Test seam: awaited between a compaction's read and its write, so a test can append from
   * another writer exactly there.
   */
  beforeCompactionWrite?: (docId: string) => Promise<void> | void;
}

/** A quarantined record, as the UI lists it. */
export interface QuarantineInfo {
  docId: string;
  seq: number;
  quarantinedAt: number;
  error: string;
}

export type DocStoreEvent =
  | { type: 'quarantined'; docId: string; seqs: number[] }
  | { type: 'remote-applied'; docId: string; records: number }
  | { type: 'background-error'; docId: string; error: PersistenceError };

interface PendingAppend {
  docId: string;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Work other than appends that must run under the writer lock (compaction writes, deletes). */
interface WriterTask {
  run: () => Promise<void>;
}

class SeqConflict extends Error {
  constructor(readonly current: Map<string, number>) {
    super('seq taken by another writer');
  }
}

/** The encrypted, compacting, multi-tab Yjs update log. Implements DocPersistence. */
export class EncryptedDocStore implements DocPersistence {
  #db: DeviceDb;
  #keys: KeyProvider;
  #compaction: CompactionOptions | null;
  #locks: LockManagerLike;
  #now: () => number;
  #beforeCompactionWrite: EncryptedDocStoreOptions['beforeCompactionWrite'];
  #readChunk: number;
  #queue: PendingAppend[] = [];
  #tasks: WriterTask[] = [];
  #draining: Promise<void> | null = null;
  /** Next free seq per doc as far as this tab knows (checked in every write transaction). */
  #nextSeq = new Map<string, number>();
  #compactions: CompactionScheduler;
  #attached: AttachedDocs;
  #listeners = new Set<(event: DocStoreEvent) => void>();
  #channel: TabChannel | null = null;
  #unsubscribe: Array<() => void> = [];
  #closed = false;

  constructor(options: EncryptedDocStoreOptions) {
    this.#db = options.db;
    this.#keys = options.keys;
    this.#compaction = options.compaction === false ? null : { ...DEFAULT_COMPACTION, ...options.compaction };
    this.#locks = options.locks ?? defaultLockManager();
    this.#now = options.now ?? Date.now;
    this.#beforeCompactionWrite = options.beforeCompactionWrite;
    this.#readChunk = Math.max(1, options.readChunk ?? READ_CHUNK);
    this.#compactions = new CompactionScheduler({
      delayMs: this.#compaction?.delayMs ?? DEFAULT_COMPACTION.delayMs,
      // Async, so that a missing key rejects the compaction instead of throwing where it is started.
      compact: async (docId) => compactLog(this.#compactionIo(), docId, this.#requireKey()),
      onError: (docId, error) => this.#emit({ type: 'background-error', docId, error })
    });
    this.#attached = new AttachedDocs({
      readFrom: async (docId, fromSeq) => this.#readRecords(docId, fromSeq, this.#requireKey()),
      apply: (docId, doc, read) => this.#applyRecords(docId, doc, read),
      remoteApplied: (docId, records) => this.#emit({ type: 'remote-applied', docId, records }),
      backgroundError: (docId, error) => this.#emit({ type: 'background-error', docId, error })
    });
    if (options.broadcast ?? true) {
      this.#channel = TabChannel.open(this.#db.name, (docId, seq) => this.#onOtherTabWrite(docId, seq));
    }
    this.#unsubscribe.push(
      this.#keys.beforeLock(() => this.flush({ compact: false })),
      this.#keys.subscribe(({ state }) => {
        if (state === 'locked' || state === 'wiped') this.#dropSecrets(state);
      })
    );
  }

  /** Listens to quarantines, other tabs' records and background failures. */
  subscribe(listener: (event: DocStoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Applies every stored record of `docId` to `doc` inside one transaction whose origin is this
   * store. Records that fail to decrypt or parse are quarantined and counted, never applied.
   * Throws LockedError when locked. Contract: one Y.Doc per docId per store (a second load of
   * another doc replaces the first); the doc is then kept current with records other tabs
   * write, until `detach`, `doc.destroy()` or lock.
   */
  async load(docId: string, doc: Y.Doc): Promise<LoadReport> {
    const key = this.#requireKey();
    const attachment = this.#attached.attach(docId, doc);
    // A destroyed doc needs no more records (and must not be kept alive by this store).
    doc.once('destroy', () => this.detach(docId, doc));
    try {
      const read = await this.#readRecords(docId, SEQ_MIN, key);
      const report = await this.#applyRecords(docId, doc, read);
      const meta = read.meta;
      if (meta && !this.#nextSeq.has(docId)) this.#nextSeq.set(docId, meta.nextSeq);
      this.#attached.loaded(docId, attachment, read.lastSeq);
      if (meta && needsCompaction(meta, this.#compaction)) this.#compactions.schedule(docId);
      return report;
    } catch (error) {
      this.#attached.failed(docId, attachment);
      throw toPersistenceError(error, 'Loading the document');
    }
  }

  /**
   * Stores one update. Resolves once the IndexedDB transaction holding it has completed; rejects
   * with LockedError/WipedError (not stored), QuotaExceededError (device full: not stored, keep
   * the update and retry) or another PersistenceError. The update must already be applied to
   * the doc loaded for `docId` in this store, if any.
   */
  append(docId: string, update: Uint8Array): Promise<void> {
    try {
      this.#requireKey();
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ docId, update, resolve, reject });
      this.#kick();
    });
  }

  /** Ids of the docs with at least one record on this device. */
  async listDocIds(): Promise<string[]> {
    try {
      const metas = await this.#db.docMeta.toArray();
      return metas.filter((m) => m.records > 0).map((m) => m.docId);
    } catch (error) {
      throw toPersistenceError(error, 'Listing the documents');
    }
  }

  /** The doc's log bookkeeping (records, bytes, last compaction), or undefined if none. */
  async stats(docId: string): Promise<DocMetaRecord | undefined> {
    return this.#db.docMeta.get(docId);
  }

  /** Stops keeping `doc` current with other tabs' records (done on `doc.destroy()` too). */
  detach(docId: string, doc?: Y.Doc): void {
    this.#attached.detach(docId, doc);
  }

  /**
   * Compacts `docId` now, whatever the thresholds (appends not yet written stay after the
   * snapshot). Resolves with what was done, or null when there was nothing to merge or another
   * tab compacted first.
   */
  async compact(docId: string): Promise<CompactionResult | null> {
    this.#requireKey();
    return this.#compactions.runNow(docId);
  }

  /**
   * Waits until every pending append is stored; with `compact` (default true) also runs due
   * compactions now instead of after their delay, and waits for them.
   */
  async flush(options: { compact?: boolean } = {}): Promise<void> {
    const compact = options.compact ?? true;
    for (;;) {
      const busy: Promise<unknown>[] = [];
      if (this.#draining) busy.push(this.#draining);
      if (compact) busy.push(...this.#compactions.runDue());
      busy.push(...this.#attached.catchingUp());
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  /** Records kept aside because they failed to decrypt or parse. */
  async listQuarantine(docId?: string): Promise<QuarantineInfo[]> {
    const rows = docId
      ? await this.#db.quarantine.where('docId').equals(docId).toArray()
      : await this.#db.quarantine.toArray();
    return rows.map(({ docId: id, seq, quarantinedAt, error }) => ({ docId: id, seq, quarantinedAt, error }));
  }

  /**
   * Deletes every record of `docId` from this device (e.g. access to the case was removed), after
   * the appends already queued. Callers check first that the server has the doc's changes.
   */
  async deleteDoc(docId: string): Promise<void> {
    this.detach(docId);
    await this.#underLock(async () => {
      try {
        await this.#db.transaction('rw', this.#db.updates, this.#db.docMeta, async () => {
          await logRange(this.#db, docId, SEQ_MIN, SEQ_MAX).delete();
          await this.#db.docMeta.delete(docId);
        });
      } catch (error) {
        throw toPersistenceError(error, 'Deleting the document');
      }
      this.#nextSeq.delete(docId);
    });
  }

  /** Stops timers and tab notifications. Pending appends still complete. */
  close(): void {
    this.#closed = true;
    this.#compactions.close();
    this.#attached.clear();
    this.#channel?.close();
    this.#channel = null;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  // ---- writing ----------------------------------------------------------------------------

  #lockName(): string {
    return `rinnalla:${this.#db.name}:writer`;
  }

  /** Runs `run` under the writer lock, after the appends queued before it. */
  #underLock<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#tasks.push({ run: () => run().then(resolve, reject) });
      this.#kick();
    });
  }

  #kick(): void {
    if (this.#draining) return;
    this.#draining = this.#drain().finally(() => {
      this.#draining = null;
      // Work queued after the loop's last check.
      if (this.#queue.length > 0 || this.#tasks.length > 0) this.#kick();
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#tasks.length > 0) {
      await this.#locks.request(this.#lockName(), async () => {
        if (this.#queue.length > 0) {
          const batch = takeBatch(this.#queue);
          try {
            await this.#writeBatch(batch);
            for (const pending of batch) pending.resolve();
          } catch (error) {
            const failure = toPersistenceError(error, 'Storing the update');
            for (const pending of batch) pending.reject(failure);
          }
        }
        // Each task settles its own promise; none can fail the drain.
        for (const task of this.#tasks.splice(0)) await task.run();
      });
    }
  }

  /** Writes one record per doc in `batch`, all in one transaction. */
  async #writeBatch(batch: PendingAppend[]): Promise<void> {
    const key = this.#requireKey();
    const byDoc = new Map<string, Uint8Array[]>();
    for (const { docId, update } of batch) {
      const updates = byDoc.get(docId);
      if (updates) updates.push(update);
      else byDoc.set(docId, [update]);
    }
    const docIds = [...byDoc.keys()];
    const payloads = docIds.map((docId) => encodeRecordPayload(byDoc.get(docId)!));
    const unknown = docIds.filter((docId) => !this.#nextSeq.has(docId));
    if (unknown.length > 0) {
      const metas = await this.#db.docMeta.bulkGet(unknown);
      unknown.forEach((docId, i) => this.#nextSeq.set(docId, metas[i]?.nextSeq ?? 1));
    }
    let seqs = docIds.map((docId) => this.#nextSeq.get(docId)!);
    let sealed = await Promise.all(
      payloads.map((p, i) => sealPacked(key, docRecordAad(docIds[i]!, seqs[i]!), p))
    );
    for (let attempt = 1; ; attempt++) {
      try {
        const metas = await this.#writeRecords(docIds, seqs, sealed);
        docIds.forEach((docId, i) => {
          this.#nextSeq.set(docId, seqs[i]! + 1);
          this.#afterOwnWrite(docId, seqs[i]!);
          if (needsCompaction(metas[i]!, this.#compaction)) this.#compactions.schedule(docId);
        });
        return;
      } catch (error) {
        if (!(error instanceof SeqConflict) || attempt >= MAX_SEQ_ATTEMPTS) {
          for (const docId of docIds) this.#nextSeq.delete(docId);
          throw error;
        }
        // Another tab wrote meanwhile: re-encrypt only the records whose seq moved.
        const current = error.current;
        const nextSeqs = docIds.map((docId, i) => current.get(docId) ?? seqs[i]!);
        sealed = await Promise.all(
          payloads.map((p, i) =>
            nextSeqs[i] === seqs[i] ? sealed[i]! : sealPacked(key, docRecordAad(docIds[i]!, nextSeqs[i]!), p)
          )
        );
        seqs = nextSeqs;
      }
    }
  }

  /** The write transaction of a batch: checks every doc's nextSeq, adds the records. */
  async #writeRecords(docIds: string[], seqs: number[], sealed: Bytes[]): Promise<DocMetaRecord[]> {
    const db = this.#db;
    return db.transaction('rw', db.updates, db.docMeta, async () => {
      const metas = await db.docMeta.bulkGet(docIds);
      const conflicts = new Map<string, number>();
      const next = docIds.map((docId, i) => {
        const current = metas[i] ?? emptyMeta(docId);
        if (current.nextSeq !== seqs[i]) conflicts.set(docId, current.nextSeq);
        return {
          ...current,
          nextSeq: seqs[i]! + 1,
          records: current.records + 1,
          bytes: current.bytes + sealed[i]!.byteLength
        };
      });
      if (conflicts.size > 0) throw new SeqConflict(conflicts);
      await Promise.all(docIds.map((docId, i) => db.updates.add(sealed[i]!, [docId, seqs[i]!])));
      await db.docMeta.bulkPut(next);
      return next;
    });
  }

  #afterOwnWrite(docId: string, seq: number): void {
    this.#channel?.postAppended(docId, seq);
    this.#attached.ownWrite(docId, seq);
  }

  #compactionIo(): CompactionIo {
    return {
      db: this.#db,
      gc: this.#compaction?.gc ?? DEFAULT_COMPACTION.gc,
      now: this.#now,
      readAll: (docId, key) => this.#readRecords(docId, SEQ_MIN, key),
      underLock: (run) => this.#underLock(run),
      moveToQuarantine: (docId, bad, now) => this.#moveToQuarantine(docId, bad, now),
      quarantined: (docId, seqs) => this.#emit({ type: 'quarantined', docId, seqs }),
      beforeWrite: this.#beforeCompactionWrite
    };
  }

  // ---- reading and applying ---------------------------------------------------------------

  /**
   * Reads and decrypts the records of `docId` from `fromSeq` on, in one read transaction. The
   * records come in chunks; each chunk's decryption starts as soon as it arrives, while
   * IndexedDB reads the next (raw IndexedDB here: this is the hot path of every open).
   */
  async #readRecords(docId: string, fromSeq: number, key: CryptoKey): Promise<ReadResult> {
    if (!this.#db.isOpen()) await this.#db.open();
    const idb = this.#db.backendDB();
    const keyRange = this.#db.keyRange;
    const aad = docRecordAadFor(docId);
    const chunk = this.#readChunk;
    const decrypting: Promise<DecodedRecord | BadRecord>[] = [];
    let meta: DocMetaRecord | undefined;
    let lastSeq = 0;
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction(['updates', 'docMeta'], 'readonly');
      const metaRequest = tx.objectStore('docMeta').get(docId);
      metaRequest.onsuccess = () => (meta = metaRequest.result as DocMetaRecord | undefined);
      const updates = tx.objectStore('updates');
      const readChunk = (from: number) => {
        const range = keyRange.bound([docId, from], [docId, SEQ_MAX]);
        const values = updates.getAll(range, chunk);
        const keys = updates.getAllKeys(range, chunk);
        // Requests of one transaction complete in order: the values are in when the keys are.
        keys.onsuccess = () => {
          const chunkKeys = keys.result as unknown as UpdateKey[];
          const chunkValues = values.result as Bytes[];
          if (chunkKeys.length === chunk) readChunk(chunkKeys[chunk - 1]![1] + 1);
          for (let i = 0; i < chunkKeys.length; i++) {
            const row: UpdateRecord = { docId, seq: chunkKeys[i]![1], sealed: chunkValues[i]! };
            decrypting.push(decryptRecord(key, aad, row));
          }
          if (chunkKeys.length > 0) lastSeq = chunkKeys[chunkKeys.length - 1]![1];
        };
      };
      readChunk(fromSeq);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new DOMException('The read was aborted.', 'AbortError'));
    });
    const results = await Promise.all(decrypting);
    const good: DecodedRecord[] = [];
    const bad: BadRecord[] = [];
    for (const result of results) {
      if ('updates' in result) good.push(result);
      else bad.push(result);
    }
    return { good, bad, meta, lastSeq, count: results.length };
  }

  /** Applies what `#readRecords` returned to `doc` (one transaction) and quarantines the bad. */
  async #applyRecords(docId: string, doc: Y.Doc, read: ReadResult): Promise<LoadReport> {
    const { good } = read;
    const bad = [...read.bad];
    // Locked while decrypting: apply nothing, the app is discarding its docs.
    this.#requireKey();
    bad.push(...applyRecords(doc, good, this));
    if (bad.length > 0) {
      try {
        await this.#db.transaction('rw', this.#db.updates, this.#db.docMeta, this.#db.quarantine, () =>
          this.#moveToQuarantine(docId, bad, this.#now())
        );
      } catch (error) {
        // The bad records stay in the log (and are skipped again next time): report, go on.
        this.#emit({ type: 'background-error', docId, error: toPersistenceError(error, 'Quarantining') });
      }
      this.#emit({ type: 'quarantined', docId, seqs: bad.map((b) => b.row.seq) });
    }
    const quarantinedSeqs = bad.map((b) => b.row.seq).sort((a, b) => a - b);
    return { applied: read.count - bad.length, quarantined: bad.length, quarantinedSeqs };
  }

  /** Inside a rw transaction on updates, docMeta, quarantine. */
  async #moveToQuarantine(docId: string, bad: BadRecord[], now: number): Promise<void> {
    if (bad.length === 0) return;
    const meta = await this.#db.docMeta.get(docId);
    let records = meta?.records ?? 0;
    let bytes = meta?.bytes ?? 0;
    for (const { row, error } of bad) {
      const stored = await this.#db.updates.get([docId, row.seq]);
      // Gone or replaced (another writer compacted or quarantined it): nothing to move.
      if (!stored || !sameBytes(stored, row.sealed)) continue;
      await this.#db.quarantine.add({
        docId,
        seq: row.seq,
        sealed: row.sealed,
        quarantinedAt: now,
        error: describeError(error)
      });
      await this.#db.updates.delete([docId, row.seq]);
      records -= 1;
      bytes -= row.sealed.byteLength;
    }
    if (meta) await this.#db.docMeta.put({ ...meta, records, bytes });
  }

  // ---- other tabs -------------------------------------------------------------------------

  #onOtherTabWrite(docId: string, seq: number): void {
    // Another tab wrote: our seq hint is stale (the transaction check would catch it anyway).
    if ((this.#nextSeq.get(docId) ?? 0) <= seq) this.#nextSeq.set(docId, seq + 1);
    this.#attached.otherWrite(docId, seq);
  }

  // ---- state ------------------------------------------------------------------------------

  #requireKey(): CryptoKey {
    if (this.#closed) throw new ClosedError();
    return this.#keys.requireKey();
  }

  #dropSecrets(state: 'locked' | 'wiped'): void {
    // Decrypted content lives in the docs the app holds; the app discards them on lock. Here
    // nothing decrypted is cached, only the bookkeeping of which records a doc has seen.
    this.#attached.clear();
    this.#compactions.cancelPending();
    if (state === 'wiped') {
      for (const pending of this.#queue.splice(0)) pending.reject(new WipedError());
    }
  }

  #emit(event: DocStoreEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}

function emptyMeta(docId: string): DocMetaRecord {
  return { docId, nextSeq: 1, records: 0, bytes: 0, snapshotSeq: 0, snapshotBytes: 0, compactedAt: 0 };
}

/** Takes the queued appends for one write, up to MAX_BATCH_BYTES (always at least one). */
function takeBatch(queue: PendingAppend[]): PendingAppend[] {
  let bytes = 0;
  let count = 0;
  while (count < queue.length) {
    bytes += queue[count]!.update.byteLength;
    if (count > 0 && bytes > MAX_BATCH_BYTES) break;
    count++;
  }
  return queue.splice(0, count);
}
