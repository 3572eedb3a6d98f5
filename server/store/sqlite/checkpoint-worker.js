/**
 * The WAL checkpointer's thread (see checkpointer.ts). Plain JavaScript, so that it loads in
 * any runtime that runs the server, with or without a TypeScript loader.
 *
 * It opens its own connection to the database and copies committed WAL frames into the
 * database file with PASSIVE checkpoints, which never wait for and never block the server's
 * writer. The fsyncs a checkpoint makes happen here, not on the event loop that fans out edits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs } = /** @type {{ file: string; intervalMs: number }} */ (workerData);
const db = new Database(file, { fileMustExist: true });

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort?.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error)
    });
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage({ type: 'stopped' });
});
