/**
 * Encoded rooms (server/sync/doc-state.ts) at their edges: a deletion that extends an earlier
 * one is the update `contains` could most easily mistake for "nothing new", and a snapshot row
 * written before migration 6 has no stored state vector.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSyncExtension } from '../../server/sync/extension.ts';
import type { SyncOptions, SyncServer } from '../../server/sync/sync-server.ts';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { createUser, setupAdmin, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { newCase, syncClient, textOf, waitPersisted, waitSynced, type SyncClient } from './sync-support.ts';

const servers: TestServer[] = [];
const clients: SyncClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
});

async function start(options: Partial<SyncOptions> = {}) {
  let sync!: SyncServer;
  const server = await startTestServer(
    {},
    { extensions: [createSyncExtension({ roomGraceMs: 30, ...options }, (s) => (sync = s))] }
  );
  servers.push(server);
  const admin = await setupAdmin(server);
  const worker = await createUser(server, admin, 'worker', 'worker');
  const docId = await newCase(worker.client);
  const client = () => {
    const c = syncClient(server, worker.client.token!, docId);
    clients.push(c);
    return c;
  };
  return { server, sync: () => sync, docId, client };
}

/** The doc the update log replays to. */
async function logged(server: TestServer, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const row of await server.app.deps.store.docLog.load(docId)) Y.applyUpdate(doc, row.update);
  return doc;
}

describe('encoded rooms at their edges', () => {
  it('a deletion next to an earlier one, sent to an encoded room, is written and reaches the others', async () => {
    const { server, sync, docId, client } = await start();
    const a = client();
    await waitSynced(a);
    const text = a.doc.getText('t');
    text.insert(0, 'Vapautuminen maanantaina');
    await waitPersisted(a);
    text.delete(0, 3);
    // A deletion moves no clock: wait for the log to hold it.
    await vi.waitFor(async () => expect(textOf(await logged(server, docId))).toBe('autuminen maanantaina'));
    a.provider.disconnect();
    await vi.waitFor(() => expect(sync().stats().rooms).toBe(0));

    const b = client();
    await waitSynced(b);
    a.provider.connect();
    await waitSynced(a);
    expect(sync().room(docId)!.live).toBe(false);

    // The next three characters of the same insert: a delete set that only extends one we hold.
    text.delete(0, 3);
    await vi.waitFor(() => expect(textOf(b.doc)).toBe('uminen maanantaina'));
    await vi.waitFor(async () => expect(textOf(await logged(server, docId))).toBe('uminen maanantaina'));
  });

  it('serves and edits a snapshot row stored before migration 6, without a state vector', async () => {
    const { server, sync, docId, client } = await start();
    const a = client();
    await waitSynced(a);
    a.doc.getText('t').insert(0, 'Tapaaminen torstaina');
    a.doc.getText('t').delete(0, 'Tapaaminen '.length);
    await waitPersisted(a);
    a.provider.disconnect();
    await vi.waitFor(() => expect(sync().stats().rooms).toBe(0));
    const { db } = server.app.deps.store as SqliteStore;
    expect(db.prepare('UPDATE doc_updates SET state_vector = NULL WHERE doc_id = ?').run(docId).changes).toBe(
      1
    );

    const b = client();
    await waitSynced(b);
    expect(textOf(b.doc)).toBe('torstaina');
    expect(sync().room(docId)!.live).toBe(false);
    b.doc.getText('t').insert(0, 'Ryhmä ');
    await waitPersisted(b);
    a.provider.connect();
    await vi.waitFor(() => expect(textOf(a.doc)).toBe('Ryhmä torstaina'));
    expect(textOf(await logged(server, docId))).toBe('Ryhmä torstaina');
  });

  it('a frozen room leaves memory without another compaction, and comes back from its snapshot', async () => {
    const { server, sync, docId, client } = await start({ docIdleMs: 200, roomGraceMs: 300 });
    const a = client();
    await waitSynced(a);
    a.doc.getText('t').insert(0, 'Jälkihoito');
    await waitPersisted(a);
    a.doc.getText('t').insert(0, 'Sovittu: ');
    await waitPersisted(a);
    await vi.waitFor(() => expect(sync().room(docId)!.live).toBe(false), { timeout: 5000 });
    const frozen = await server.app.deps.store.docLog.load(docId);
    expect(frozen.map((r) => r.kind)).toEqual(['snapshot']);
    const compactions = sync().stats().compaction.count;

    a.provider.disconnect();
    await vi.waitFor(() => expect(sync().stats().rooms).toBe(0));
    expect(sync().stats().compaction.count).toBe(compactions);
    expect(await server.app.deps.store.docLog.load(docId)).toEqual(frozen);

    const b = client();
    await waitSynced(b);
    expect(textOf(b.doc)).toBe('Sovittu: Jälkihoito');
    expect(sync().room(docId)!.live).toBe(false);
  });
});
