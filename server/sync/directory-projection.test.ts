import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ROOT,
  addStep,
  addGoal,
  createCaseFile,
  startParticipation,
  updateReleasePath,
  type EditContext
} from '../../src/lib/domain/case-file/index.ts';
import { migrate } from '../store/sqlite/database.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { DocRecord } from '../store/types.ts';
import {
  DirectoryProjectionError,
  participantRegisterProjection,
  readRegisterFields
} from './directory-projection.ts';

const TODAY = '2025-06-04';
const NOW = Date.UTC(2025, 5, 4, 9);
const DOC_ID = '01973a4e-0000-7000-8000-000000000001';
const ctx: EditContext = { origin: 'test', actor: 'worker-1', now: new Date(NOW) };

function caseDoc(): Y.Doc {
  const doc = new Y.Doc();
  createCaseFile(doc, ctx, {
    displayName: 'Salainen Nimi',
    contactedOn: '2025-05-01',
    workPackages: ['TP3', 'TP1']
  });
  return doc;
}

/**
 * The same content in a doc the domain readers cannot read: there `episodes` was defined as a map
 * first, so reading it as the array it is throws.
 */
function unreadable(source: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap(ROOT.episodes);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  return doc;
}

describe('readRegisterFields', () => {
  it('reads status, work packages in their order, release date and the next action', () => {
    const doc = caseDoc();
    expect(readRegisterFields(doc, DOC_ID, TODAY)).toEqual({
      status: 'contacted',
      workPackages: ['TP1', 'TP3'],
      releaseDate: null,
      nextActionDate: null,
      nextActionKind: null
    });
    startParticipation(doc, ctx, '2025-05-10');
    updateReleasePath(doc, ctx, { releaseDate: '2025-06-20' });
    const goal = addGoal(doc, ctx, { theme: 'housing', title: 'Asunto' });
    addStep(doc, ctx, goal, { text: 'Hakemus', owner: 'worker', dueDate: '2025-06-10' });
    expect(readRegisterFields(doc, DOC_ID, TODAY)).toEqual({
      status: 'active',
      workPackages: ['TP1', 'TP3'],
      releaseDate: '2025-06-20',
      nextActionDate: '2025-06-10',
      nextActionKind: 'step'
    });
  });

  it('leaves a doc that is not a case file yet alone', () => {
    const doc = new Y.Doc();
    doc.getMap(ROOT.profile).set('displayName', 'Vain nimi');
    expect(readRegisterFields(doc, DOC_ID, TODAY)).toBeNull();
  });

  it('fails on an unreadable doc with the doc id only, never its content', () => {
    let error: unknown;
    try {
      readRegisterFields(unreadable(caseDoc()), DOC_ID, TODAY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DirectoryProjectionError);
    const e = error as DirectoryProjectionError;
    expect(e.code).toBe('unreadable_case_doc');
    expect(e.message).toContain(DOC_ID);
    expect(e.message).not.toContain('Salainen');
    expect(e.cause).toBeUndefined();
  });
});

describe('participantRegisterProjection', () => {
  let store: SqliteStore;
  let record: DocRecord;

  beforeEach(async () => {
    const db = new Database(':memory:');
    migrate(db);
    store = new SqliteStore(db);
    await store.users.create({
      id: 'worker-1',
      username: 'w',
      displayName: 'W',
      role: 'worker',
      passwordHash: 'x'
    });
    await store.directory.createParticipant({
      id: DOC_ID,
      displayName: 'Rekisteröity',
      createdBy: 'worker-1',
      at: 1
    });
    record = (await store.directory.doc(DOC_ID))!;
  });
  afterEach(async () => {
    await store.close();
  });

  it('writes the fields, and keeps them when a later state cannot be read', async () => {
    const doc = caseDoc();
    updateReleasePath(doc, ctx, { releaseDate: '2025-06-20' });
    await participantRegisterProjection.run({ doc, record, store, now: NOW });
    const projected = {
      status: 'contacted',
      workPackages: ['TP1', 'TP3'],
      releaseDate: '2025-06-20',
      nextActionDate: '2025-06-20',
      nextActionKind: 'release'
    };
    expect((await store.directory.participant(DOC_ID))!.projection).toEqual(projected);

    await expect(
      participantRegisterProjection.run({ doc: unreadable(doc), record, store, now: NOW + 1 })
    ).rejects.toBeInstanceOf(DirectoryProjectionError);
    const after = (await store.directory.participant(DOC_ID))!;
    expect(after.projection).toEqual(projected);
    expect(after.updatedAt).toBe(NOW);
  });

  it('touches the row only when a value changes', async () => {
    const doc = caseDoc();
    await participantRegisterProjection.run({ doc, record, store, now: NOW });
    await participantRegisterProjection.run({ doc, record, store, now: NOW + 1000 });
    expect((await store.directory.participant(DOC_ID))!.updatedAt).toBe(NOW);
    startParticipation(doc, ctx, TODAY);
    await participantRegisterProjection.run({ doc, record, store, now: NOW + 2000 });
    const row = (await store.directory.participant(DOC_ID))!;
    expect(row.updatedAt).toBe(NOW + 2000);
    expect(row.projection?.status).toBe('active');
  });
});
