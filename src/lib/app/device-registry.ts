/**
 * The sync registry of an unlocked device: the browser wiring of `createBrowserSyncRegistry`,
 * plus a watcher on every document it opens, so that the device remembers which documents hold
 * changes the server has not confirmed (see unsynced-docs.ts) — whichever view opened them.
 */
import type * as Y from 'yjs';
import { checkBrowserDocAccess, checkBrowserSession } from '$lib/sync/browser';
import { SyncRegistry, syncUrl, type DocHandle, type SyncRegistryOptions } from '$lib/sync/doc-registry';
import { browserNetwork } from '$lib/sync/network';
import type { DocStatus } from '$lib/sync/status';

/** Calls `watch(docId, status)` for every status of every document this registry opens. */
export class WatchedSyncRegistry extends SyncRegistry {
  readonly #watch: (docId: string, status: DocStatus) => void;
  /** Docs already watched: the registry reuses one Y.Doc per open document. */
  readonly #watched = new WeakSet<Y.Doc>();

  constructor(options: SyncRegistryOptions, watch: (docId: string, status: DocStatus) => void) {
    super(options);
    this.#watch = watch;
  }

  override open(docId: string): DocHandle {
    const handle = super.open(docId);
    if (!this.#watched.has(handle.doc)) {
      this.#watched.add(handle.doc);
      // The registry clears a doc's listeners when it closes it, so this needs no unsubscribe.
      handle.subscribe((status) => this.#watch(docId, status));
    }
    return handle;
  }
}

/** The registry for this tab, with the device store as its persistence. */
export function createDeviceRegistry(
  options: Pick<SyncRegistryOptions, 'user' | 'persistence' | 'closeDelayMs' | 'mayConnect'>,
  watch: (docId: string, status: DocStatus) => void
): WatchedSyncRegistry {
  return new WatchedSyncRegistry(
    {
      url: syncUrl(window.location),
      network: browserNetwork(window),
      checkSession: () => checkBrowserSession(),
      checkAccess: (docId) => checkBrowserDocAccess(docId),
      ...options
    },
    watch
  );
}
