/**
 * Open docs kept current across the tabs of one browser.
 *
 * After each write a tab posts "records up to seq N for docId" on a BroadcastChannel named for
 * the device database; other tabs read the records they have not applied yet and apply them to
 * their open doc with the store as the origin. Applying a record twice is harmless (Yjs updates
 * are idempotent), so a tab may re-read its own records, and a snapshot at seq S may replace
 * records it missed.
 */
import type * as Y from 'yjs';
import type { ReadResult } from './doc-records.ts';
import { LockedError, toPersistenceError, WipedError, type PersistenceError } from './errors.ts';
import { unrefChannel } from './keyring.ts';
import type { LoadReport } from './types.ts';

/** What one tab tells the others: it stored the records of `docId` up to `seq`. */
export type TabMessage = { t: 'appended'; docId: string; seq: number };

/** The BroadcastChannel between the tabs of one device database. */
export class TabChannel {
  #channel: BroadcastChannel;

  /** Null where BroadcastChannel does not exist (one tab is all there is then). */
  static open(dbName: string, onAppended: (docId: string, seq: number) => void): TabChannel | null {
    return typeof BroadcastChannel === 'undefined' ? null : new TabChannel(dbName, onAppended);
  }

  private constructor(dbName: string, onAppended: (docId: string, seq: number) => void) {
    this.#channel = new BroadcastChannel(`rinnalla-docs:${dbName}`);
    unrefChannel(this.#channel);
    this.#channel.onmessage = (event: MessageEvent<TabMessage>) => {
      if (event.data.t === 'appended') onAppended(event.data.docId, event.data.seq);
    };
  }

  /** Tells the other tabs that the records of `docId` up to `seq` are stored. */
  postAppended(docId: string, seq: number): void {
    this.#channel.postMessage({ t: 'appended', docId, seq } satisfies TabMessage);
  }

  close(): void {
    this.#channel.close();
  }
}

/** An open doc and how far the log has been applied to it. */
export interface Attachment {
  doc: Y.Doc;
  /** Every record up to this seq is applied to `doc`. */
  appliedSeq: number;
  /** The highest seq known to exist (own writes, other tabs' notices). */
  knownSeq: number;
  loading: boolean;
  catchingUp: Promise<void> | null;
}

/** What following the log needs from the store. */
export interface AttachedDocsIo {
  /** Reads and decrypts the records of `docId` from `fromSeq` on (throws when locked). */
  readFrom: (docId: string, fromSeq: number) => Promise<ReadResult>;
  /** Applies what was read to `doc` and quarantines the bad records. */
  apply: (docId: string, doc: Y.Doc, read: ReadResult) => Promise<LoadReport>;
  remoteApplied: (docId: string, records: number) => void;
  backgroundError: (docId: string, error: PersistenceError) => void;
}

/** The docs a store has loaded, each kept current with the records other writers add. */
export class AttachedDocs {
  #attachments = new Map<string, Attachment>();
  #io: AttachedDocsIo;

  constructor(io: AttachedDocsIo) {
    this.#io = io;
  }

  /** Starts following `docId` with `doc` (replacing another doc of that id), still loading. */
  attach(docId: string, doc: Y.Doc): Attachment {
    const attachment: Attachment = { doc, appliedSeq: 0, knownSeq: 0, loading: true, catchingUp: null };
    this.#attachments.set(docId, attachment);
    return attachment;
  }

  /** The load applied every record up to `lastSeq`: from now on, follow the newer ones. */
  loaded(docId: string, attachment: Attachment, lastSeq: number): void {
    attachment.appliedSeq = lastSeq;
    attachment.loading = false;
    if (attachment.knownSeq > attachment.appliedSeq) this.#catchUp(docId, attachment);
  }

  /** The load failed: stop following, unless another load replaced this one meanwhile. */
  failed(docId: string, attachment: Attachment): void {
    if (this.#attachments.get(docId) === attachment) this.#attachments.delete(docId);
  }

  /** Stops following `docId` (only if it is still `doc`, when given). */
  detach(docId: string, doc?: Y.Doc): void {
    const attachment = this.#attachments.get(docId);
    if (attachment && (!doc || attachment.doc === doc)) this.#attachments.delete(docId);
  }

  /** This store wrote the record `seq` of `docId`, whose update is in the attached doc already. */
  ownWrite(docId: string, seq: number): void {
    const attachment = this.#attachments.get(docId);
    if (!attachment) return;
    // If the previous seq is applied too, so is this one; otherwise another writer's record lies
    // between: read it.
    if (!attachment.loading && attachment.appliedSeq === seq - 1) attachment.appliedSeq = seq;
    else this.#noteSeq(docId, attachment, seq);
  }

  /** Another writer stored the records of `docId` up to `seq`. */
  otherWrite(docId: string, seq: number): void {
    const attachment = this.#attachments.get(docId);
    if (attachment) this.#noteSeq(docId, attachment, seq);
  }

  /** The catch-ups in progress (they never reject). */
  catchingUp(): Promise<void>[] {
    const busy: Promise<void>[] = [];
    for (const attachment of this.#attachments.values()) {
      if (attachment.catchingUp) busy.push(attachment.catchingUp);
    }
    return busy;
  }

  /** Forgets every doc (lock, wipe, close). */
  clear(): void {
    this.#attachments.clear();
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
        const read = await this.#io.readFrom(docId, attachment.appliedSeq + 1);
        const report = await this.#io.apply(docId, attachment.doc, read);
        attachment.appliedSeq = Math.max(target, read.lastSeq);
        if (report.applied > 0) this.#io.remoteApplied(docId, report.applied);
      }
    })()
      .catch((error: unknown) => {
        if (error instanceof LockedError || error instanceof WipedError) return;
        this.#io.backgroundError(docId, toPersistenceError(error, 'Reading new records'));
      })
      .finally(() => {
        attachment.catchingUp = null;
      });
  }
}
