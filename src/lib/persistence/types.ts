/**
 * The contract between the sync layer (src/lib/sync) and the device store (src/lib/persistence).
 * The sync registry loads a document from the device before it connects, and appends every
 * update (local or remote) so that the device can work offline.
 */
import type * as Y from 'yjs';

export interface DocPersistence {
  /**
   * Applies everything stored for `docId` to `doc` in one transaction, with this persistence as
   * the transaction origin. Records that fail to decrypt or parse are quarantined, not applied;
   * the returned report says how many, so the caller can fetch the doc again and tell the user.
   */
  load(docId: string, doc: Y.Doc): Promise<LoadReport>;
  /** Appends one update. Resolves only once the IndexedDB transaction has completed. */
  append(docId: string, update: Uint8Array): Promise<void>;
  /** Docs that have records on this device (for "unsynced" checks and background sync). */
  listDocIds(): Promise<string[]>;
}

export interface LoadReport {
  /** Records applied. */
  applied: number;
  /** Records that failed to decrypt or parse; kept aside, not applied. */
  quarantined: number;
  /** The seqs of the quarantined records (for logs and the "fetched again" notice). */
  quarantinedSeqs?: number[];
}
