/**
 * Prepared statements, made once per database and SQL text. better-sqlite3 compiles a statement
 * on every `prepare`; on the hot paths (resolving a session, checking a doc's ACL at every sync
 * upgrade) that cost more than running it.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

const caches = new WeakMap<Db, Map<string, Statement>>();

export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
