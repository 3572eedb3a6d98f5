/** Opens the SQLite database in WAL mode and brings its schema up to date. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

/**
 * How hard a commit waits for the disk (decision D8 in docs/decisions.md):
 * - `normal` (default): in WAL mode a commit has reached the operating system when it returns,
 *   so a crash of the server process (kill -9) loses nothing; the WAL is fsynced at checkpoints.
 *   Only an OS crash or power loss can lose the last few seconds of commits.
 * - `full`: every commit fsyncs the WAL before it returns, so even power loss loses nothing, at
 *   the price of one fsync (2–40 ms here) on the event loop per group commit.
 */
export type Durability = 'normal' | 'full';

/**
 * SQLite's page cache, in KiB (a negative cache_size). better-sqlite3 builds with 16 MiB; the
 * pages a sync server touches are the tail of the update log and the rows of the docs being
 * loaded, and the OS page cache holds the rest of the file, so 4 MiB is plenty and leaves
 * 12 MiB of resident memory to the documents.
 */
const PAGE_CACHE_KIB = 4096;

export function openDatabase(
  dataDir: string,
  options: { fileName?: string; durability?: Durability } = {}
): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(path.join(dataDir, options.fileName ?? 'rinnalla.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database schema (version ${current}) is newer than this server (version ${MIGRATIONS.length}). Upgrade the server.`
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
