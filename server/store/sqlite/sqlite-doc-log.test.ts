/**
 * Migration 6 (`doc_updates.state_vector`) on a database written before it: snapshot rows that
 * have no stored state vector still load, a room's doc state parses them, and the next
 * compaction stores the vector beside the snapshot.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocState } from '../../sync/doc-state.ts';
import { openDatabase } from './database.ts';
import { MIGRATIONS } from './migrations.ts';
import { SqliteDocLog } from './sqlite-doc-log.ts';

/** The schema version before the state vector column. */
const BEFORE_STATE_VECTORS = 5;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  doc.getText('t').delete(0, 2);
  return doc;
}

describe('SqliteDocLog across migration 6', () => {
  it('loads a snapshot written before state vectors were stored, and stores one at the next compaction', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-m6-'));
    dirs.push(dir);
    const file = path.join(dir, 'rinnalla.sqlite');
    const doc = docWith('Vapautuu maanantaina');
    const snapshot = Y.encodeStateAsUpdate(doc);
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, BEFORE_STATE_VECTORS)) old.exec(sql);
    old.pragma(`user_version = ${BEFORE_STATE_VECTORS}`);
    old
      .prepare(`INSERT INTO docs (doc_id, kind, participant_id, created_at) VALUES ('g1', 'group', NULL, 0)`)
      .run();
    old
      .prepare(`INSERT INTO doc_updates (doc_id, seq, kind, data) VALUES ('g1', 7, 'snapshot', ?)`)
      .run(snapshot);
    old.close();

    const db = openDatabase(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const log = new SqliteDocLog(db);
      const [row, ...rest] = await log.load('g1');
      expect(rest).toEqual([]);
      expect(row).toMatchObject({ seq: 7, kind: 'snapshot', stateVector: null });
      expect(Buffer.from(row!.update).equals(Buffer.from(snapshot))).toBe(true);

      // The room's doc state learns the vector from the bytes.
      const state = new DocState(row!.update, row!.stateVector);
      expect(state.stateVector()).toEqual(Y.encodeStateVector(doc));
      expect(state.contains(Y.encodeStateAsUpdate(doc))).toBe(true);

      await log.compact('g1', snapshot, 7, Y.encodeStateVector(doc));
      const [again] = await log.load('g1');
      expect(again!.stateVector).toEqual(Y.encodeStateVector(doc));
    } finally {
      db.close();
    }
  });
});

/** The schema version before update rows carried their own attribution. */
const BEFORE_ROW_ATTRIBUTION = 6;

describe('SqliteDocLog attribution (migration 7)', () => {
  const entry = (docId: string, userId: string, at: number, size: number) => ({
    docId,
    userId,
    deviceId: `device-of-${userId}`,
    at,
    update: new Uint8Array(size)
  });

  it('appends one row per update, keeps every attribution through compaction, and mixes in rows written before 7', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-m7-'));
    dirs.push(dir);
    const file = path.join(dir, 'rinnalla.sqlite');
    // Written by a server before migration 7: the bytes in doc_updates, the attribution in meta.
    const old = new Database(file);
    for (const sql of MIGRATIONS.slice(0, BEFORE_ROW_ATTRIBUTION)) old.exec(sql);
    old.pragma(`user_version = ${BEFORE_ROW_ATTRIBUTION}`);
    old
      .prepare(`INSERT INTO docs (doc_id, kind, participant_id, created_at) VALUES ('g1', 'group', NULL, 0)`)
      .run();
    for (const seq of [1, 2]) {
      old
        .prepare(`INSERT INTO doc_updates (doc_id, seq, kind, data) VALUES ('g1', ?, 'update', x'00')`)
        .run(seq);
      old
        .prepare(
          `INSERT INTO doc_update_meta (doc_id, seq, user_id, device_id, at, size) VALUES ('g1', ?, 'old', NULL, ?, 1)`
        )
        .run(seq, seq * 10);
    }
    old.close();

    const db = openDatabase(dir);
    try {
      const log = new SqliteDocLog(db);
      const metaRows = () =>
        (db.prepare(`SELECT COUNT(*) AS n FROM doc_update_meta WHERE doc_id = 'g1'`).get() as { n: number })
          .n;
      // Numbering continues after the old rows; the new rows carry their attribution themselves.
      expect(await log.appendBatch([entry('g1', 'anna', 30, 3), entry('g1', 'ville', 40, 4)])).toEqual([
        3, 4
      ]);
      expect(metaRows()).toBe(2);
      const who = async () => (await log.history('g1')).map((h) => [h.seq, h.userId, h.at, h.size]);
      expect(await who()).toEqual([
        [4, 'ville', 40, 4],
        [3, 'anna', 30, 3],
        [2, 'old', 20, 1],
        [1, 'old', 10, 1]
      ]);
      expect((await log.history('g1', 2)).map((h) => h.seq)).toEqual([4, 3]);

      // Compaction folds rows 1–3 into a snapshot at 3 and moves their attribution to meta.
      await log.compact('g1', new Uint8Array([0, 0]), 3);
      expect((await log.load('g1')).map((r) => [r.seq, r.kind])).toEqual([
        [3, 'snapshot'],
        [4, 'update']
      ]);
      expect(metaRows()).toBe(3);
      expect(await who()).toEqual([
        [4, 'ville', 40, 4],
        [3, 'anna', 30, 3],
        [2, 'old', 20, 1],
        [1, 'old', 10, 1]
      ]);
      // The next seq follows the log's last row, not the snapshot's.
      expect(await log.appendBatch([entry('g1', 'anna', 50, 5)])).toEqual([5]);
      await log.compact('g1', new Uint8Array([0, 0]), 5);
      expect(await log.appendBatch([entry('g1', 'anna', 60, 6)])).toEqual([6]);
      expect((await who()).map(([seq]) => seq)).toEqual([6, 5, 4, 3, 2, 1]);
      expect(metaRows()).toBe(5);
    } finally {
      db.close();
    }
  });
});
