import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import {
  BACKSTOP_AUTOCHECKPOINT_PAGES,
  Checkpointer,
  DEFAULT_AUTOCHECKPOINT_PAGES,
  WAL_SIZE_LIMIT_BYTES
} from './checkpointer.ts';
import { SqliteStore } from './sqlite-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('background checkpoints', () => {
  it('copy committed WAL pages into the database file from their own thread', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-ckpt-'));
    dirs.push(dir);
    const errors: string[] = [];
    const store = SqliteStore.open(dir, 'normal', { intervalMs: 20, onError: (m) => errors.push(m) });
    const file = path.join(dir, 'rinnalla.sqlite');
    // The server's own connection checkpoints only past the backstop.
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_AUTOCHECKPOINT_PAGES);
    const before = fs.statSync(file).size;
    store.db.exec('CREATE TABLE blobs (b BLOB)');
    const insert = store.db.prepare('INSERT INTO blobs (b) VALUES (?)');
    // 2 MiB in 200 commits: far below the backstop (≈ 40 MiB), so only the worker copies it.
    for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(10 * 1024, i));
    await expect.poll(() => fs.statSync(file).size, { timeout: 5000 }).toBeGreaterThan(before + 2_000_000);
    await store.close();
    expect(errors).toEqual([]);
    // Closed cleanly: the WAL was truncated by the final checkpoint.
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
  });

  it('cuts the WAL file back after a burst, once the checkpoints caught up', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-ckpt-'));
    dirs.push(dir);
    const store = SqliteStore.open(dir, 'normal', { intervalMs: 20, onError: () => {} });
    const file = path.join(dir, 'rinnalla.sqlite');
    store.db.exec('CREATE TABLE blobs (b BLOB)');
    const insert = store.db.prepare('INSERT INTO blobs (b) VALUES (?)');
    // A burst in one turn: the WAL grows past the limit before any checkpoint can run.
    const burst = WAL_SIZE_LIMIT_BYTES + 4 * 1024 * 1024;
    for (let i = 0; i < burst / (64 * 1024); i++) insert.run(Buffer.alloc(64 * 1024, i));
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES);
    // Once the thread has copied it all, the next commit restarts the log and cuts the file.
    await expect
      .poll(
        () => {
          insert.run(Buffer.alloc(16));
          return fs.statSync(`${file}-wal`).size;
        },
        { timeout: 10_000, interval: 50 }
      )
      .toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    await store.close();
  }, 15_000);

  it('a short-lived tool opens the store without the thread and with SQLite’s own checkpoints', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-ckpt-'));
    dirs.push(dir);
    const store = SqliteStore.open(dir);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.close();
  });

  it('a thread that cannot open the database reports why, hands checkpoints back to SQLite, and stopping it does not wait', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-ckpt-'));
    dirs.push(dir);
    const file = path.join(dir, 'gone.sqlite');
    const db = new Database(file);
    // Still open here, but no longer on disk: the thread's own connection cannot find it.
    fs.rmSync(file);
    const errors: string[] = [];
    const checkpointer = Checkpointer.start(db, { intervalMs: 20, onError: (m) => errors.push(m) });
    await expect.poll(() => errors.length, { timeout: 5000 }).toBeGreaterThan(0);
    // Without the thread, the server's connection checkpoints at SQLite's own mark again, not
    // only at the backstop (which would copy ≈ 40 MiB at once on the event loop).
    await expect
      .poll(() => db.pragma('wal_autocheckpoint', { simple: true }))
      .toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
    const started = performance.now();
    await checkpointer.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    db.close();
  });
});
