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
 * Compaction. When a doc's log holds more than `maxRecords` records, or more than
 * `maxTailBytes` beyond its last snapshot, the records up to the highest seq S read are
 * replayed into a fresh Y.Doc (outside the lock: appends go on meanwhile) and replaced, in one
 * write transaction under the lock, by one snapshot record at seq S. Records appended meanwhile
 * have seqs above S and are untouched; a concurrent compaction by another tab is detected (the
 * doc's snapshot marker changed) and this one gives up.
 *
 * Tabs. After each write the tab posts "records up to seq N for docId" on a BroadcastChannel;
 * other tabs read the records they have not applied yet and apply them to their open doc with
 * this store as the origin. Applying a record twice is harmless (Yjs updates are idempotent),
 * so a tab may re-read its own records, and a snapshot at seq S may replace records it missed.
 */
import * as Y from 'yjs';
import { corrupt, decryptPacked, docRecordAad, docRecordAadFor, sealPacked, type Bytes } from './crypto.ts';
import type { DeviceDb, DocMetaRecord, UpdateKey, UpdateRecord } from './device-db.ts';
import { ClosedError, LockedError, toPersistenceError, WipedError, type PersistenceError } from './errors.ts';
import { unrefChannel, type KeyProvider } from './keyring.ts';
import { defaultLockManager, type LockManagerLike } from './locks.ts';
import { decodeRecordPayload, encodeRecordPayload } from './record-format.ts';
import type { DocPersistence, LoadReport } from './types.ts';

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

/** Most update bytes written by one group-commit transaction (at least one append always goes). */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;
/**
 * Records per read request when loading: decryption of one chunk overlaps the reading of the
 * next. Small logs (the usual, compacted case) are read in one request.
 */
export const READ_CHUNK = 128;
/** How often a write re-encrypts after losing a seq race before it gives up. */
const MAX_SEQ_ATTEMPTS = 8;
const SEQ_MIN = 0;
const SEQ_MAX = Number.POSITIVE_INFINITY;

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

interface CompactionState {
  timer: ReturnType<typeof setTimeout> | null;
  running: Promise<unknown> | null;
  /** Another compaction was asked for while one ran. */
  again: boolean;
}

interface Attachment {
  doc: Y.Doc;
  /** Every record up to this seq is applied to `doc`. */
  appliedSeq: number;
  /** The highest seq known to exist (own writes, other tabs' notices). */
  knownSeq: number;
  loading: boolean;
  catchingUp: Promise<void> | null;
}

interface DecodedRecord {
  row: UpdateRecord;
  updates: Uint8Array[];
}

interface BadRecord {
  row: UpdateRecord;
  error: unknown;
}

interface ReadResult {
  good: DecodedRecord[];
  bad: BadRecord[];
  meta?: DocMetaRecord;
  /** Highest seq read (0 when none). */
  lastSeq: number;
  /** Records read. */
  count: number;
}

type TabMessage = { t: 'appended'; docId: string; seq: number };

class SeqConflict extends Error {
  constructor(readonly current: Map<string, number>) {
    super('seq taken by another writer');
  }
}

class CompactionRace extends Error {}

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
  #compactions = new Map<string, CompactionState>();
  #attachments = new Map<string, Attachment>();
  #listeners = new Set<(event: DocStoreEvent) => void>();
  #channel: BroadcastChannel | null = null;
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
    if ((options.broadcast ?? true) && typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(`rinnalla-docs:${this.#db.name}`);
      unrefChannel(this.#channel);
      this.#channel.onmessage = (event: MessageEvent<TabMessage>) => this.#onTabMessage(event.data);
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
    const attachment: Attachment = { doc, appliedSeq: 0, knownSeq: 0, loading: true, catchingUp: null };
    this.#attachments.set(docId, attachment);
    // A destroyed doc needs no more records (and must not be kept alive by this store).
    doc.once('destroy', () => this.detach(docId, doc));
    try {
      const read = await this.#readRecords(docId, SEQ_MIN, key);
      const report = await this.#applyRecords(docId, doc, read);
      const meta = read.meta;
      if (meta && !this.#nextSeq.has(docId)) this.#nextSeq.set(docId, meta.nextSeq);
      attachment.appliedSeq = read.lastSeq;
      attachment.loading = false;
      if (attachment.knownSeq > attachment.appliedSeq) this.#catchUp(docId, attachment);
      if (meta && this.#needsCompaction(meta)) this.#scheduleCompaction(docId);
      return report;
    } catch (error) {
      if (this.#attachments.get(docId) === attachment) this.#attachments.delete(docId);
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
    const attachment = this.#attachments.get(docId);
    if (attachment && (!doc || attachment.doc === doc)) this.#attachments.delete(docId);
  }

  /**
   * Compacts `docId` now, whatever the thresholds (appends not yet written stay after the
   * snapshot). Resolves with what was done, or null when there was nothing to merge or another
   * tab compacted first.
   */
  async compact(docId: string): Promise<CompactionResult | null> {
    this.#requireKey();
    const state = this.#compactionState(docId);
    while (state.running) await state.running.catch(() => undefined);
    const running = this.#compactNow(docId);
    state.running = running;
    try {
      return await running;
    } finally {
      if (state.running === running) state.running = null;
    }
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
      for (const [docId, state] of this.#compactions) {
        if (compact && state.timer) {
          clearTimeout(state.timer);
          state.timer = null;
          this.#runScheduledCompaction(docId);
        }
        if (compact && state.running) busy.push(state.running.catch(() => undefined));
      }
      for (const attachment of this.#attachments.values()) {
        if (attachment.catchingUp) busy.push(attachment.catchingUp);
      }
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
          await this.#range(docId, SEQ_MIN, SEQ_MAX).delete();
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
    for (const state of this.#compactions.values()) {
      if (state.timer) clearTimeout(state.timer);
      state.timer = null;
    }
    this.#attachments.clear();
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
          if (this.#needsCompaction(metas[i]!)) this.#scheduleCompaction(docId);
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
    this.#post({ t: 'appended', docId, seq });
    const attachment = this.#attachments.get(docId);
    if (!attachment) return;
    // The update is in the attached doc already (append's contract). If the previous seq is
    // applied too, so is this one; otherwise another writer's record lies between: read it.
    if (!attachment.loading && attachment.appliedSeq === seq - 1) attachment.appliedSeq = seq;
    else this.#noteSeq(docId, attachment, seq);
  }

  // ---- compaction -------------------------------------------------------------------------

  #needsCompaction(meta: DocMetaRecord): boolean {
    const options = this.#compaction;
    if (!options || meta.records <= 1) return false;
    return meta.records > options.maxRecords || meta.bytes - meta.snapshotBytes > options.maxTailBytes;
  }

  #compactionState(docId: string): CompactionState {
    let state = this.#compactions.get(docId);
    if (!state) {
      state = { timer: null, running: null, again: false };
      this.#compactions.set(docId, state);
    }
    return state;
  }

  #scheduleCompaction(docId: string): void {
    if (this.#closed || !this.#compaction) return;
    const state = this.#compactionState(docId);
    if (state.running) {
      state.again = true;
      return;
    }
    if (state.timer) return;
    state.timer = setTimeout(() => {
      state.timer = null;
      this.#runScheduledCompaction(docId);
    }, this.#compaction.delayMs);
  }

  #runScheduledCompaction(docId: string): void {
    const state = this.#compactionState(docId);
    if (state.running) {
      state.again = true;
      return;
    }
    state.again = false;
    const running = this.#compactNow(docId).catch((error: unknown) => {
      // Locked or wiped meanwhile: nothing to report, the log is intact.
      if (error instanceof LockedError || error instanceof WipedError || error instanceof ClosedError)
        return null;
      this.#emit({ type: 'background-error', docId, error: toPersistenceError(error, 'Compacting') });
      return null;
    });
    state.running = running;
    void running.finally(() => {
      if (state.running === running) state.running = null;
      if (state.again && !this.#closed) {
        state.again = false;
        this.#scheduleCompaction(docId);
      }
    });
  }

  /**
   * Reads, decrypts and merges the log outside the writer lock (appends go on), then swaps the
   * merged records for one snapshot in a single transaction under the lock.
   */
  async #compactNow(docId: string): Promise<CompactionResult | null> {
    const key = this.#requireKey();
    const { good, bad, meta, lastSeq, count } = await this.#readRecords(docId, SEQ_MIN, key);
    if (!meta || count <= 1) return null;
    const fresh = new Y.Doc({ gc: this.#compaction?.gc ?? DEFAULT_COMPACTION.gc });
    bad.push(...applyRecords(fresh, good, null));
    const snapshot = Y.encodeStateAsUpdate(fresh);
    fresh.destroy();
    await this.#beforeCompactionWrite?.(docId);
    const snapshotSeq = lastSeq;
    const sealed = await sealPacked(key, docRecordAad(docId, snapshotSeq), encodeRecordPayload([snapshot]));
    const snapshotBytes = sealed.byteLength;
    const db = this.#db;
    const tail = await this.#underLock(async () => {
      const now = this.#now();
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
          await this.#moveToQuarantine(docId, bad, now);
          await this.#range(docId, SEQ_MIN, snapshotSeq).delete();
          await db.updates.add(sealed, [docId, snapshotSeq]);
          const tailRows = await this.#range(docId, snapshotSeq + 1, SEQ_MAX).toArray();
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
    if (bad.length > 0) this.#emit({ type: 'quarantined', docId, seqs: bad.map((b) => b.row.seq) });
    return { snapshotSeq, replaced: count - bad.length, tail, quarantined: bad.length };
  }

  // ---- reading and applying ---------------------------------------------------------------

  #range(docId: string, fromSeq: number, toSeq: number) {
    return this.#db.updates.where(':id').between([docId, fromSeq], [docId, toSeq], true, true);
  }

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

  #onTabMessage(message: TabMessage): void {
    if (message.t !== 'appended') return;
    const attachment = this.#attachments.get(message.docId);
    // Another tab wrote: our seq hint is stale (the transaction check would catch it anyway).
    if ((this.#nextSeq.get(message.docId) ?? 0) <= message.seq)
      this.#nextSeq.set(message.docId, message.seq + 1);
    if (attachment) this.#noteSeq(message.docId, attachment, message.seq);
  }

  #noteSeq(docId: string, attachment: Attachment, seq: number): void {
    attachment.knownSeq = Math.max(attachment.knownSeq, seq);
    if (!attachment.loading && attachment.knownSeq > attachment.appliedSeq) this.#catchUp(docId, attachment);
  }

  #catchUp(docId: string, attachment: Attachment): void {
    if (attachment.catchingUp) return;
    attachment.catchingUp = (async () => {
      while (attachment.knownSeq > attachment.appliedSeq && this.#attachments.get(docId) === attachment) {
        const target = attachment.knownSeq;
        const key = this.#requireKey();
        const read = await this.#readRecords(docId, attachment.appliedSeq + 1, key);
        const report = await this.#applyRecords(docId, attachment.doc, read);
        attachment.appliedSeq = Math.max(target, read.lastSeq);
        if (report.applied > 0) this.#emit({ type: 'remote-applied', docId, records: report.applied });
      }
    })()
      .catch((error: unknown) => {
        if (error instanceof LockedError || error instanceof WipedError) return;
        this.#emit({
          type: 'background-error',
          docId,
          error: toPersistenceError(error, 'Reading new records')
        });
      })
      .finally(() => {
        attachment.catchingUp = null;
      });
  }

  #post(message: TabMessage): void {
    this.#channel?.postMessage(message);
  }

  // ---- state ------------------------------------------------------------------------------

  #requireKey(): CryptoKey {
    if (this.#closed) throw new ClosedError();
    return this.#keys.requireKey();
  }

  #dropSecrets(state: 'locked' | 'wiped'): void {
    // Decrypted content lives in the docs the app holds; the app discards them on lock. Here
    // nothing decrypted is cached, only the bookkeeping of which records a doc has seen.
    this.#attachments.clear();
    for (const compaction of this.#compactions.values()) {
      if (compaction.timer) clearTimeout(compaction.timer);
      compaction.timer = null;
      compaction.again = false;
    }
    if (state === 'wiped') {
      for (const pending of this.#queue.splice(0)) pending.reject(new WipedError());
    }
  }

  #emit(event: DocStoreEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}

/** Decrypts and parses one record; failures are returned, not thrown. */
function decryptRecord(
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

/**
 * Applies decoded records to `doc` one update at a time inside one transaction. An update that
 * Yjs rejects marks its record bad (returned); the others still apply.
 */
function applyRecords(doc: Y.Doc, records: DecodedRecord[], origin: unknown): BadRecord[] {
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

function sameBytes(a: Bytes, b: Bytes): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.name})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return String(error);
}
