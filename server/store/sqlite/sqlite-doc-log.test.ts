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
