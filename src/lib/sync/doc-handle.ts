/**
 * The handle a view gets from `SyncRegistry.open` (doc-registry.ts): a thin view of the shared
 * OpenDoc with its own once-only release.
 */
import type { DocHandle } from './doc-registry-options.ts';
import type { OpenDoc } from './open-doc.ts';

/**
 * A new handle on `entry`. `retry` is called as is; `release` at most once per handle, however
 * often the view calls it.
 */
export function createDocHandle(entry: OpenDoc, actions: { retry(): void; release(): void }): DocHandle {
  let released = false;
  return {
    docId: entry.docId,
    doc: entry.doc,
    provider: entry.provider,
    awareness: entry.provider.awareness,
    ready: entry.ready,
    get status() {
      return entry.status;
    },
    subscribe(listener) {
      entry.listeners.add(listener);
      listener(entry.status);
      return () => entry.listeners.delete(listener);
    },
    retry: () => actions.retry(),
    release: () => {
      if (released) return;
      released = true;
      actions.release();
    }
  };
}
