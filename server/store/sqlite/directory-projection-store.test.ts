import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './database.ts';
import { MIGRATIONS } from './migrations.ts';
import { SqliteStore } from './sqlite-store.ts';

const ID = '01973a4e-0000-7000-8000-000000000002';

describe('migration 4: projected register fields', () => {
  it('keeps the participants of a version-3 database, unprojected until their doc is next written', async () => {
    const db = new Database(':memory:');
    for (const [i, sql] of MIGRATIONS.slice(0, 3).entries()) {
      db.exec(sql);
      db.pragma(`user_version = ${i + 1}`);
    }
    db.prepare(
      `INSERT INTO users (id, username, display_name, role, password_hash, created_at)
       VALUES ('u1', 'w', 'W', 'worker', 'x', 1)`
    ).run();
    db.prepare(
      `INSERT INTO participants (id, display_name, alias, created_by, created_at, updated_at)
       VALUES (?, 'Vanha', NULL, 'u1', 1, 1)`
    ).run(ID);
    migrate(db);
    const store = new SqliteStore(db);
    const [p] = await store.directory.listParticipants();
    expect(p).toMatchObject({ id: ID, displayName: 'Vanha', projection: null });

    const projection = {
      status: 'returned' as const,
      workPackages: ['TP2' as const, 'TP1' as const],
      releaseDate: null,
      nextActionDate: '2025-07-01',
      nextActionKind: 'follow-up' as const
    };
    expect(await store.directory.updateParticipantProjection(ID, projection, 5)).toBe(true);
    expect(await store.directory.updateParticipantProjection(ID, projection, 6)).toBe(false);
    expect(await store.directory.updateParticipantProjection('no-such-id', projection, 6)).toBe(false);
    expect((await store.directory.participant(ID))!).toMatchObject({
      updatedAt: 5,
      projection: { ...projection, workPackages: ['TP1', 'TP2'] }
    });
    // The schema itself refuses a status outside the vocabulary.
    expect(() => db.prepare(`UPDATE participants SET status = 'lost' WHERE id = ?`).run(ID)).toThrow(/CHECK/);
    await store.close();
  });
});
