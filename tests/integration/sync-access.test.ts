/**
 * Access on the sync endpoint after the upgrade: read-only connections, revocation (disabled
 * user, ended session, removed from the team) closing sockets within a second, and awareness
 * bound to the authenticated user.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  CLOSE_FORBIDDEN,
  CLOSE_UNAUTHORIZED,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS
} from '../../src/lib/api/sync-protocol.ts';
import { createSyncExtension } from '../../server/sync/extension.ts';
import { READ_ONLY_REASON } from '../../server/sync/room.ts';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import {
  ApiClient,
  createUser,
  setupAdmin,
  startTestServer,
  type TestServer
} from '../helpers/test-server.ts';
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

type User = Awaited<ReturnType<typeof createUser>>;

let server: TestServer;
let admin: ApiClient;
let worker: User;
let colleague: User;
let expert: User;
let counter = 0;
const clients: SyncClient[] = [];
const raws: RawClient[] = [];

function client(token: string, docId: string): SyncClient {
  const c = syncClient(server, token, docId);
  clients.push(c);
  return c;
}

async function raw(token: string, docId: string): Promise<RawClient> {
  const r = await rawClient(server, token, docId);
  raws.push(r);
  return r;
}

/** A fresh user with their own session, so revoking it touches nothing else. */
async function freshUser(role: 'worker' | 'expert'): Promise<User> {
  counter += 1;
  return createUser(server, admin, `${role}${counter}`, role);
}

/** Resolves with the close code and the ms from `start` to the close. */
async function closeWithin(r: RawClient, start: number): Promise<{ code: number; ms: number }> {
  const { code } = await r.closed;
  return { code, ms: performance.now() - start };
}

beforeAll(async () => {
  server = await startTestServer(
    {},
    { extensions: [createSyncExtension({ roomGraceMs: 50, livenessIntervalMs: 100 })] }
  );
  admin = await setupAdmin(server);
  worker = await createUser(server, admin, 'worker', 'worker');
  colleague = await createUser(server, admin, 'colleague', 'worker');
  expert = await createUser(server, admin, 'expert', 'expert');
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const r of raws.splice(0)) r.ws.terminate();
});
afterAll(async () => {
  await server.stop();
});

describe('a read-only connection (a reader on the team)', () => {
  it('receives updates and sends presence, but its updates are dropped with a permission message', async () => {
    const docId = await newCase(worker.client, {
      workers: [worker.id],
      experts: [],
      readers: [colleague.id]
    });
    const writer = client(worker.client.token!, docId);
    const reader = client(colleague.client.token!, docId);
    const denied: string[] = [];
    reader.provider.messageHandlers[MESSAGE_AUTH] = (_e, decoder) => {
      expect(decoding.readVarUint(decoder)).toBe(0);
      denied.push(decoding.readVarString(decoder));
    };
    await Promise.all([waitSynced(writer), waitSynced(reader)]);

    writer.doc.getText('t').insert(0, 'writer');
    await vi.waitFor(() => expect(textOf(reader.doc)).toBe('writer'));

    reader.doc.getText('t').insert(0, 'reader ');
    reader.provider.awareness.setLocalStateField('user', { name: 'x', color: '#abcdef' });
    await vi.waitFor(() => expect(denied).toEqual([READ_ONLY_REASON]));
    // Presence still flows from the reader.
    await vi.waitFor(() =>
      expect(writer.provider.awareness.getStates().get(reader.doc.clientID)).toBeDefined()
    );

    writer.doc.getText('t').insert(6, '!');
    await waitPersisted(writer);
    expect(textOf(writer.doc)).toBe('writer!');
    // Nothing from the reader reached the log.
    const history = await server.app.deps.store.docLog.history(docId);
    expect(history.every((h) => h.userId === worker.id)).toBe(true);
  });

  it('answers a raw update frame with the y-protocols auth message', async () => {
    const docId = await newCase(worker.client, {
      workers: [worker.id],
      experts: [],
      readers: [colleague.id]
    });
    const r = await raw(colleague.client.token!, docId);
    const edit = new Y.Doc();
    edit.getText('t').insert(0, 'sneaky');
    r.send(updateFrame(Y.encodeStateAsUpdate(edit)));
    await vi.waitFor(() => expect(r.frames.some((f) => f[0] === MESSAGE_AUTH)).toBe(true));
    const auth = decoding.createDecoder(r.frames.find((f) => f[0] === MESSAGE_AUTH)!);
    decoding.readVarUint(auth);
    expect(decoding.readVarUint(auth)).toBe(0);
    expect(decoding.readVarString(auth)).toBe(READ_ONLY_REASON);
    expect(r.ws.readyState).toBe(r.ws.OPEN);
  });

  it('becomes writable and back when the team changes, without reconnecting', async () => {
    const docId = await newCase(worker.client, {
      workers: [worker.id],
      experts: [],
      readers: [colleague.id]
    });
    const c = client(colleague.client.token!, docId);
    await waitSynced(c);
    expect(
      (
        await worker.client.put(`/api/participants/${docId}/team`, {
          workers: [worker.id, colleague.id],
          experts: []
        })
      ).status
    ).toBe(200);
    // Wait until the server has applied the new access, by observing the effect of an edit.
    c.doc.getText('t').insert(0, 'now I may');
    await waitPersisted(c);
    expect(c.provider.wsconnected).toBe(true);
  });
});

describe('revocation', () => {
  it('closes a disabled user’s socket with 4401 within a second', async () => {
    const u = await freshUser('worker');
    const docId = await newCase(u.client);
    const r = await raw(u.client.token!, docId);
    const start = performance.now();
    expect((await admin.patch(`/api/users/${u.id}`, { disabled: true })).status).toBe(200);
    const { code, ms } = await closeWithin(r, start);
    expect(code).toBe(CLOSE_UNAUTHORIZED);
    expect(ms).toBeLessThan(1000);
  });

  it('closes the socket of a session that logs out with 4401 within a second, and only that one', async () => {
    const u = await freshUser('worker');
    const docId = await newCase(u.client);
    const other = new ApiClient(server.url);
    other.token = (await other.post('/api/session', { username: `worker${counter}`, password: u.password }))
      .body.token as string;
    const r = await raw(u.client.token!, docId);
    const stays = await raw(other.token, docId);
    const start = performance.now();
    expect((await u.client.delete('/api/session')).status).toBe(204);
    const { code, ms } = await closeWithin(r, start);
    expect(code).toBe(CLOSE_UNAUTHORIZED);
    expect(ms).toBeLessThan(1000);
    expect(stays.ws.readyState).toBe(stays.ws.OPEN);
  });

  it('closes with 4401 when an admin revokes the session', async () => {
    const u = await freshUser('expert');
    const docId = await newCase(worker.client, { workers: [worker.id], experts: [u.id] });
    const r = await raw(u.client.token!, docId);
    const sessions = (await admin.get('/api/sessions')).body as { id: string; userId: string }[];
    const start = performance.now();
    expect((await admin.delete(`/api/sessions/${sessions.find((s) => s.userId === u.id)!.id}`)).status).toBe(
      204
    );
    const { code, ms } = await closeWithin(r, start);
    expect(code).toBe(CLOSE_UNAUTHORIZED);
    expect(ms).toBeLessThan(1000);
  });

  it('closes with 4403 within a second when the user is taken off the team; the others stay', async () => {
    const u = await freshUser('expert');
    const docId = await newCase(worker.client, { workers: [worker.id], experts: [u.id] });
    const r = await raw(u.client.token!, docId);
    const stays = await raw(worker.client.token!, docId);
    const start = performance.now();
    expect(
      (await worker.client.put(`/api/participants/${docId}/team`, { workers: [worker.id], experts: [] }))
        .status
    ).toBe(200);
    const { code, ms } = await closeWithin(r, start);
    expect(code).toBe(CLOSE_FORBIDDEN);
    expect(ms).toBeLessThan(1000);
    expect(stays.ws.readyState).toBe(stays.ws.OPEN);
    // And the upgrade now refuses them.
    await expect(rawClient(server, u.client.token!, docId)).rejects.toThrow('403');
  });

  it('closes with 4401 once the session expires, found by the periodic check', async () => {
    const u = await freshUser('worker');
    const docId = await newCase(u.client);
    const r = await raw(u.client.token!, docId);
    const db = (server.app.deps.store as SqliteStore).db;
    db.prepare('UPDATE sessions SET expires_at = ? WHERE user_id = ?').run(Date.now() - 1, u.id);
    expect((await r.closed).code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('closes with 4403 when an admin makes the user an admin', async () => {
    const u = await freshUser('worker');
    const docId = await newCase(u.client);
    const r = await raw(u.client.token!, docId);
    expect((await admin.patch(`/api/users/${u.id}`, { role: 'admin' })).status).toBe(200);
    expect((await r.closed).code).toBe(CLOSE_FORBIDDEN);
  });
});

describe('awareness', () => {
  it('is bound to the connection’s user: a client cannot present itself as someone else', async () => {
    const docId = await newCase(worker.client, { workers: [worker.id], experts: [expert.id] });
    const spoofer = client(worker.client.token!, docId);
    const witness = client(expert.client.token!, docId);
    await Promise.all([waitSynced(spoofer), waitSynced(witness)]);
    witness.provider.awareness.setLocalStateField('user', { name: 'Expert', color: '#00ff00' });
    spoofer.provider.awareness.setLocalStateField('user', {
      id: expert.id,
      name: 'expert (test)',
      color: '#123456'
    });
    spoofer.provider.awareness.setLocalStateField('cursor', { at: 3 });
    await vi.waitFor(() => {
      const seen = witness.provider.awareness.getStates().get(spoofer.doc.clientID);
      expect(seen).toEqual({
        user: { id: worker.id, name: 'worker (test)', color: '#123456' },
        cursor: { at: 3 }
      });
    });
    await vi.waitFor(() =>
      expect(spoofer.provider.awareness.getStates().get(witness.doc.clientID)?.user).toEqual({
        id: expert.id,
        name: 'expert (test)',
        color: '#00ff00'
      })
    );
  });

  it('drops updates for client ids another connection owns', async () => {
    const docId = await newCase(worker.client, { workers: [worker.id], experts: [expert.id] });
    const victim = client(expert.client.token!, docId);
    const watcher = client(worker.client.token!, docId);
    await Promise.all([waitSynced(victim), waitSynced(watcher)]);
    victim.provider.awareness.setLocalStateField('user', { color: '#0000ff' });
    const victimId = victim.doc.clientID;
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().get(victimId)).toBeDefined());

    // An attacker replays the victim's client id with higher clocks: a new state, then a removal.
    const attacker = await raw(worker.client.token!, docId);
    attacker.send(
      awarenessFrame([
        { clientId: victimId, clock: 9999, state: { user: { name: 'forged' } } },
        { clientId: victimId, clock: 10_000, state: null }
      ])
    );
    // A marker from the victim, sent after the forged frame, shows the server has handled it.
    victim.provider.awareness.setLocalStateField('marker', 1);
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().get(victimId)?.marker).toBe(1));
    expect(watcher.provider.awareness.getStates().get(victimId)?.user).toMatchObject({ id: expert.id });
  });

  it('removes the state of a connection that drops without saying goodbye', async () => {
    const docId = await newCase(worker.client, { workers: [worker.id], experts: [expert.id] });
    const watcher = client(worker.client.token!, docId);
    await waitSynced(watcher);
    const leaver = await raw(expert.client.token!, docId);
    leaver.send(awarenessFrame([{ clientId: 424242, clock: 1, state: { user: { color: '#ff0000' } } }]));
    await vi.waitFor(() =>
      expect(watcher.provider.awareness.getStates().get(424242)?.user).toMatchObject({ id: expert.id })
    );
    leaver.ws.terminate();
    await vi.waitFor(() => expect(watcher.provider.awareness.getStates().has(424242)).toBe(false));
  });
});

function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}
