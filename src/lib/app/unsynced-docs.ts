/**
 * Which documents hold local changes the server has not confirmed, remembered across restarts.
 *
 * The sync registry knows this only for the documents open now (their pending-changes ledger).
 * A document edited offline and then closed, or the whole app restarted offline, would be
 * forgotten — and logout or "remove my data" must refuse exactly then. So every status of every
 * open document is observed: a document with pending changes is marked, a document the server
 * confirmed (`saved`) is cleared, and the set is written (encrypted) to the device.
 *
 * A loaded document whose state the server has not yet been asked about (`unverified`) keeps
 * whatever mark it had: only the server can clear it.
 */
import type { DocStatus } from '$lib/sync/status';

/** Where the set is kept (the encrypted directory table in the app; memory in tests). */
export interface UnsyncedDocsStorage {
  load(): Promise<readonly string[]>;
  save(docIds: readonly string[]): Promise<void>;
}

export class UnsyncedDocs {
  readonly #ids: Set<string>;
  readonly #storage: UnsyncedDocsStorage;
  #writing: Promise<void> = Promise.resolve();
  #errors: unknown[] = [];

  private constructor(storage: UnsyncedDocsStorage, ids: Iterable<string>) {
    this.#storage = storage;
    this.#ids = new Set(ids);
  }

  /** Reads the remembered set. Throws what the storage throws (e.g. LockedError). */
  static async open(storage: UnsyncedDocsStorage): Promise<UnsyncedDocs> {
    return new UnsyncedDocs(storage, await storage.load());
  }

  /** Feeds one status of `docId` (call it for every status of every open document). */
  observe(docId: string, status: DocStatus): void {
    if (status.pending > 0) this.#set(docId, true);
    else if (status.kind === 'saved') this.#set(docId, false);
  }

  /** The marked documents, sorted. */
  list(): string[] {
    return [...this.#ids].sort();
  }

  has(docId: string): boolean {
    return this.#ids.has(docId);
  }

  /**
   * Resolves once every change of the set so far is written. Rejects with the first write
   * failure since the last call (the set in memory is still right; the next change retries).
   */
  async flush(): Promise<void> {
    await this.#writing;
    const [first] = this.#errors.splice(0);
    if (first !== undefined) throw first;
  }

  #set(docId: string, dirty: boolean): void {
    if (this.#ids.has(docId) === dirty) return;
    if (dirty) this.#ids.add(docId);
    else this.#ids.delete(docId);
    // Writes are chained so that an older set never overwrites a newer one.
    this.#writing = this.#writing.then(() =>
      this.#storage.save(this.list()).catch((error: unknown) => {
        this.#errors.push(error);
      })
    );
  }
}
