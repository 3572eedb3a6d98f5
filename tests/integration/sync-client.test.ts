/**
 * The client sync layer (src/lib/sync) against the real server: two registries act as two
 * devices, each with its own device store (in memory) and its own user.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_PERSISTED } from '../../src/lib/api/sync-protocol.ts';
import { SyncRegistry, type DocHandle, type WebSocketClass } from '../../src/lib/sync/doc-registry.ts';
import { ManualNetwork } from '../../src/lib/sync/network.ts';
import { presentUsers } from '../../src/lib/sync/presence.ts';
import type { DocStatus } from '../../src/lib/sync/status.ts';
import { MemoryPersistence } from '../../src/lib/sync/testing/memory-persistence.ts';
import {
  createUser,
  setupAdmin,
  startTestServer,
  type ApiClient,
  type TestServer
} from '../helpers/test-server.ts';
import { newCase } from './sync-support.ts';

type User = Awaited<ReturnType<typeof createUser>>;

let server: TestServer;
let admin: ApiClient;
let worker: User;
let expert: User;
let outsider: User;
const registries: SyncRegistry[] = [];

/** A `ws` WebSocket that sends the current bearer token on every upgrade (it changes on re-login). */
function bearerSocket(token: () => string): WebSocketClass {
  return class BearerWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { authorization: `Bearer ${token()}` } });
    }
  } as unknown as WebSocketClass;
}

interface Device {
  registry: SyncRegistry;
  persistence: MemoryPersistence;
  network: ManualNetwork;
}

function device(user: User, name = user.id): Device {
  const persistence = new MemoryPersistence();
  const network = new ManualNetwork(true);
  const registry = new SyncRegistry({
    url: `${server.wsUrl}/sync`,
    WebSocketPolyfill: bearerSocket(() => user.client.token ?? ''),
    persistence,
    network,
    user: { id: user.id, name },
    closeDelayMs: 50,
    maxBackoffMs: 500
  });
  registries.push(registry);
  return { registry, persistence, network };
}

const WAIT = { timeout: 10_000, interval: 10 };

async function waitKind(handle: DocHandle, kind: DocStatus['kind']): Promise<void> {
  await vi.waitFor(() => expect(handle.status.kind).toBe(kind), WAIT);
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setupAdmin(server);
  worker = await createUser(server, admin, 'worker', 'worker');
  expert = await createUser(server, admin, 'expert', 'expert');
  outsider = await createUser(server, admin, 'outsider', 'worker');
});
afterEach(async () => {
  for (const r of registries.splice(0)) await r.destroy();
});
afterAll(async () => {
  await server.stop();
});

async function sharedCase(): Promise<string> {
  return newCase(worker.client, { workers: [worker.id], experts: [expert.id] });
}

describe('sync client against the real server', () => {
  it('two devices converge', async () => {
    const docId = await sharedCase();
    const a = device(worker).registry.open(docId);
    const b = device(expert).registry.open(docId);
    await Promise.all([waitKind(a, 'saved'), waitKind(b, 'saved')]);
    a.doc.getText('t').insert(0, 'worker writes. ');
    b.doc.getMap('plan').set('goal', 'a flat of my own');
    await vi.waitFor(() => {
      expect(b.doc.getText('t').toString()).toBe('worker writes. ');
      expect(a.doc.getMap('plan').get('goal')).toBe('a flat of my own');
    }, WAIT);
    await Promise.all([waitKind(a, 'saved'), waitKind(b, 'saved')]);
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));
  });

  it('says saved only after a persisted message covers the edits', async () => {
    const docId = await sharedCase();
    const a = device(worker).registry.open(docId);
    await waitKind(a, 'saved');
    // Record every persisted vector before the registry's own handler sees it.
    let persisted = new Map<number, number>();
    const registryHandler = a.provider.messageHandlers[MESSAGE_PERSISTED];
    a.provider.messageHandlers[MESSAGE_PERSISTED] = (encoder, decoder, ...rest) => {
      persisted = Y.decodeStateVector(decoding.readVarUint8Array(decoding.clone(decoder)));
      registryHandler?.(encoder, decoder, ...rest);
    };
    const seen: { kind: string; covered: boolean }[] = [];
    a.subscribe((s) => {
      const local = Y.decodeStateVector(Y.encodeStateVector(a.doc));
      const covered = [...local].every(([client, clock]) => (persisted.get(client) ?? 0) >= clock);
      seen.push({ kind: s.kind, covered });
    });
    for (let i = 0; i < 20; i++) a.doc.getText('t').insert(i, String(i % 10));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ kind: 'saved', covered: true }), WAIT);
    const firstUnsaved = seen.findIndex((s) => s.kind === 'unsaved');
    expect(firstUnsaved).toBeGreaterThanOrEqual(0);
    for (const s of seen.slice(firstUnsaved)) if (s.kind === 'saved') expect(s.covered).toBe(true);
  });

  it('counts offline edits as not on the server, and reaches zero after reconnecting', async () => {
    const docId = await sharedCase();
    const dev = device(worker);
    const other = device(expert).registry.open(docId);
    const a = dev.registry.open(docId);
    await Promise.all([waitKind(a, 'saved'), waitKind(other, 'saved')]);

    dev.network.set(false);
    await waitKind(a, 'offline');
    const text = a.doc.getText('t');
    text.insert(0, 'in the prison meeting room');
    text.insert(0, '1) ');
    a.doc.getMap('plan').set('step', 'call the housing office');
    text.delete(0, 3); // a delete-only edit: confirmed by the server's delete set
    expect(a.status).toMatchObject({ kind: 'offline', pending: 4 });
    expect(dev.registry.status).toMatchObject({ kind: 'offline', pending: 4 });

    dev.network.set(true);
    await waitKind(a, 'saved');
    expect(a.status.pending).toBe(0);
    await vi.waitFor(
      () => expect(other.doc.getText('t').toString()).toBe('in the prison meeting room'),
      WAIT
    );
    expect(other.doc.getMap('plan').get('step')).toBe('call the housing office');
  });

  it('after a reload, device edits the server lacks are unsaved until it has them', async () => {
    const docId = await sharedCase();
    const first = device(worker);
    const a = first.registry.open(docId);
    await waitKind(a, 'saved');
    first.network.set(false);
    a.doc.getText('t').insert(0, 'written offline, then the tablet restarted');
    await first.registry.whenStored();
    await first.registry.destroy();

    // The same device store, a new session: the server has never seen that edit.
    const second = device(worker);
    second.persistence.records.set(docId, [...(first.persistence.records.get(docId) ?? [])]);
    second.network.set(false);
    const b = second.registry.open(docId);
    await b.ready;
    expect(b.doc.getText('t').toString()).toBe('written offline, then the tablet restarted');
    expect(b.status).toMatchObject({ kind: 'offline', unverified: true });
    second.network.set(true);
    await waitKind(b, 'saved');
    const reader = device(expert).registry.open(docId);
    await vi.waitFor(
      () => expect(reader.doc.getText('t').toString()).toBe('written offline, then the tablet restarted'),
      WAIT
    );
  });

  it('on logout (4401) flags sessionExpired, keeps the local edit, and resume() sends it', async () => {
    const docId = await sharedCase();
    // A user of their own: logging out ends their session for the rest of the suite.
    const username = 'leaver';
    const user = await createUser(server, admin, username, 'worker');
    const team = { workers: [worker.id, user.id], experts: [expert.id] };
    expect((await worker.client.put(`/api/participants/${docId}/team`, team)).status).toBe(200);
    const dev = device(user);
    const a = dev.registry.open(docId);
    await waitKind(a, 'saved');

    expect((await user.client.delete('/api/session')).status).toBe(204);
    await vi.waitFor(() => expect(dev.registry.sessionExpired).toBe(true), WAIT);
    expect(a.status.kind).toBe('session-expired');
    expect(dev.registry.status.kind).toBe('session-expired');

    a.doc.getText('t').insert(0, 'typed after the session ended');
    expect(a.status).toMatchObject({ kind: 'session-expired', pending: 1 });
    await dev.registry.whenStored();
    expect(dev.persistence.docOf(docId).getText('t').toString()).toBe('typed after the session ended');

    const login = await user.client.post('/api/session', { username, password: user.password });
    expect(login.status).toBe(200);
    user.client.token = login.body.token as string;
    dev.registry.resume();
    await waitKind(a, 'saved');
    expect(dev.registry.sessionExpired).toBe(false);
    const reader = device(expert).registry.open(docId);
    await vi.waitFor(
      () => expect(reader.doc.getText('t').toString()).toBe('typed after the session ended'),
      WAIT
    );
  });

  it('marks a doc the user may not open as forbidden, and an unknown one as an error', async () => {
    const docId = await sharedCase();
    const dev = device(outsider);
    const denied = dev.registry.open(docId);
    await waitKind(denied, 'forbidden');
    const unknown = dev.registry.open('0192f0e0-0000-7000-8000-00000000dead');
    await waitKind(unknown, 'error');
    expect(unknown.status.errorCode).toBe(404);
    expect(dev.registry.status).toMatchObject({ forbidden: 1, errors: 1 });
  });

  it('shows who is here by the server-bound name, not a name the client claims', async () => {
    const docId = await sharedCase();
    const a = device(worker, 'Someone Else Entirely').registry.open(docId);
    const b = device(expert, 'Expert Claimed Name').registry.open(docId);
    await Promise.all([waitKind(a, 'saved'), waitKind(b, 'saved')]);
    await vi.waitFor(() => {
      const users = presentUsers(b.awareness.getStates(), b.doc.clientID);
      const others = users.filter((u) => !u.self);
      expect(others.map((u) => [u.id, u.name])).toEqual([[worker.id, 'worker (test)']]);
    }, WAIT);
  });
});
