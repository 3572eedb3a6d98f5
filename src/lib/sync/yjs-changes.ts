/**
 * Reads the clock-level facts that `PendingChanges` needs out of Yjs transactions, documents and
 * encoded updates.
 */
import * as Y from 'yjs';
import type { Change, DeleteRange, DeleteRanges, StateVector } from './pending-changes.ts';

/** Yjs's delete set shape (`Y.DeleteSet`), which the package does not export as a type. */
interface YDeleteSet {
  clients: Map<number, Array<{ clock: number; len: number }>>;
}

function rangesOf(ds: YDeleteSet): DeleteRanges {
  const out = new Map<number, DeleteRange[]>();
  for (const [client, items] of ds.clients) {
    if (items.length > 0)
      out.set(
        client,
        items.map((i) => ({ clock: i.clock, len: i.len }))
      );
  }
  return out;
}

/** What a finished transaction changed: the clocks it added per client and what it deleted. */
export function changeFromTransaction(tr: Y.Transaction): Change {
  const inserts = new Map<number, { from: number; to: number }>();
  for (const [client, to] of tr.afterState) {
    const from = tr.beforeState.get(client) ?? 0;
    if (to > from) inserts.set(client, { from, to });
  }
  return { inserts, deletes: rangesOf(tr.deleteSet as YDeleteSet) };
}

/** What an encoded (v1) update contains, in clock terms. */
export function changeFromUpdate(update: Uint8Array): Change {
  const meta = Y.parseUpdateMeta(update);
  const inserts = new Map<number, { from: number; to: number }>();
  for (const [client, to] of meta.to) {
    const from = meta.from.get(client) ?? 0;
    if (to > from) inserts.set(client, { from, to });
  }
  return { inserts, deletes: deleteRangesOfUpdate(update) };
}

/** The delete set carried by an encoded (v1) update. */
export function deleteRangesOfUpdate(update: Uint8Array): DeleteRanges {
  return rangesOf(Y.decodeUpdate(update).ds as YDeleteSet);
}

/** The document's state vector. */
export function stateVectorOf(doc: Y.Doc): StateVector {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** Everything the document holds as deleted. */
export function deleteRangesOfDoc(doc: Y.Doc): DeleteRanges {
  return rangesOf(Y.createDeleteSetFromStructStore(doc.store) as YDeleteSet);
}

/**
 * Feeds every local transaction of `doc` into `record`. A transaction is local unless
 * `isRemote(origin)` says its origin is the provider or the device store: edits that came from
 * the server or were loaded from the device are not this session's to confirm. Returns a
 * function that stops tracking.
 */
export function trackLocalChanges(
  doc: Y.Doc,
  isRemote: (origin: unknown) => boolean,
  record: (change: Change) => void
): () => void {
  const onAfterTransaction = (tr: Y.Transaction) => {
    if (isRemote(tr.origin)) return;
    const change = changeFromTransaction(tr);
    if (change.inserts.size > 0 || change.deletes.size > 0) record(change);
  };
  doc.on('afterTransaction', onAfterTransaction);
  return () => doc.off('afterTransaction', onAfterTransaction);
}
