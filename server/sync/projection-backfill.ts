/**
 * The start-up projection backfill. The sync rooms project a case doc into the register a moment
 * after its updates are persisted; a doc written before the register columns existed
 * (migration 4), or whose projection a crash cut short (inside the rooms' debounce), shows stale
 * or empty register fields until it is next edited. At start-up this module finds those docs
 * (`DirectoryStore.unprojectedCases`: log rows past the seq last projected here) and projects each
 * once.
 *
 * How it stays out of the way:
 * - It reads the update log directly into a private Y.Doc, never through the sync rooms, so it
 *   opens no room, writes no log row and sends nothing to clients. The rows are applied one by
 *   one inside ONE transaction: `Y.mergeUpdates` over thousands of small updates is far slower.
 * - One doc per event-loop turn (`setImmediate` between docs), asking the store in small pages,
 *   so the server answers HTTP and sync traffic meanwhile.
 * - A sync room may project the same doc at the same time; projections are idempotent, and the
 *   room's own run (after its next commit) is the later one, so the newer state wins.
 *
 * What it logs: counts and doc ids of failures only — never a name or anything read from a doc.
 */
import * as Y from 'yjs';
import type { Extension } from '../app.ts';
import type { Log } from '../log.ts';
import type { Store } from '../store/types.ts';
import { DEFAULT_PROJECTIONS, type Projection } from './projections.ts';

/** Participants asked from the store at a time. */
export const BACKFILL_PAGE_SIZE = 50;

export interface BackfillResult {
  /** Docs projected (all their projections succeeded). */
  projected: number;
  /** Docs left unmarked because a row or a projection failed; they are tried at the next start. */
  failed: number;
  /** True when {@link ProjectionBackfill.stop} ended the run early. */
  stopped: boolean;
  ms: number;
}

export interface BackfillOptions {
  store: Store;
  log: Log;
  projections?: readonly Projection[];
  pageSize?: number;
  /** The clock projections read (the next action is "as of today"). */
  now?: () => number;
}

/** Gives the event loop a turn: pending I/O callbacks (requests, sockets) run first. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One run of the backfill; {@link ProjectionBackfill.done} resolves when it has finished. */
export class ProjectionBackfill {
  readonly done: Promise<BackfillResult>;
  #stopping = false;

  constructor(private readonly options: BackfillOptions) {
    this.done = this.#run();
  }

  /** Ends the run after the doc in hand (for shutdown); resolves when it has ended. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.done;
  }

  async #run(): Promise<BackfillResult> {
    const { store, log } = this.options;
    const pageSize = this.options.pageSize ?? BACKFILL_PAGE_SIZE;
    const started = performance.now();
    let projected = 0;
    let failed = 0;
    let after: string | null = null;
    // Let the caller finish starting (listen) before the first query.
    await yieldToEventLoop();
    try {
      while (!this.#stopping) {
        const page = await store.directory.unprojectedCases(after, pageSize);
        for (const item of page) {
          if (this.#stopping) break;
          after = item.participantId;
          if (await this.#projectOne(item.docId, item.participantId)) projected++;
          else failed++;
          await yieldToEventLoop();
        }
        if (page.length < pageSize) break;
      }
    } catch (error) {
      // The store failed (e.g. closed under us): stop; what is left is tried at the next start.
      log.error({ err: error }, 'projection backfill stopped');
    }
    const result = {
      projected,
      failed,
      stopped: this.#stopping,
      ms: Math.round(performance.now() - started)
    };
    if (projected > 0 || failed > 0) log.info(result, 'projection backfill finished');
    return result;
  }

  /** Loads one doc from the log and runs its projections; true when all of them succeeded. */
  async #projectOne(docId: string, participantId: string): Promise<boolean> {
    const { store, log } = this.options;
    const record = await store.directory.doc(docId);
    if (!record) return false;
    const projections = (this.options.projections ?? DEFAULT_PROJECTIONS).filter((p) =>
      p.kinds.includes(record.kind)
    );
    const rows = await store.docLog.load(docId);
    const lastRow = rows[rows.length - 1];
    if (!lastRow) return false;
    const doc = new Y.Doc({ gc: true });
    try {
      let unreadable = false;
      doc.transact(() => {
        for (const row of rows) {
          try {
            Y.applyUpdate(doc, row.update);
          } catch {
            // The room would have refused to load it too; project nothing half-read.
            unreadable = true;
            return;
          }
        }
      });
      if (unreadable) {
        log.error({ docId }, 'projection backfill: a log row of the doc could not be applied');
        return false;
      }
      let ok = true;
      const now = (this.options.now ?? Date.now)();
      for (const p of projections) {
        try {
          await p.run({ doc, record, store, now });
        } catch (error) {
          ok = false;
          // Projection errors carry the doc id only (see DirectoryProjectionError).
          log.error({ err: error, docId, projection: p.name }, 'projection backfill: projection failed');
        }
      }
      // The doc held exactly the rows up to the last one read: that is what was projected.
      if (ok) await store.directory.markProjected(participantId, lastRow.seq);
      return ok;
    } finally {
      doc.destroy();
    }
  }
}

/**
 * The backfill as an app extension: starts when the app is built (after the migrations), runs
 * beside the server, and is stopped by `app.close()` before the database closes.
 */
export function createProjectionBackfillExtension(
  overrides: Omit<BackfillOptions, 'store' | 'log'> = {},
  onStarted?: (backfill: ProjectionBackfill) => void
): Extension {
  return (deps) => {
    const backfill = new ProjectionBackfill({ store: deps.store, log: deps.log, ...overrides });
    onStarted?.(backfill);
    return {
      // Not an upgrade handler: it only needs the app's close to stop it.
      handleUpgrade: () => false,
      close: () => backfill.stop()
    };
  };
}

export const projectionBackfillExtension: Extension = createProjectionBackfillExtension();
