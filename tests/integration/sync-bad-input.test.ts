/**
 * Bad input on the sync endpoint closes only the connection that sent it, with a clear close
 * code, and never reaches the update log; the room and the other clients carry on.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_BAD_MESSAGE, MESSAGE_SYNC } from '../../src/lib/api/sync-protocol.ts';
import { createSyncExtension } from '../../server/sync/extension.ts';
import type { SyncServer } from '../../server/sync/sync-server.ts';
import { createUser, setupAdmin, startTestServer, type TestServer } from '../helpers/test-server.ts';
import {
  newCase,
  rawClient,
  syncClient,
  textOf,
  updateFrame,
  waitPersisted,
  waitSynced,
  type RawClient,
  type SyncClient
} from './sync-support.ts';

const LIMIT = 64 * 1024;

let server: TestServer;
let sync: SyncServer;
let token: string;
let worker: Awaited<ReturnType<typeof createUser>>;
const clients: SyncClient[] = [];
const raws: RawClient[] = [];

beforeAll(async () => {
  server = await startTestServer(
    { MAX_SYNC_MESSAGE_BYTES: String(LIMIT) },
    { extensions: [createSyncExtension({ roomGraceMs: 50 }, (s) => (sync = s))] }
  );
  const admin = await setupAdmin(server);
  worker = await createUser(server, admin, 'worker', 'worker');
  token = worker.client.token!;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of raws.splice(0)) r.ws.terminate();
});
afterAll(async () => {
  await server.stop();
});

/** A healthy pair of clients on the doc, and a check that they still sync afterwards. */
async function bystanders(docId: string) {
  const a = syncClient(server, token, docId);
  const b = syncClient(server, token, docId);
  clients.push(a, b);
  await Promise.all([waitSynced(a), waitSynced(b)]);
  a.doc.getText('t').insert(0, 'before ');
  await vi.waitFor(() => expect(textOf(b.doc)).toBe('before '));
  return {
    async stillSync(word: string) {
      a.doc.getText('t').insert(0, word);
      await vi.waitFor(() => expect(textOf(b.doc)).toBe(textOf(a.doc)));
      await waitPersisted(a);
      expect(textOf(b.doc).startsWith(word)).toBe(true);
      expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    }
  };
}

function syncFrame(subType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, subType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

async function rowsOf(docId: string): Promise<number> {
  return (await server.app.deps.store.docLog.history(docId, 100_000)).length;
}

describe('bad input', () => {
  const cases: [string, () => Uint8Array | string][] = [
    ['a truncated frame', () => new Uint8Array([MESSAGE_SYNC, 2, 50, 1, 2])],
    ['an unknown sync message type', () => syncFrame(7, new Uint8Array([0]))],
    ['an update that does not decode', () => updateFrame(new Uint8Array([5, 200, 1, 9, 9, 9, 9, 9]))],
    ['a SyncStep1 whose state vector does not decode', () => syncFrame(0, new Uint8Array([3, 1]))],
    ['an awareness update that is not JSON', () => new Uint8Array([1, 5, 1, 7, 1, 2, 123, 123])],
    ['a text frame', () => 'hello']
  ];

  for (const [name, frame] of cases) {
    it(`closes only the sender with ${CLOSE_BAD_MESSAGE} on ${name}`, async () => {
      const docId = await newCase(worker.client);
      const others = await bystanders(docId);
      const rows = await rowsOf(docId);
      const bad = await rawClient(server, token, docId);
      raws.push(bad);
      bad.ws.send(frame());
      expect((await bad.closed).code).toBe(CLOSE_BAD_MESSAGE);
      await others.stillSync('after ');
      // The bystanders' edit is the only new row: nothing from the bad frame was logged.
      expect(await rowsOf(docId)).toBe(rows + 1);
    });
  }

  it('closes only the sender with 1009 on a frame over the size limit', async () => {
    const docId = await newCase(worker.client);
    const others = await bystanders(docId);
    const big = new Y.Doc();
    big.getText('t').insert(0, 'x'.repeat(LIMIT + 10));
    const bad = await rawClient(server, token, docId);
    raws.push(bad);
    bad.send(updateFrame(Y.encodeStateAsUpdate(big)));
    expect((await bad.closed).code).toBe(1009);
    await others.stillSync('after ');
    expect(textOf(sync.room(docId)!.readDoc())).not.toContain('xxxx');
  });

  it('takes an update just under the limit', async () => {
    const docId = await newCase(worker.client);
    const a = syncClient(server, token, docId);
    clients.push(a);
    await waitSynced(a);
    a.doc.getText('t').insert(0, 'y'.repeat(LIMIT - 200));
    await waitPersisted(a);
    expect(a.provider.wsconnected).toBe(true);
  });
});
