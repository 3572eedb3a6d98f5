/**
 * An open doc's copy in the device store (DocPersistence): loading it before the doc connects,
 * so it works offline, and appending every later update. Failures do not stop syncing; they are
 * kept on the doc (`deviceError`) so its status can tell the user the device copy failed.
 */
import type { DocPersistence } from '../persistence/types.ts';
import type { OpenDoc } from './open-doc.ts';
import { deleteRangesOfDoc, stateVectorOf } from './yjs-changes.ts';

/**
 * Loads `entry`'s device copy into its doc and makes the loaded state the ledger's baseline.
 * Never rejects: a failure is stored in `entry.deviceError`.
 */
export async function loadDeviceCopy(entry: OpenDoc, persistence: DocPersistence): Promise<void> {
  try {
    const report = await persistence.load(entry.docId, entry.doc);
    entry.quarantined = report.quarantined;
    entry.ledger.setBaseline(stateVectorOf(entry.doc), deleteRangesOfDoc(entry.doc));
  } catch (error) {
    // The doc still syncs with the server; the status tells the user the device copy failed.
    entry.deviceError = error;
  }
}

/**
 * Appends `update` to `entry`'s device copy, tracked in `entry.appends` until it settles. On
 * failure sets `entry.deviceError` and calls `onError`.
 */
export function appendToDevice(
  entry: OpenDoc,
  persistence: DocPersistence,
  update: Uint8Array,
  onError: () => void
): void {
  const write = persistence.append(entry.docId, update).then(
    () => undefined,
    (error: unknown) => {
      entry.deviceError = error;
      onError();
    }
  );
  entry.appends.add(write);
  void write.finally(() => entry.appends.delete(write));
}

/**
 * Appends every update of `entry`'s doc to the device store, except those that came from it
 * (loading). Returns a function that stops.
 */
export function keepDeviceCopy(entry: OpenDoc, persistence: DocPersistence, onError: () => void): () => void {
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== persistence) appendToDevice(entry, persistence, update, onError);
  };
  entry.doc.on('update', onUpdate);
  return () => entry.doc.off('update', onUpdate);
}
