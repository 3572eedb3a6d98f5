/**
 * Rooms that serve a doc's encoded state (server/sync/doc-state.ts): a doc loaded from its
 * snapshot is not built into a Y.Doc until someone changes it, and a doc nobody changes for a
 * while goes back to its bytes. Also: "persisted" goes only to the connections that sent
 * something.
 */
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_PERSISTED } from '../../src/lib/api/sync-protocol.ts';
import { createSyncExtension } from '../../server/sync/extension.ts';
import type { SyncOptions, SyncServer } from '../../server/sync/sync-server.ts';
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
  const client = (doc?: Y.Doc) => {
    const c = syncClient(server, worker.client.token!, docId, doc ? { doc } : {});
    clients.push(c);
    return c;
  };
  return { server, sync: () => sync, docId, client };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('a room serving its encoded state', () => {
  it('serves a snapshot without building the doc, builds it for a change, and goes back to bytes when quiet', async () => {
    const { server, sync, docId, client } = await start({ docIdleMs: 300 });
    const a = client();
    await waitSynced(a);
    const text = a.doc.getText('t');
    text.insert(0, 'Vapautuminen maanantaina klo 8');
    await turn();
    // A deletion, so that every reconnect of `a` repeats a delete set to the server.
    text.delete(0, 'Vapautuminen '.length);
    await waitPersisted(a);
    a.provider.disconnect();

    // Left memory: compacted into one snapshot row that keeps its state vector.
    await vi.waitFor(() => expect(sync().stats().rooms).toBe(0));
    const rows = await server.app.deps.store.docLog.load(docId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.kind).toBe('snapshot');
    expect(rows[0]!.stateVector).toEqual(Y.encodeStateVector(a.doc));

    // A fresh device pulls it; the room stays encoded.
    const b = client();
    await waitSynced(b);
    expect(textOf(b.doc)).toBe('maanantaina klo 8');
    expect(sync().room(docId)!.live).toBe(false);

    // The first device comes back with its delete set: nothing new, still encoded.
    a.provider.connect();
    await waitSynced(a);
    await waitPersisted(a);
    expect(sync().room(docId)!.live).toBe(false);

    // A change builds the doc and reaches the other device.
    b.doc.getText('t').insert(0, 'Vapautuu ');
    await vi.waitFor(() => expect(textOf(a.doc)).toBe('Vapautuu maanantaina klo 8'));
    expect(sync().room(docId)!.live).toBe(true);
    await waitPersisted(b);

    // Quiet for docIdleMs: back to bytes, with the log compacted into one snapshot.
    await vi.waitFor(() => expect(sync().room(docId)!.live).toBe(false), { timeout: 5000 });
    const after = await server.app.deps.store.docLog.load(docId);
    expect(after.map((r) => r.kind)).toEqual(['snapshot']);
    expect(after[0]!.stateVector).toEqual(Y.encodeStateVector(b.doc));
    const c = client();
    await waitSynced(c);
    expect(textOf(c.doc)).toBe('Vapautuu maanantaina klo 8');

    // And a change after that builds it again.
    c.doc.getText('t').insert(c.doc.getText('t').length, '.');
    await vi.waitFor(() => expect(textOf(a.doc)).toBe('Vapautuu maanantaina klo 8.'));
    await waitPersisted(c);
    expect(sync().room(docId)!.readDoc().getText('t').toString()).toBe('Vapautuu maanantaina klo 8.');
  });

  it('reports "persisted" only to the connections that sent changes', async () => {
    const { client } = await start();
    const editor = client();
    const watcher = client();
    let watcherPersisted = 0;
    watcher.provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
      decoding.readVarUint8Array(decoder);
      watcherPersisted += 1;
    };
    await Promise.all([waitSynced(editor), waitSynced(watcher)]);
    // The answer to its SyncStep1 tells the watcher where persistence stands.
    await vi.waitFor(() => expect(watcherPersisted).toBeGreaterThan(0));
    const before = watcherPersisted;
    let editorPersisted = 0;
    const track = editor.provider.messageHandlers[MESSAGE_PERSISTED]!;
    editor.provider.messageHandlers[MESSAGE_PERSISTED] = (...args) => {
      editorPersisted += 1;
      track(...args);
    };
    // Five edits, each waited for: with the 100 ms pacing the editor hears of each one.
    for (let i = 0; i < 5; i++) {
      editor.doc.getText('t').insert(0, String(i));
      await waitPersisted(editor);
    }
    await vi.waitFor(() => expect(textOf(watcher.doc)).toBe('43210'));
    expect(editorPersisted).toBeGreaterThanOrEqual(5);
    // The watcher sent nothing: at most the paced second answer of its own handshake is left.
    expect(watcherPersisted - before).toBeLessThanOrEqual(1);
  });
});
