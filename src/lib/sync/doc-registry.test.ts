import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import {
  CLOSE_BAD_MESSAGE,
  CLOSE_FORBIDDEN,
  CLOSE_MESSAGE_TOO_BIG,
  CLOSE_TOO_LARGE,
  CLOSE_UNAUTHORIZED,
  MESSAGE_PERSISTED,
  MESSAGE_SYNC
} from '../api/sync-protocol.ts';
import {
  FORBIDDEN_RECHECK_MS,
  SyncRegistry,
  SyncRegistryError,
  syncUrl,
  type DocAccessCheck,
  type SyncRegistryOptions
} from './doc-registry.ts';
import { ManualNetwork } from './network.ts';
import { colorFor } from './presence.ts';
import { FakeSyncServer } from './testing/fake-sync-server.ts';
import { MemoryPersistence } from './testing/memory-persistence.ts';

const DOC = '0192f0e0-0000-7000-8000-000000000001';
const OTHER = '0192f0e0-0000-7000-8000-000000000002';

let server: FakeSyncServer;
let registries: SyncRegistry[];

function registry(options: Partial<SyncRegistryOptions> = {}): SyncRegistry {
  const r = new SyncRegistry({ url: 'ws://test/sync', WebSocketPolyfill: server.WebSocket, ...options });
  registries.push(r);
  return r;
}

/** Lets queued microtasks (socket frames, store promises) run under fake timers. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeSyncServer();
  registries = [];
});

afterEach(async () => {
  for (const r of registries) await r.destroy();
  vi.useRealTimers();
});

describe('SyncRegistry: opening and closing', () => {
  it('shares one doc between handles and closes the socket only after the delay', async () => {
    const reg = registry({ closeDelayMs: 10_000 });
    const a = reg.open(DOC);
    const b = reg.open(DOC);
    expect(b.doc).toBe(a.doc);
    expect(b.provider).toBe(a.provider);
    await settle();
    expect(server.sockets).toHaveLength(1);
    server.last.accept();
    await settle();
    expect(a.status.kind).toBe('saved');

    a.release();
    a.release(); // idempotent: must not release b's hold
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reg.openDocIds()).toEqual([DOC]);

    b.release();
    await vi.advanceTimersByTimeAsync(9_999);
    expect(reg.openDocIds()).toEqual([DOC]);
    expect(server.last.readyState).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reg.openDocIds()).toEqual([]);
    expect(server.last.readyState).toBe(3);
    expect(reg.status.kind).toBe('idle');
  });

  it('cancels the delayed close when the doc is opened again', async () => {
    const reg = registry({ closeDelayMs: 1_000 });
    const a = reg.open(DOC);
    await settle();
    server.last.accept();
    a.release();
    await vi.advanceTimersByTimeAsync(500);
    const b = reg.open(DOC);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(b.doc).toBe(a.doc);
    expect(server.sockets).toHaveLength(1);
    expect(server.last.readyState).toBe(1);
  });

  it('without a device store, keeps a released doc open until the server has its edits', async () => {
    const reg = registry({ closeDelayMs: 1_000 });
    const a = reg.open(DOC);
    await settle();
    server.last.accept();
    await settle();
    server.autoPersist = false;
    a.doc.getText('t').insert(0, 'only in memory');
    a.release();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reg.openDocIds()).toEqual([DOC]);
    server.persisted();
    await settle();
    expect(reg.openDocIds()).toEqual([]);
    expect(server.doc.getText('t').toString()).toBe('only in memory');
  });

  it('with a device store, closes an offline doc with unsent edits but waits while connected', async () => {
    const persistence = new MemoryPersistence();
    const network = new ManualNetwork(true);
    const reg = registry({ persistence, network, closeDelayMs: 1_000 });
    const a = reg.open(DOC);
    await a.ready;
    server.last.accept();
    await settle();
    server.autoPersist = false;
    a.doc.getText('t').insert(0, 'sent, not yet confirmed');
    a.release();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reg.openDocIds()).toEqual([DOC]);

    network.set(false);
    await settle();
    expect(reg.openDocIds()).toEqual([]);
    expect(persistence.docOf(DOC).getText('t').toString()).toBe('sent, not yet confirmed');
  });

  it('refuses ids that are not safe in a URL', () => {
    const reg = registry();
    expect(() => reg.open('../api')).toThrow(SyncRegistryError);
    expect(() => reg.open('')).toThrow(expect.objectContaining({ code: 'invalid_doc_id' }));
  });

  it('builds the same-origin sync URL', () => {
    expect(syncUrl({ protocol: 'https:', host: 'rinnalla.example:8443' })).toBe(
      'wss://rinnalla.example:8443/sync'
    );
    expect(syncUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/sync');
  });

  it('gives each provider its own message handlers, leaving the shared table alone', async () => {
    const reg = registry();
    const h = reg.open(DOC);
    expect(h.provider.messageHandlers[MESSAGE_PERSISTED]).toBeTypeOf('function');
    const plain = new WebsocketProvider('ws://test/sync', OTHER, new Y.Doc(), {
      connect: false,
      WebSocketPolyfill: server.WebSocket
    });
    expect(plain.messageHandlers[MESSAGE_PERSISTED]).toBeUndefined();
    expect(plain.messageHandlers[MESSAGE_SYNC]).not.toBe(h.provider.messageHandlers[MESSAGE_SYNC]);
    plain.destroy();
  });
});

describe('SyncRegistry: status', () => {
  it('goes connecting → syncing → saved, and counts local edits until persisted', async () => {
    const reg = registry();
    const h = reg.open(DOC);
    const kinds: string[] = [];
    h.subscribe((s) => kinds.push(`${s.kind}:${s.pending}`));
    await settle();
    expect(h.status.kind).toBe('connecting');
    server.autoPersist = false;
    server.last.accept();
    await settle();
    // Synced, but the server has not said what it persisted: an empty doc has nothing to say.
    expect(h.status.kind).toBe('saved');

    h.doc.getText('t').insert(0, 'a');
    h.doc.getText('t').insert(1, 'b');
    await settle();
    expect(h.status).toMatchObject({ kind: 'unsaved', pending: 2 });
    expect(reg.status).toMatchObject({ kind: 'unsaved', pending: 2 });
    expect(server.doc.getText('t').toString()).toBe('ab');

    server.persisted();
    await settle();
    expect(h.status).toMatchObject({ kind: 'saved', pending: 0 });
    expect(reg.status.kind).toBe('saved');
    expect(kinds).toEqual([
      'offline:0',
      'connecting:0',
      'syncing:0',
      'saved:0',
      'unsaved:1',
      'unsaved:2',
      'saved:0'
    ]);
  });

  it('does not count edits that come from the server', async () => {
    const reg = registry();
    const h = reg.open(DOC);
    await settle();
    server.last.accept();
    await settle();
    const other = new Y.Doc();
    other.getText('t').insert(0, 'remote');
    server.relay(Y.encodeStateAsUpdate(other));
    await settle();
    expect(h.doc.getText('t').toString()).toBe('remote');
    expect(h.status).toMatchObject({ kind: 'saved', pending: 0 });
  });

  it('confirms a delete-only edit by asking the server for its delete set', async () => {
    const reg = registry({ deleteCheckDelayMs: 200 });
    const h = reg.open(DOC);
    await settle();
    server.last.accept();
    await settle();
    h.doc.getText('t').insert(0, 'abc');
    await settle();
    expect(h.status.kind).toBe('saved');
    h.doc.getText('t').delete(0, 1);
    await settle();
    expect(h.status).toMatchObject({ kind: 'unsaved', pending: 1 });
    const step1s = () =>
      server.received.filter((r) => r.syncType === syncProtocol.messageYjsSyncStep1).length;
    const before = step1s();
    await vi.advanceTimersByTimeAsync(200);
    expect(step1s()).toBe(before + 1);
    expect(h.status).toMatchObject({ kind: 'saved', pending: 0 });
  });

  it('says offline when the network goes, and reconnects at once when it comes back', async () => {
    const network = new ManualNetwork(true);
    const reg = registry({ network, maxBackoffMs: 60_000 });
    const h = reg.open(DOC);
    await settle();
    server.last.accept();
    await settle();
    network.set(false);
    await settle();
    expect(server.last.readyState).toBe(3);
    expect(h.status.kind).toBe('offline');
    expect(reg.status.kind).toBe('offline');
    h.doc.getText('t').insert(0, 'offline edit');
    await settle();
    expect(h.status).toMatchObject({ kind: 'offline', pending: 1 });

    network.set(true);
    expect(server.sockets).toHaveLength(2);
    server.last.accept();
    await settle();
    expect(h.status).toMatchObject({ kind: 'saved', pending: 0 });
    expect(server.doc.getText('t').toString()).toBe('offline edit');
  });

  it('holds back a doc the server cannot know yet, and connects it when told', async () => {
    const network = new ManualNetwork(false);
    let registered = false;
    const reg = registry({ network, mayConnect: (docId) => docId !== DOC || registered });
    const h = reg.open(DOC);
    await settle();
    h.doc.getText('t').insert(0, 'registered offline');
    network.set(true);
    await settle();
    expect(server.sockets).toHaveLength(0);
    reg.connectWaiting();
    expect(server.sockets).toHaveLength(0);

    registered = true;
    reg.connectWaiting();
    expect(server.sockets).toHaveLength(1);
    server.last.accept();
    await settle();
    expect(h.status).toMatchObject({ kind: 'saved', pending: 0 });
    reg.connectWaiting();
    expect(server.sockets).toHaveLength(1);
  });

  it('publishes the user with a colour from their id, and updates it', async () => {
    const reg = registry({ user: { id: 'u-1', name: 'Aino Aalto' } });
    const h = reg.open(DOC);
    expect(h.awareness.getLocalState()).toEqual({
      user: { id: 'u-1', name: 'Aino Aalto', color: colorFor('u-1') }
    });
    reg.setUser({ id: 'u-1', name: 'Aino A.' });
    expect(h.awareness.getLocalState()?.user).toMatchObject({ name: 'Aino A.' });
  });
});

describe('SyncRegistry: with a device store', () => {
  it('loads from the device before it connects, then appends local and remote updates', async () => {
    const persistence = new MemoryPersistence();
    const earlier = new Y.Doc();
    earlier.getText('t').insert(0, 'from last week');
    persistence.records.set(DOC, [Y.encodeStateAsUpdate(earlier)]);
    let openGate = () => {};
    persistence.loadGate = new Promise((resolve) => (openGate = resolve));

    const reg = registry({ persistence });
    const h = reg.open(DOC);
    await settle();
    expect(server.sockets).toHaveLength(0);
    openGate();
    await h.ready;
    expect(h.doc.getText('t').toString()).toBe('from last week');
    // Loaded but not yet compared with the server.
    expect(h.status).toMatchObject({ kind: 'connecting', unverified: true, pending: 0 });
    expect(server.sockets).toHaveLength(1);

    server.autoPersist = false;
    server.last.accept();
    await settle();
    expect(server.doc.getText('t').toString()).toBe('from last week');
    expect(h.status).toMatchObject({ kind: 'syncing', unverified: true });
    server.persisted();
    await settle();
    expect(h.status).toMatchObject({ kind: 'saved', unverified: false, pending: 0 });

    h.doc.getText('t').insert(0, 'local ');
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(server.doc));
    remote.getText('t').insert(0, 'remote ');
    server.relay(Y.encodeStateAsUpdate(remote, Y.encodeStateVector(server.doc)));
    await settle();
    await reg.whenStored();
    // Stored: the earlier record, then the local edit and the remote one (not the load again).
    expect(persistence.records.get(DOC)).toHaveLength(3);
    expect(persistence.docOf(DOC).getText('t').toString()).toBe(h.doc.getText('t').toString());
  });

  it('counts edits from an earlier session that the server lacks', async () => {
    const persistence = new MemoryPersistence();
    const earlier = new Y.Doc();
    earlier.getText('t').insert(0, 'typed offline yesterday');
    persistence.records.set(DOC, [Y.encodeStateAsUpdate(earlier)]);
    const reg = registry({ persistence });
    const h = reg.open(DOC);
    await h.ready;
    server.autoPersist = false;
    server.last.accept();
    // The server persisted nothing of it yet.
    server.persisted(server.last);
    await settle();
    expect(h.status).toMatchObject({ kind: 'unsaved', pending: 1, unverified: false });
    server.persisted();
    await settle();
    expect(h.status).toMatchObject({ kind: 'saved', pending: 0 });
  });

  it('shows a device error when appends fail, and keeps the doc open', async () => {
    const persistence = new MemoryPersistence();
    persistence.failAppends = new Error('QuotaExceededError');
    const reg = registry({ persistence, closeDelayMs: 100 });
    const h = reg.open(DOC);
    await h.ready;
    server.autoPersist = false;
    h.doc.getText('t').insert(0, 'x');
    await reg.whenStored();
    expect(h.status.deviceError).toBe(true);
    expect(reg.status.deviceError).toBe(true);
    h.release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reg.openDocIds()).toEqual([DOC]);
  });
});

describe('SyncRegistry: server decisions', () => {
  it('on 4401 stops every doc, keeps the edits, and resume() sends them', async () => {
    const reg = registry();
    const a = reg.open(DOC);
    const b = reg.open(OTHER);
    await settle();
    for (const s of server.sockets) s.accept();
    await settle();
    const [sa] = server.sockets;
    sa?.serverClose(CLOSE_UNAUTHORIZED, 'session ended');
    await settle();
    expect(reg.sessionExpired).toBe(true);
    expect(reg.status.kind).toBe('session-expired');
    expect(a.status.kind).toBe('session-expired');
    expect(b.status.kind).toBe('session-expired');
    expect(server.sockets.every((s) => s.readyState === 3)).toBe(true);

    a.doc.getText('t').insert(0, 'written while logged out');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.sockets).toHaveLength(2); // no reconnect attempts
    expect(a.status).toMatchObject({ kind: 'session-expired', pending: 1 });

    reg.resume();
    expect(server.sockets).toHaveLength(4);
    for (const s of server.sockets.slice(2)) s.accept();
    await settle();
    expect(reg.sessionExpired).toBe(false);
    expect(a.status).toMatchObject({ kind: 'saved', pending: 0 });
    expect(server.doc.getText('t').toString()).toBe('written while logged out');
  });

  it('on 4403 marks only that doc forbidden and, without checkAccess, stops retrying it', async () => {
    const reg = registry();
    const a = reg.open(DOC);
    const b = reg.open(OTHER);
    await settle();
    for (const s of server.sockets) s.accept();
    await settle();
    server.sockets[0]?.serverClose(CLOSE_FORBIDDEN, 'access removed');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(a.status.kind).toBe('forbidden');
    expect(b.status.kind).toBe('saved');
    expect(server.sockets).toHaveLength(2);
    expect(reg.status).toMatchObject({ kind: 'saved', forbidden: 1 });
  });

  it.each([CLOSE_BAD_MESSAGE, CLOSE_TOO_LARGE])('on %i shows an error until retry()', async (code) => {
    const reg = registry();
    const h = reg.open(DOC);
    await settle();
    server.last.accept();
    await settle();
    server.last.serverClose(code, 'bad');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.status).toMatchObject({ kind: 'error', errorCode: code });
    expect(reg.status).toMatchObject({ kind: 'error', errors: 1 });
    expect(server.sockets).toHaveLength(1);
    h.retry();
    expect(server.sockets).toHaveLength(2);
    server.last.accept();
    await settle();
    expect(h.status.kind).toBe('saved');
  });

  it('stops on 1009 (message too big) instead of resending the same update forever', async () => {
    const reg = registry();
    const h = reg.open(DOC);
    await settle();
    server.last.accept();
    await settle();
    server.last.serverClose(CLOSE_MESSAGE_TOO_BIG, 'Max payload size exceeded');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.status).toMatchObject({ kind: 'error', errorCode: CLOSE_TOO_LARGE });
    expect(server.sockets).toHaveLength(1);
  });

  it('reads the HTTP status of a refused upgrade where the socket reports it (Node ws)', async () => {
    const reg = registry();
    const h = reg.open(DOC);
    await settle();
    server.last.fail('Unexpected server response: 403');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.status.kind).toBe('forbidden');
    expect(server.sockets).toHaveLength(1);
  });

  it('asks checkSession after a failed attempt and stops when the session is gone', async () => {
    const checkSession = vi.fn(async () => false);
    const reg = registry({ checkSession });
    const h = reg.open(DOC);
    await settle();
    server.last.fail();
    await settle();
    expect(checkSession).toHaveBeenCalledTimes(1);
    expect(reg.sessionExpired).toBe(true);
    expect(h.status.kind).toBe('session-expired');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(server.sockets).toHaveLength(1);
  });

  it('asks checkSession at most once per interval while the session is fine', async () => {
    const checkSession = vi.fn(async () => true);
    const reg = registry({ checkSession, sessionCheckIntervalMs: 10_000, maxBackoffMs: 1_000 });
    reg.open(DOC);
    for (let i = 0; i < 8; i++) {
      await vi.advanceTimersByTimeAsync(1_000);
      server.last.fail();
    }
    expect(server.sockets.length).toBeGreaterThanOrEqual(8);
    expect(checkSession).toHaveBeenCalledTimes(1);
    expect(reg.sessionExpired).toBe(false);
  });
});

describe('SyncRegistry: reconnect backoff', () => {
  it('backs off exponentially up to the bound, and resets after a successful sync', async () => {
    const reg = registry({ maxBackoffMs: 3_000 });
    reg.open(DOC);
    await settle();
    const attempts: number[] = [];
    let seen = server.sockets.length;
    const start = Date.now();
    for (let i = 0; i < 8; i++) {
      server.last.fail();
      // Step in 50 ms until the next socket appears.
      while (server.sockets.length === seen) await vi.advanceTimersByTimeAsync(50);
      seen = server.sockets.length;
      attempts.push(Date.now());
    }
    const gaps = attempts.map((t, i) => t - (i === 0 ? start : (attempts[i - 1] as number)));
    expect(gaps.slice(0, 4)).toEqual([200, 400, 800, 1600]);
    expect(Math.max(...gaps)).toBe(3_000);
    expect(gaps.slice(-3)).toEqual([3_000, 3_000, 3_000]);

    server.last.accept();
    await settle();
    const before = Date.now();
    server.last.serverClose(1001, 'server restart');
    while (server.sockets.length === seen) await vi.advanceTimersByTimeAsync(50);
    expect(Date.now() - before).toBe(200);
  });
});

describe('SyncRegistry: refused sockets a browser cannot read (close 1006)', () => {
  /** Fails the newest socket the way a browser reports a refused upgrade, then waits for the next. */
  async function failNext(): Promise<void> {
    const seen = server.sockets.length;
    server.last.fail('');
    while (server.sockets.length === seen) await vi.advanceTimersByTimeAsync(50);
  }

  it.each([
    ['forbidden', { kind: 'forbidden', errorCode: null }],
    ['not-found', { kind: 'error', errorCode: 404 }]
  ] as const)('after two failed opens asks checkAccess; on %s stops connecting', async (answer, status) => {
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => answer);
    const reg = registry({ checkAccess, maxBackoffMs: 1_000 });
    const h = reg.open(DOC);
    await settle();
    await failNext();
    expect(checkAccess).not.toHaveBeenCalled();
    expect(h.status.kind).not.toBe(status.kind);
    server.last.fail('');
    await settle();
    expect(checkAccess).toHaveBeenCalledExactlyOnceWith(DOC);
    expect(h.status).toMatchObject(status);
    const sockets = server.sockets.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.sockets).toHaveLength(sockets);
    expect(h.status).toMatchObject(status);
  });

  it('keeps retrying while access is granted, asking again only after 4, 8, 16 … failures', async () => {
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => 'granted');
    const reg = registry({ checkAccess, maxBackoffMs: 1_000 });
    const h = reg.open(DOC);
    await settle();
    for (let i = 0; i < 16; i++) await failNext();
    expect(checkAccess).toHaveBeenCalledTimes(4); // after failures 2, 4, 8, 16
    expect(h.status.kind).toBe('connecting');

    // A socket that opens proves access: the count starts over.
    server.last.accept();
    await settle();
    expect(h.status.kind).toBe('saved');
    server.last.serverClose(1006);
    await vi.advanceTimersByTimeAsync(1_000);
    await failNext();
    expect(checkAccess).toHaveBeenCalledTimes(4);
    server.last.fail('');
    await settle();
    expect(checkAccess).toHaveBeenCalledTimes(5);
  });

  it('on session-ended stops every doc as a 4401 would', async () => {
    const reg = registry({ checkAccess: async () => 'session-ended', maxBackoffMs: 1_000 });
    const h = reg.open(DOC);
    await settle();
    await failNext();
    server.last.fail('');
    await settle();
    expect(reg.sessionExpired).toBe(true);
    expect(h.status.kind).toBe('session-expired');
  });

  it('does not ask while offline, and keeps retrying when the check itself fails', async () => {
    const network = new ManualNetwork(true);
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => {
      throw new TypeError('Failed to fetch');
    });
    const reg = registry({ checkAccess, network, maxBackoffMs: 1_000 });
    const h = reg.open(DOC);
    await settle();
    await failNext();
    server.last.fail('');
    await settle();
    expect(checkAccess).toHaveBeenCalledTimes(1);
    expect(h.status.kind).toBe('offline');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.last.readyState).toBe(0); // still trying

    network.set(false);
    // Sockets that fail while the network is down say nothing about access.
    const offlineChecks = checkAccess.mock.calls.length;
    for (let i = 0; i < 4; i++) {
      h.provider.connect();
      await settle();
      server.last.fail('');
      await settle();
    }
    expect(checkAccess).toHaveBeenCalledTimes(offlineChecks);
  });

  it('ignores an answer that comes after the socket opened', async () => {
    let answer!: (a: DocAccessCheck) => void;
    const checkAccess = vi.fn(() => new Promise<DocAccessCheck>((resolve) => (answer = resolve)));
    const reg = registry({ checkAccess, maxBackoffMs: 1_000 });
    const h = reg.open(DOC);
    await settle();
    await failNext();
    await failNext();
    expect(checkAccess).toHaveBeenCalledTimes(1);
    server.last.accept();
    await settle();
    answer('forbidden');
    await settle();
    expect(h.status.kind).toBe('saved');
  });
});

describe('SyncRegistry: a forbidden doc is checked again', () => {
  /** Opens DOC, syncs it, and has the server close it with 4403. */
  async function forbiddenDoc(options: Partial<SyncRegistryOptions>) {
    const reg = registry(options);
    const h = reg.open(DOC);
    await h.ready;
    await settle();
    server.last.accept();
    await settle();
    server.last.serverClose(CLOSE_FORBIDDEN, 'access removed');
    await settle();
    expect(h.status.kind).toBe('forbidden');
    return { reg, h };
  }

  /** A network whose page can be made visible again by hand. */
  class PageNetwork extends ManualNetwork {
    readonly #visible = new Set<() => void>();
    subscribeVisible(onVisible: () => void): () => void {
      this.#visible.add(onVisible);
      return () => this.#visible.delete(onVisible);
    }
    show(): void {
      for (const l of [...this.#visible]) l();
    }
  }

  it('asks again after 5 s and, when access is back, reconnects and sends the edits made meanwhile', async () => {
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => 'granted');
    const { h } = await forbiddenDoc({ checkAccess });
    h.doc.getText('t').insert(0, 'written while refused');
    await settle();
    expect(h.status).toMatchObject({ kind: 'forbidden', pending: 1 });

    await vi.advanceTimersByTimeAsync(FORBIDDEN_RECHECK_MS[0]! - 1);
    expect(checkAccess).not.toHaveBeenCalled();
    expect(server.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(checkAccess).toHaveBeenCalledExactlyOnceWith(DOC);
    expect(server.sockets).toHaveLength(2);
    expect(h.status.kind).toBe('connecting');

    server.last.accept();
    await settle();
    expect(h.status).toMatchObject({ kind: 'saved', pending: 0 });
    expect(server.doc.getText('t').toString()).toBe('written while refused');
    // Connected again: nothing more to check.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(checkAccess).toHaveBeenCalledTimes(1);
  });

  it('while still refused, waits 5 s, 15 s, 60 s, then every 5 min, and never opens a socket', async () => {
    const asked: number[] = [];
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => {
      asked.push(Date.now());
      return 'forbidden';
    });
    const { h } = await forbiddenDoc({ checkAccess });
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(5_000 + 15_000 + 60_000 + 300_000 + 300_000);
    const gaps = asked.map((t, i) => t - (i === 0 ? start : (asked[i - 1] as number)));
    expect(gaps).toEqual([5_000, 15_000, 60_000, 300_000, 300_000]);
    expect(server.sockets).toHaveLength(1);
    expect(h.status.kind).toBe('forbidden');
  });

  it('keeps asking after answers that say nothing (a 5xx, a failed fetch), with the same backoff', async () => {
    const answers: (DocAccessCheck | Error)[] = ['unknown', new TypeError('Failed to fetch'), 'granted'];
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next ?? 'forbidden';
    });
    const { h } = await forbiddenDoc({ checkAccess, forbiddenRecheckMs: [100, 200] });
    await vi.advanceTimersByTimeAsync(100);
    expect(checkAccess).toHaveBeenCalledTimes(1);
    expect(h.status.kind).toBe('forbidden');
    await vi.advanceTimersByTimeAsync(200);
    expect(checkAccess).toHaveBeenCalledTimes(2);
    expect(h.status.kind).toBe('forbidden');
    await vi.advanceTimersByTimeAsync(200);
    expect(checkAccess).toHaveBeenCalledTimes(3);
    expect(h.status.kind).toBe('connecting');
  });

  it('asks at once when the network comes back or the page becomes visible, not while offline', async () => {
    const network = new PageNetwork(true);
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => 'forbidden');
    const { h } = await forbiddenDoc({ checkAccess, network });

    network.set(false);
    await vi.advanceTimersByTimeAsync(600_000);
    // The 5 s re-check found the network down: it did not ask, and armed no further check.
    expect(checkAccess).not.toHaveBeenCalled();

    network.set(true);
    await settle();
    expect(checkAccess).toHaveBeenCalledTimes(1);
    network.show();
    await settle();
    expect(checkAccess).toHaveBeenCalledTimes(2);
    // Two refusals moved the backoff on: the next timed check is 60 s away.
    await vi.advanceTimersByTimeAsync(59_999);
    expect(checkAccess).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(checkAccess).toHaveBeenCalledTimes(3);

    checkAccess.mockResolvedValue('granted');
    network.show();
    await settle();
    expect(h.status.kind).toBe('connecting');
    // A visible page does not ask about docs that are not refused.
    network.show();
    await settle();
    expect(checkAccess).toHaveBeenCalledTimes(4);
  });

  it('does not ask twice at once: a wake-up during a check waits for its answer', async () => {
    let answer!: (a: DocAccessCheck) => void;
    const checkAccess = vi.fn(() => new Promise<DocAccessCheck>((resolve) => (answer = resolve)));
    const network = new PageNetwork(true);
    const { h } = await forbiddenDoc({ checkAccess, network });
    await vi.advanceTimersByTimeAsync(5_000);
    network.show();
    network.show();
    expect(checkAccess).toHaveBeenCalledTimes(1);
    answer('granted');
    await settle();
    expect(h.status.kind).toBe('connecting');
  });

  it('on not-found stops as a missing doc; on session-ended waits for the login, then asks again', async () => {
    const notFound = await forbiddenDoc({ checkAccess: async () => 'not-found' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(notFound.h.status).toMatchObject({ kind: 'error', errorCode: 404 });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(server.sockets).toHaveLength(1);
    notFound.h.release();
    await notFound.reg.destroy();

    server = new FakeSyncServer();
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => 'session-ended');
    const { reg, h } = await forbiddenDoc({ checkAccess });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reg.sessionExpired).toBe(true);
    expect(h.status.kind).toBe('forbidden');
    await vi.advanceTimersByTimeAsync(600_000);
    expect(checkAccess).toHaveBeenCalledTimes(1);

    checkAccess.mockResolvedValue('granted');
    reg.resume();
    await settle();
    expect(checkAccess).toHaveBeenCalledTimes(2);
    expect(server.sockets).toHaveLength(2);
    server.last.accept();
    await settle();
    expect(h.status.kind).toBe('saved');
  });

  it('stops asking once the doc closes, and leaves no timer behind', async () => {
    const checkAccess = vi.fn(async (): Promise<DocAccessCheck> => 'forbidden');
    const { reg, h } = await forbiddenDoc({
      checkAccess,
      persistence: new MemoryPersistence(),
      closeDelayMs: 1_000
    });
    h.release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reg.openDocIds()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(checkAccess).not.toHaveBeenCalled();
  });

  it('stops asking when the registry is destroyed, and ignores an answer that comes after', async () => {
    let answer!: (a: DocAccessCheck) => void;
    const checkAccess = vi.fn(() => new Promise<DocAccessCheck>((resolve) => (answer = resolve)));
    const network = new PageNetwork(true);
    const { reg } = await forbiddenDoc({ checkAccess, network });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(checkAccess).toHaveBeenCalledTimes(1);
    await reg.destroy();
    answer('granted');
    await settle();
    network.show();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(server.sockets).toHaveLength(1);
    expect(checkAccess).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
