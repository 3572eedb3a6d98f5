/**
 * An in-memory DocPersistence for tests: the same contract as the encrypted device store
 * (load applies everything in one transaction with itself as origin; append resolves once
 * stored), without IndexedDB.
 */
import * as Y from 'yjs';
import type { DocPersistence, LoadReport } from '../../persistence/types.ts';

export class MemoryPersistence implements DocPersistence {
  readonly records = new Map<string, Uint8Array[]>();
  /** Resolves `load` only when the test says so (to see that connecting waits for it). */
  loadGate: Promise<void> = Promise.resolve();
  /** When set, `append` rejects with it (a full or locked device store). */
  failAppends: Error | null = null;

  async load(docId: string, doc: Y.Doc): Promise<LoadReport> {
    await this.loadGate;
    const records = this.records.get(docId) ?? [];
    doc.transact(() => {
      for (const r of records) Y.applyUpdate(doc, r, this);
    }, this);
    return { applied: records.length, quarantined: 0 };
  }

  async append(docId: string, update: Uint8Array): Promise<void> {
    await Promise.resolve();
    if (this.failAppends) throw this.failAppends;
    const list = this.records.get(docId) ?? [];
    list.push(update);
    this.records.set(docId, list);
  }

  async listDocIds(): Promise<string[]> {
    return [...this.records.keys()];
  }

  /** Everything stored for `docId`, as one doc. */
  docOf(docId: string): Y.Doc {
    const doc = new Y.Doc();
    for (const r of this.records.get(docId) ?? []) Y.applyUpdate(doc, r);
    return doc;
  }
}
