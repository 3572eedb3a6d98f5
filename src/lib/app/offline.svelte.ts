/**
 * Offline readiness: keeps every document the user may open synced onto this device, so that it
 * is ready for a prison visit, and says so truthfully.
 *
 * A pull asks the server for the directory, then opens each document through the sync registry
 * (at most `concurrency` at a time), waits until the server has confirmed it (`saved`: synced,
 * nothing pending) and the device store has written everything received, and releases it.
 * Documents with local changes the server lacks are included, so they are sent too. A pull runs
 * after unlock, when the network comes back and every `intervalMs`.
 *
 * The time of the last complete pull and the documents it covered are stored (encrypted), so
 * that after a restart offline the app can still say "ready: all 12 documents synced at 14:32",
 * or how many it lacks.
 */
import type { DocHandle } from '$lib/sync/doc-registry';
import type { NetworkMonitor } from '$lib/sync/network';
import type { ReadinessRecord } from './device-records.ts';
import { countMissing, pullDocs } from './offline-pull.ts';

/** Documents pulled at the same time. */
export const DEFAULT_PULL_CONCURRENCY = 4;
/** A document that is not synced within this time counts as missing for this pull. */
export const DEFAULT_DOC_TIMEOUT_MS = 30_000;
/** Pull again this often while the device is unlocked and online. */
export const DEFAULT_PULL_INTERVAL_MS = 5 * 60_000;

export type ReadinessPhase =
  /** Not started (locked), or nothing known yet. */
  | 'idle'
  /** A pull is running: `done` of `total`. */
  | 'pulling'
  /** Every document the user may open is on the device, as of `syncedAt`. */
  | 'ready'
  /** `missing` documents are not (or not known to be) on the device. */
  | 'incomplete';

export interface ReadinessContext {
  registry: { open(docId: string): DocHandle; whenStored(): Promise<void> };
  /** Refreshes the directory from the server (throws when it cannot). */
  refreshDirectory(): Promise<void>;
  /** The case document ids the directory lists as on the server (not waiting to be sent). */
  listedDocIds(): string[];
  /** Documents with records on this device. */
  storedDocIds(): Promise<string[]>;
  /** Documents with local changes the server has not confirmed. */
  unsyncedDocIds(): string[];
  load(): Promise<ReadinessRecord | null>;
  save(record: ReadinessRecord): Promise<void>;
  network: NetworkMonitor;
  concurrency?: number;
  docTimeoutMs?: number;
  intervalMs?: number;
  now?: () => number;
}

export class OfflineReadiness {
  phase = $state<ReadinessPhase>('idle');
  /** Documents the user may open (as the directory lists them). */
  total = $state(0);
  /** Documents synced so far in the running pull. */
  done = $state(0);
  /** Documents not on the device, or not synced by the last pull. */
  missing = $state(0);
  /** Unix ms of the last complete pull, or null. */
  syncedAt = $state<number | null>(null);

  #context: ReadinessContext | null = null;
  #running: Promise<void> | null = null;
  /** Another pull is due once the running one ends. */
  #again = false;
  #listing = false;
  /** The documents the last pull (or the stored record) covered. */
  #covered: readonly string[] = [];
  #stop: (() => void)[] = [];
  #generation = 0;

  /** Shows what the device holds, then pulls when online and keeps pulling. */
  async start(context: ReadinessContext): Promise<void> {
    this.stop();
    const generation = this.#generation;
    this.#context = context;
    const record = await context.load();
    const stored = await context.storedDocIds();
    if (generation !== this.#generation) return;
    this.#assess(record, stored);
    const interval = setInterval(() => void this.pull(), context.intervalMs ?? DEFAULT_PULL_INTERVAL_MS);
    this.#stop.push(() => clearInterval(interval));
    this.#stop.push(
      context.network.subscribe((online) => {
        if (online) void this.pull();
      })
    );
    if (context.network.online) void this.pull();
  }

  /** Stops pulling and forgets what it knew (the device was locked). */
  stop(): void {
    this.#generation++;
    for (const stop of this.#stop.splice(0)) stop();
    this.#context = null;
    this.#running = null;
    this.#again = false;
    this.#covered = [];
    this.phase = 'idle';
    this.total = 0;
    this.done = 0;
    this.missing = 0;
    this.syncedAt = null;
  }

  /** Pulls every document now (shares a pull already running). Never throws. */
  pull(): Promise<void> {
    if (!this.#context) return Promise.resolve();
    this.#running ??= this.#pull(this.#context, this.#generation).finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        void this.pull();
      }
    });
    return this.#running;
  }

  /**
   * The directory changed: a document listed now that the last pull did not cover (a new
   * participant, a new team membership) is pulled at once, after a running pull if need be.
   */
  directoryChanged(): void {
    const context = this.#context;
    if (!context || !context.network.online) return;
    const listed = context.listedDocIds();
    if (this.#listing || listed.every((id) => this.#covered.includes(id))) return;
    if (this.#running) this.#again = true;
    else void this.pull();
  }

  #assess(record: ReadinessRecord | null, stored: readonly string[]): void {
    const context = this.#context;
    if (!context) return;
    const listed = context.listedDocIds();
    this.total = listed.length;
    this.#covered = [...(record?.docIds ?? []), ...stored];
    this.missing = countMissing({ listed, covered: record?.docIds ?? [], stored });
    this.syncedAt = record?.syncedAt ?? null;
    if (this.missing === 0 && record) this.phase = 'ready';
    else this.phase = listed.length === 0 && !record ? 'idle' : 'incomplete';
  }

  async #pull(context: ReadinessContext, generation: number): Promise<void> {
    if (!context.network.online) return;
    const current = () => generation === this.#generation;
    try {
      // Its own refresh changes the directory: not a reason for another pull.
      this.#listing = true;
      await context.refreshDirectory();
    } catch {
      // Could not reach the directory: keep what is known; the next pull tries again.
      return;
    } finally {
      this.#listing = false;
    }
    if (!current()) return;
    const listed = context.listedDocIds();
    const ids = [...listed, ...context.unsyncedDocIds().filter((id) => !listed.includes(id))];
    // Counted as covered from the start, so that directory changes during the pull do not
    // queue it again for these.
    this.#covered = listed;
    this.phase = 'pulling';
    this.total = listed.length;
    this.done = 0;
    const result = await pullDocs({
      ids,
      registry: context.registry,
      network: context.network,
      concurrency: context.concurrency ?? DEFAULT_PULL_CONCURRENCY,
      timeoutMs: context.docTimeoutMs ?? DEFAULT_DOC_TIMEOUT_MS,
      isCurrent: current,
      onSynced: (docId) => {
        if (current() && listed.includes(docId)) this.done++;
      }
    });
    if (!current()) return;
    if (!result.offline && result.failed.length === 0) {
      const record: ReadinessRecord = { syncedAt: (context.now ?? Date.now)(), docIds: listed };
      await context.save(record).catch(() => undefined);
      if (!current()) return;
      this.syncedAt = record.syncedAt;
      this.missing = 0;
      this.phase = 'ready';
    } else {
      const stored = await context.storedDocIds().catch((): string[] => []);
      if (!current()) return;
      this.missing = countMissing({ listed, stored, synced: result.synced, failed: result.failed });
      this.phase = this.missing === 0 && this.syncedAt !== null ? 'ready' : 'incomplete';
    }
  }
}

/** The app's offline readiness, started by the device session while the device is unlocked. */
export const readiness = new OfflineReadiness();
