/**
 * The sync endpoint speaks the standard y-websocket protocol: the stock WebsocketProvider syncs
 * with it, clients converge, offline edits merge on reconnect, and the server reports what it
 * has persisted.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { SESSION_COOKIE } from '../../src/lib/api/schemas.ts';
import type { SyncServer } from '../../server/sync/sync-server.ts';
import { createSyncExtension } from '../../server/sync/extension.ts';
import {
  createUser,
  setupAdmin,
  startTestServer,
  type ApiClient,
  type TestServer
} from '../helpers/test-server.ts';
import {
  covers,
  newCase,
  syncClient,
  textOf,
  upgradeStatus,
  waitPersisted,
  waitSynced,
  type SyncClient
} from './sync-support.ts';

let server: TestServer;
let sync: SyncServer;
let admin: ApiClient;
let workerToken: string;
let expertToken: string;
let worker: Awaited<ReturnType<typeof createUser>>;
let expert: Awaited<ReturnType<typeof createUser>>;
const clients: SyncClient[] = [];

function client(token: string, docId: string, options?: Parameters<typeof syncClient>[3]): SyncClient {
  const c = syncClient(server, token, docId, options);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startTestServer(
    {},
    { extensions: [createSyncExtension({ roomGraceMs: 50 }, (s) => (sync = s))] }
  );
  admin = await setupAdmin(server);
  worker = await createUser(server, admin, 'worker', 'worker');
  expert = await createUser(server, admin, 'expert', 'expert');
  workerToken = worker.client.token!;
  expertToken = expert.client.token!;
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  await server.stop();
});

describe('the stock WebsocketProvider', () => {
  it('syncs with a bearer token, and ignores the persisted extension (only logging it)', async () => {
    const docId = await newCase(worker.client);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const a = client(workerToken, docId, { trackPersisted: false });
      await waitSynced(a);
      a.doc.getText('t').insert(0, 'hei');
      const b = client(workerToken, docId, { trackPersisted: false });
      await waitSynced(b);
      await vi.waitFor(() => expect(textOf(b.doc)).toBe('hei'));
      await vi.waitFor(() => expect(errors).toHaveBeenCalled());
      // The only thing a stock client does with message type 100 is to log that it cannot.
      for (const call of errors.mock.calls) expect(call).toEqual(['Unable to compute message']);
    } finally {
      errors.mockRestore();
    }
  });

  it('two clients of different users converge on concurrent edits', async () => {
    const docId = await newCase(worker.client, { workers: [worker.id], experts: [expert.id] });
    const a = client(workerToken, docId);
    const b = client(expertToken, docId);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    for (let i = 0; i < 20; i++) {
      a.doc.getText('t').insert(0, 'a');
      b.doc.getText('t').insert(0, 'b');
      b.doc.getMap('m').set(`k${i % 3}`, i);
    }
    await vi.waitFor(() => {
      expect(textOf(a.doc)).toHaveLength(40);
      expect(textOf(b.doc)).toBe(textOf(a.doc));
      expect(b.doc.getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON());
    });
  });

  it('merges offline edits from both sides on reconnect (the server asks with its own SyncStep1)', async () => {
    const docId = await newCase(worker.client, { workers: [worker.id], experts: [expert.id] });
    const a = client(workerToken, docId);
    const b = client(expertToken, docId);
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.doc.getText('t').insert(0, 'base ');
    await vi.waitFor(() => expect(textOf(b.doc)).toBe('base '));

    a.provider.disconnect();
    b.provider.disconnect();
    a.doc.getText('t').insert(5, 'from-a ');
    b.doc.getText('t').insert(5, 'from-b ');
    b.doc.getMap('m').set('offline', true);

    // Only a reconnects first: the server learns a's edits because it sent its SyncStep1.
    a.provider.connect();
    await waitSynced(a);
    await waitPersisted(a);
    b.provider.connect();
    await waitSynced(b);
    await vi.waitFor(() => {
      expect(textOf(a.doc)).toBe(textOf(b.doc));
      expect(textOf(a.doc)).toContain('from-a');
      expect(textOf(a.doc)).toContain('from-b');
      expect(a.doc.getMap('m').get('offline')).toBe(true);
    });
  });

  it('loads the doc from the log after the room left memory', async () => {
    const docId = await newCase(worker.client);
    const a = client(workerToken, docId);
    await waitSynced(a);
    a.doc.getText('t').insert(0, 'kestää');
    await waitPersisted(a);
    a.destroy();
    await vi.waitFor(() => expect(sync.room(docId)).toBeUndefined());

    const b = client(workerToken, docId);
    await waitSynced(b);
    expect(textOf(b.doc)).toBe('kestää');
  });
});

describe('MESSAGE_PERSISTED', () => {
  it('reports a state vector covering the client once its edits are written, coalesced', async () => {
    const docId = await newCase(worker.client);
    const a = client(workerToken, docId);
    let messages = 0;
    const handler = a.provider.messageHandlers[100]!;
    a.provider.messageHandlers[100] = (...args) => {
      messages += 1;
      handler(...args);
    };
    await waitSynced(a);
    for (let i = 0; i < 200; i++) a.doc.getText('t').insert(0, 'x');
    await waitPersisted(a);
    expect(covers(a.persisted(), Y.encodeStateVector(a.doc))).toBe(true);
    // 200 edits, written in a few batches, acknowledged at most every 100 ms.
    expect(messages).toBeLessThan(20);
    const stored = await server.app.deps.store.docLog.history(docId, 1000);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((r) => r.userId === worker.id)).toBe(true);
  });
});

describe('the upgrade', () => {
  it('answers 401 without a valid session, 404 for an unknown doc, 403 without access', async () => {
    const docId = await newCase(worker.client);
    expect((await upgradeStatus(server, docId, {})).status).toBe(401);
    expect((await upgradeStatus(server, docId, { authorization: 'Bearer ' + 'x'.repeat(40) })).status).toBe(
      401
    );
    const unknown = await upgradeStatus(server, '0190f3f5-1c2b-7abc-8def-0123456789ab', {
      authorization: `Bearer ${workerToken}`
    });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ error: { code: 'not_found' } });
    expect(
      (await upgradeStatus(server, 'not a doc', { authorization: `Bearer ${workerToken}` })).status
    ).toBe(404);
    expect((await upgradeStatus(server, docId, { authorization: `Bearer ${expertToken}` })).status).toBe(403);
    expect((await upgradeStatus(server, docId, { authorization: `Bearer ${workerToken}` })).status).toBe(101);
  });

  it('accepts the session cookie from our own origin, and refuses it from another', async () => {
    const docId = await newCase(worker.client);
    const host = new URL(server.url).host;
    const cookie = `${SESSION_COOKIE}=${workerToken}`;
    expect((await upgradeStatus(server, docId, { cookie, origin: `http://${host}` })).status).toBe(101);
    expect((await upgradeStatus(server, docId, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    expect((await upgradeStatus(server, docId, { cookie: `${SESSION_COOKIE}=nope` })).status).toBe(401);
  });

  it('answers 403 to a coordinator not on the team and to an admin', async () => {
    const docId = await newCase(worker.client);
    const coordinator = await createUser(server, admin, `coord${Date.now()}`, 'coordinator');
    expect(
      (await upgradeStatus(server, docId, { authorization: `Bearer ${coordinator.client.token}` })).status
    ).toBe(403);
    expect((await upgradeStatus(server, docId, { authorization: `Bearer ${admin.token}` })).status).toBe(403);
  });

  it('logs each open in the audit log', async () => {
    const docId = await newCase(worker.client);
    const a = client(workerToken, docId);
    await waitSynced(a);
    const opens = (await server.app.deps.store.audit.list({ target: docId })).filter(
      (e) => e.action === 'doc.open'
    );
    expect(opens).toHaveLength(1);
    expect(opens[0]).toMatchObject({ userId: worker.id, target: docId });
  });
});
