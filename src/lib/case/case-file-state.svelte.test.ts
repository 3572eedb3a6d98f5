import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addGoal, createCaseFile, addReferral, type EditContext } from '$lib/domain/case-file';
import { SyncRegistry } from '$lib/sync/doc-registry';
import { FakeSyncServer } from '$lib/sync/testing/fake-sync-server';
import { CaseFileState } from './case-file-state.svelte.ts';

/** A fresh case id per test: what a user has seen is remembered per case for the session. */
let caseNo = 0;
const nextCase = () => `0192f0e0-0000-7000-8000-0000000000${(++caseNo).toString().padStart(2, '0')}`;
const other: EditContext = {
  origin: 'other-device',
  actor: 'u-expert',
  now: new Date('2026-03-02T10:00:00Z')
};

let server: FakeSyncServer;
let registry: SyncRegistry;

beforeEach(() => {
  vi.useFakeTimers();
  // Node has no animation frames: a frame is the next timer turn.
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  server = new FakeSyncServer();
  registry = new SyncRegistry({
    url: 'ws://test/sync',
    WebSocketPolyfill: server.WebSocket,
    user: { id: 'u-worker', name: 'Olli Ohjaaja' }
  });
});

afterEach(async () => {
  await registry.destroy();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Opens the case as the worker, with a case file the server already holds. */
async function openSynced(): Promise<CaseFileState> {
  const seed = new Y.Doc();
  createCaseFile(seed, other, { displayName: 'Matti M.', contactedOn: '2026-03-01' });
  const cf = new CaseFileState(registry, nextCase(), 'u-worker');
  await vi.advanceTimersByTimeAsync(0);
  server.last.accept();
  server.relay(Y.encodeStateAsUpdate(seed));
  await vi.advanceTimersByTimeAsync(0);
  expect(cf.present).toBe(true);
  expect(cf.synced).toBe(true);
  return cf;
}

/** An edit made on the other person's device arrives through the server. */
function remoteEdit(cf: CaseFileState, edit: (doc: Y.Doc) => void): void {
  const theirs = new Y.Doc();
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(cf.doc));
  const before = Y.encodeStateVector(theirs);
  edit(theirs);
  server.relay(Y.encodeStateAsUpdate(theirs, before));
}

describe('CaseFileState', () => {
  it('writes through the mutators and returns their error instead of writing', async () => {
    const cf = await openSynced();
    expect(cf.run((doc, ctx) => addGoal(doc, ctx, { theme: 'housing', title: 'Oma asunto' }))).toBeNull();
    expect(cf.file.goals.map((g) => [g.title, g.createdBy])).toEqual([['Oma asunto', 'u-worker']]);
    const error = cf.run((doc, ctx) => addGoal(doc, ctx, { theme: 'housing', title: '' }));
    expect(error?.field).toBe('title');
    expect(cf.file.goals).toHaveLength(1);
    cf.destroy();
  });

  it('undoes and redoes only its own user’s edits', async () => {
    const cf = await openSynced();
    cf.run((doc, ctx) => addGoal(doc, ctx, { theme: 'housing', title: 'Minun' }));
    remoteEdit(cf, (doc) => addGoal(doc, other, { theme: 'work', title: 'Kallen' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(cf.file.goals.map((g) => g.title).sort()).toEqual(['Kallen', 'Minun']);
    expect(cf.canUndo).toBe(true);

    cf.undo();
    expect(cf.file.goals.map((g) => g.title)).toEqual(['Kallen']);
    expect(cf.canRedo).toBe(true);
    cf.redo();
    expect(cf.file.goals.map((g) => g.title).sort()).toEqual(['Kallen', 'Minun']);
    cf.destroy();
  });

  it('re-reads remote edits once per frame and marks sections changed while out of view', async () => {
    const cf = await openSynced();
    cf.setVisible('goals', true);
    remoteEdit(cf, (doc) => addGoal(doc, other, { theme: 'work', title: 'Näkyvissä' }));
    remoteEdit(cf, (doc) => addReferral(doc, other, { service: 'kela' }));
    // Not yet: the snapshot is read on the next frame, once for both updates.
    expect(cf.file.goals).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(cf.file.goals.map((g) => g.title)).toEqual(['Näkyvissä']);
    expect(cf.file.referrals).toHaveLength(1);
    // Goals were on screen (seen); referrals were not.
    expect(cf.changed).toEqual(['referrals']);
    cf.setVisible('referrals', true);
    expect(cf.changed).toEqual([]);
    cf.destroy();
  });

  it('never marks the user’s own edits as changed by others', async () => {
    const cf = await openSynced();
    // The user writes in a section on screen (where its form is).
    cf.setVisible('referrals', true);
    cf.run((doc, ctx) => addReferral(doc, ctx, { service: 'kela' }));
    cf.setVisible('referrals', false);
    expect(cf.changed).toEqual([]);
    cf.destroy();
  });
});
