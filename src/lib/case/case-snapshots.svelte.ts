/**
 * Snapshots of the case files the user has, for the register's columns and the home view's
 * reminders. Each case doc is opened through the registry in the background (at most
 * `SNAPSHOT_CONCURRENCY` at a time), read once it has synced with the server (or as it is when
 * the server cannot be reached), and released again. An open case page also feeds its live
 * snapshot here, so the lists follow edits without reopening.
 *
 * Memory only for now: once the device engineer's background pull lands, the docs come from the
 * device store and these snapshots work after a reload offline too.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { CaseFile } from '$lib/domain/case-file';
import { readCaseFile } from '$lib/domain/case-file';
import type { DocHandle, SyncRegistry } from '$lib/sync/doc-registry';

/** Docs opened at once while reading snapshots: enough to be quick, few enough for a tablet. */
export const SNAPSHOT_CONCURRENCY = 3;
/** Give up waiting for one doc's sync after this long and read what it has. */
export const SNAPSHOT_WAIT_MS = 8_000;

/** Resolves when the handle is synced with the server, stopped, offline, or after `ms`. */
function settled(handle: DocHandle, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let stop: (() => void) | null = null;
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stop?.();
      stop = null;
      resolve();
    }
    void handle.ready.then(() => {
      stop = handle.subscribe((s) => {
        if (['saved', 'unsaved', 'offline', 'forbidden', 'error', 'session-expired'].includes(s.kind)) {
          // `offline` right after opening only means "not yet connected" while the network is up.
          if (s.kind === 'offline' && navigator.onLine) return;
          queueMicrotask(done);
        }
      });
    });
  });
}

export class CaseSnapshots {
  /** Case id → latest snapshot read on this device in this session. */
  readonly files = new SvelteMap<string, CaseFile>();
  /** Reading the docs in the background. */
  loading = $state(false);
  #userId: string | null = null;
  #run = 0;

  forUser(userId: string): this {
    if (this.#userId !== userId) {
      this.#userId = userId;
      this.files.clear();
      this.#run++;
    }
    return this;
  }

  /** An open case page reports its live snapshot. */
  put(caseId: string, file: CaseFile): void {
    this.files.set(caseId, file);
  }

  /**
   * Reads the given cases (those the user is on the team of) through the registry. A newer call
   * supersedes an older one. Never throws.
   */
  async load(registry: SyncRegistry, caseIds: readonly string[]): Promise<void> {
    const run = ++this.#run;
    const queue = [...caseIds];
    this.loading = true;
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined && run === this.#run; id = queue.shift()) {
        let handle: DocHandle;
        try {
          handle = registry.open(id);
        } catch {
          continue;
        }
        try {
          await settled(handle, SNAPSHOT_WAIT_MS);
          if (run !== this.#run) return;
          const file = readCaseFile(handle.doc);
          // An empty doc (not yet synced, no access) says nothing: keep an older snapshot.
          if (file.meta.createdAt !== null) this.files.set(id, file);
        } finally {
          handle.release();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SNAPSHOT_CONCURRENCY, queue.length) }, worker));
    if (run === this.#run) this.loading = false;
  }
}

/** The app's one snapshot cache. */
export const caseSnapshots = new CaseSnapshots();
