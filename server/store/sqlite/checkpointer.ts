/**
 * Background WAL checkpoints.
 *
 * In WAL mode a commit appends pages to the WAL; a checkpoint copies them into the database file
 * and fsyncs it. SQLite's automatic checkpoint runs inside the commit that crosses 1000 WAL
 * pages — on the thread that commits, which for the sync server is the event loop. Each update
 * writes ≈ 4–5 pages (the row, its index, the attribution row and its index), so a steady edit
 * stream met a 5–15 ms checkpoint every couple of hundred commits, and every room's broadcasts
 * waited behind it (docs/benchmarks.md).
 *
 * A worker thread with its own connection runs PASSIVE checkpoints every `intervalMs` instead.
 * The server's connection keeps an automatic checkpoint at a much higher mark only as a backstop:
 * under a steady stream of commits the thread's checkpoint rarely ends with no commit behind it,
 * so the WAL seldom restarts and grows to that mark (≈ 40 MiB), where the server's own
 * checkpoint copies the few pages the thread has not and the WAL starts over. If the thread
 * dies, the server goes back to SQLite's own mark.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from './database.ts';

/** WAL pages after which the committing connection checkpoints itself (≈ 40 MiB). */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * The WAL file is cut back to this size whenever the log restarts. Under a steady stream of
 * commits the passive checkpoints seldom catch up, so the file can grow towards the backstop
 * (≈ 40 MiB); without a limit it would keep that size on disk after the burst.
 */
export const WAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

/** SQLite's own mark, restored when the thread is gone. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface CheckpointerOptions {
  intervalMs: number;
  onError: (message: string) => void;
}

export class Checkpointer {
  private readonly exited: Promise<void>;
  private stopping: Promise<void> | undefined;

  private constructor(private readonly worker: Worker) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
  }

  /** Starts checkpointing the database that `db` has open. */
  static start(db: Db, options: CheckpointerOptions): Checkpointer {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    const worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), {
      workerData: { file: db.name, intervalMs: options.intervalMs }
    });
    const checkpointer = new Checkpointer(worker);
    worker.on('message', (message: { type: string; message?: string }) => {
      if (message.type === 'error') options.onError(message.message ?? 'checkpoint failed');
      if (message.type === 'stopped') void worker.terminate();
    });
    worker.on('error', (error) => options.onError(error.message));
    worker.once('exit', () => {
      // A thread that died (could not open the file, crashed) leaves the server's connection
      // with only the backstop: one checkpoint of ≈ 40 MiB on the event loop every 10 000 pages.
      // SQLite's own small checkpoints are the lesser stall.
      if (checkpointer.stopping || !db.open) return;
      db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      options.onError('the checkpoint thread stopped; the server checkpoints the WAL itself');
    });
    // Never what keeps the process alive.
    worker.unref();
    return checkpointer;
  }

  /** Stops the thread after its current checkpoint (its connection closed); at most `ms` waited. */
  stop(ms = 2000): Promise<void> {
    this.stopping ??= (async () => {
      this.worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
      await this.worker.terminate();
    })();
    return this.stopping;
  }
}
