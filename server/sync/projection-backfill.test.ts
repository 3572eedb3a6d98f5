import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createCaseFile,
  startParticipation,
  type EditContext
} from '../../src/lib/domain/case-file/index.ts';
import { createLog } from '../log.ts';
import { migrate } from '../store/sqlite/database.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { ProjectionBackfill } from './projection-backfill.ts';
import type { Projection } from './projections.ts';

const NOW = Date.UTC(2025, 5, 4, 9);
const ctx: EditContext = { origin: 'test', actor: 'u1', now: new Date(NOW) };
const log = createLog('silent');

let store: SqliteStore;

beforeEach(() => {
  const db = new Database(':memory:');
  migrate(db);
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, password_hash, created_at)
     VALUES ('u1', 'w', 'W', 'worker', 'x', 1)`
  ).run();
  store = new SqliteStore(db);
});

afterEach(async () => {
  await store.close();
});

/** Participant number `n` (ids sort in creation order). */
const idOf = (n: number) => `01973a4e-0000-7000-8000-${String(n).padStart(12, '0')}`;

/**
 * Registers a participant and writes its case doc into the log the way the sync rooms do (one
 * row per update), without projecting it: the state a crash or a pre-migration-4 server left.
 */
async function writeCase(n: number, edit?: (doc: Y.Doc) => void): Promise<void> {
  const id = idOf(n);
  await store.directory.createParticipant({ id, displayName: `Rekisteröity ${n}`, createdBy: 'u1', at: 1 });
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  createCaseFile(doc, ctx, { displayName: `Nimi ${n}`, contactedOn: '2025-05-01', workPackages: ['TP1'] });
  edit?.(doc);
  await store.docLog.appendBatch(
    updates.map((update) => ({ docId: id, userId: 'u1', deviceId: null, at: NOW, update }))
  );
}

function run(options: { projections?: readonly Projection[]; pageSize?: number } = {}) {
  return new ProjectionBackfill({ store, log, now: () => NOW, ...options });
}

describe('ProjectionBackfill', () => {
  it('projects every case doc that was never projected, then marks it so the next start skips it', async () => {
    await writeCase(1);
    await writeCase(2, (doc) => startParticipation(doc, ctx, '2025-05-10'));
    // Registered, but nothing written yet: there is nothing to project.
    await store.directory.createParticipant({ id: idOf(3), displayName: 'Tyhjä', createdBy: 'u1', at: 1 });
    expect((await store.directory.participant(idOf(1)))!.projection).toBeNull();

    const result = await run({ pageSize: 1 }).done;

    expect(result).toMatchObject({ projected: 2, failed: 0, stopped: false });
    expect((await store.directory.participant(idOf(1)))!).toMatchObject({
      displayName: 'Nimi 1',
      projection: { status: 'contacted', workPackages: ['TP1'] }
    });
    expect((await store.directory.participant(idOf(2)))!.projection?.status).toBe('active');
    expect((await store.directory.participant(idOf(3)))!.projection).toBeNull();
    expect(await store.directory.unprojectedCases(null, 10)).toEqual([]);
    expect((await run().done).projected).toBe(0);
  });

  it('projects again a doc whose log grew past what was projected (a crash inside the debounce)', async () => {
    await writeCase(1);
    await run().done;
    // A later update reached the log, but its projection never ran.
    const doc = new Y.Doc();
    for (const row of await store.docLog.load(idOf(1))) Y.applyUpdate(doc, row.update);
    const before = Y.encodeStateVector(doc);
    startParticipation(doc, ctx, '2025-05-10');
    await store.docLog.appendBatch([
      { docId: idOf(1), userId: 'u1', deviceId: null, at: NOW, update: Y.encodeStateAsUpdate(doc, before) }
    ]);
    const [stale] = await store.directory.unprojectedCases(null, 10);
    expect(stale).toMatchObject({ participantId: idOf(1), docId: idOf(1) });

    expect((await run().done).projected).toBe(1);
    expect((await store.directory.participant(idOf(1)))!.projection?.status).toBe('active');
  });

  it('reads a compacted log (snapshot row first) the same way', async () => {
    await writeCase(1, (doc) => startParticipation(doc, ctx, '2025-05-10'));
    const doc = new Y.Doc();
    const rows = await store.docLog.load(idOf(1));
    for (const row of rows) Y.applyUpdate(doc, row.update);
    await store.docLog.compact(idOf(1), Y.encodeStateAsUpdate(doc), rows[rows.length - 1]!.seq);
    expect(await store.docLog.load(idOf(1))).toHaveLength(1);

    expect((await run().done).projected).toBe(1);
    expect((await store.directory.participant(idOf(1)))!.projection?.status).toBe('active');
  });

  it('leaves a doc whose projection fails unmarked (tried at the next start) and goes on with the rest', async () => {
    await writeCase(1);
    await writeCase(2);
    const failOnFirst: Projection = {
      name: 'fails-on-first',
      kinds: ['case'],
      async run({ record }) {
        if (record.docId === idOf(1)) throw new Error('boom');
      }
    };

    const result = await run({ projections: [failOnFirst] }).done;

    expect(result).toMatchObject({ projected: 1, failed: 1 });
    expect((await store.directory.unprojectedCases(null, 10)).map((c) => c.participantId)).toEqual([idOf(1)]);
  });

  it('marks a doc that is not a case file yet without projecting it, and does not load it again', async () => {
    await store.directory.createParticipant({
      id: idOf(1),
      displayName: 'Rekisteröity',
      createdBy: 'u1',
      at: 1
    });
    const doc = new Y.Doc();
    doc.getMap('scratch').set('k', 1);
    await store.docLog.appendBatch([
      { docId: idOf(1), userId: 'u1', deviceId: null, at: NOW, update: Y.encodeStateAsUpdate(doc) }
    ]);

    expect((await run().done).projected).toBe(1);
    expect((await store.directory.participant(idOf(1)))!.projection).toBeNull();
    expect(await store.directory.unprojectedCases(null, 10)).toEqual([]);
  });

  it('does not project a doc with a log row that cannot be applied, and logs no content', async () => {
    await writeCase(1);
    await store.docLog.appendBatch([
      { docId: idOf(1), userId: 'u1', deviceId: null, at: NOW, update: new Uint8Array([255, 255, 255, 255]) }
    ]);
    const result = await run().done;
    expect(result).toMatchObject({ projected: 0, failed: 1 });
    expect((await store.directory.participant(idOf(1)))!.projection).toBeNull();
  });

  it('yields to the event loop between docs, so the server answers requests meanwhile', async () => {
    for (let n = 1; n <= 5; n++) await writeCase(n);
    // A chain of setImmediate callbacks advances once per loop turn: one long task would let it
    // advance once or twice, a run that yields after every doc at least once per doc.
    let turns = 0;
    let finished = false;
    const tick = () => {
      if (finished) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const result = await run().done;
    finished = true;
    expect(result.projected).toBe(5);
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it('stop() ends the run after the doc in hand; the rest stay for the next start', async () => {
    for (let n = 1; n <= 4; n++) await writeCase(n);
    const backfill = run();
    await backfill.stop();
    const result = await backfill.done;
    expect(result.stopped).toBe(true);
    expect(result.projected).toBeLessThan(4);
    expect(await store.directory.unprojectedCases(null, 10)).toHaveLength(4 - result.projected);
  });
});
