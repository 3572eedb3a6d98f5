/**
 * The life of a room: compaction of the update log (keeping attribution), projections into the
 * directory, leaving memory after the last connection, and a graceful shutdown that writes
 * everything pending and closes sockets with 1001.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_GOING_AWAY } from '../../src/lib/api/sync-protocol.ts';
import { createSyncExtension } from '../../server/sync/extension.ts';
import { DEFAULT_PROJECTIONS, type Projection } from '../../server/sync/projections.ts';
import type { SyncOptions, SyncServer } from '../../server/sync/sync-server.ts';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { createUser, setupAdmin, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { newCase, syncClient, textOf, waitPersisted, waitSynced, type SyncClient } from './sync-support.ts';

const servers: TestServer[] = [];
const clients: SyncClient[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function start(options: Partial<SyncOptions> = {}, dataDir?: string) {
  let sync!: SyncServer;
  const server = await startTestServer(
    {},
    {
      dataDir,
      extensions: [
        createSyncExtension({ roomGraceMs: 30, projectionDelayMs: 20, ...options }, (s) => (sync = s))
      ]
    }
  );
  servers.push(server);
  return { server, sync: () => sync };
}

async function workerOn(server: TestServer) {
  const admin = await setupAdmin(server);
  return createUser(server, admin, 'worker', 'worker');
}

function client(server: TestServer, token: string, docId: string): SyncClient {
  const c = syncClient(server, token, docId);
  clients.push(c);
  return c;
}

describe('compaction', () => {
  it('merges the log into a snapshot past the row threshold, keeps attribution, and reloads the same doc', async () => {
    const { server, sync } = await start({ compactRows: 20 });
    const worker = await workerOn(server);
    const docId = await newCase(worker.client);
    const a = client(server, worker.client.token!, docId);
    await waitSynced(a);
    for (let i = 0; i < 100; i++) {
      a.doc.getText('t').insert(i, String(i % 10));
      // Separate turns: separate frames, separate rows.
      if (i % 10 === 9) await new Promise((r) => setImmediate(r));
    }
    await waitPersisted(a);
    await vi.waitFor(() => expect(sync().stats().compaction.count).toBeGreaterThan(0));
    const { store } = server.app.deps;
    const rows = await store.docLog.load(docId);
    expect(rows.length).toBeLessThan(20);
    expect(rows[0]!.kind).toBe('snapshot');
    const history = await store.docLog.history(docId, 1000);
    expect(history.length).toBeGreaterThanOrEqual(100);
    expect(history.every((h) => h.userId === worker.id && h.size > 0)).toBe(true);
    const stats = sync().stats().compaction;
    expect(stats.maxMs).toBeGreaterThan(0);
    expect(stats.maxMs).toBeLessThan(500);

    // The room leaves memory; a fresh load from snapshot + tail is the same doc.
    const expected = textOf(a.doc);
    a.destroy();
    await vi.waitFor(() => expect(sync().stats().rooms).toBe(0));
    const b = client(server, worker.client.token!, docId);
    await waitSynced(b);
    expect(textOf(b.doc)).toBe(expected);
  });

  it('compacts past the byte threshold too', async () => {
    const { server, sync } = await start({ compactRows: 1_000_000, compactBytes: 4096 });
    const worker = await workerOn(server);
    const docId = await newCase(worker.client);
    const a = client(server, worker.client.token!, docId);
    await waitSynced(a);
    for (let i = 0; i < 10; i++) {
      a.doc.getText('t').insert(0, 'z'.repeat(1000));
      await new Promise((r) => setImmediate(r));
    }
    await waitPersisted(a);
    await vi.waitFor(() => expect(sync().stats().compaction.count).toBeGreaterThan(0));
    expect((await server.app.deps.store.docLog.load(docId))[0]!.kind).toBe('snapshot');
  });
});

describe('projections', () => {
  it('projects profile.displayName and profile.alias into the directory', async () => {
    const { server } = await start();
    const worker = await workerOn(server);
    const docId = await newCase(worker.client);
    const a = client(server, worker.client.token!, docId);
    await waitSynced(a);
    const profile = a.doc.getMap('profile');
    profile.set('displayName', '  Uusi Nimi  ');
    profile.set('alias', 'UN');
    const listed = async () =>
      (
        (await worker.client.get('/api/participants')).body as {
          id: string;
          displayName: string;
          alias: string | null;
        }[]
      ).find((p) => p.id === docId);
    await vi.waitFor(async () =>
      expect(await listed()).toMatchObject({ displayName: 'Uusi Nimi', alias: 'UN' })
    );

    profile.delete('alias');
    profile.set('displayName', '');
    await vi.waitFor(async () =>
      expect(await listed()).toMatchObject({ displayName: 'Uusi Nimi', alias: null })
    );
  });

  it('runs registered projections on durable state, coalescing bursts of edits', async () => {
    const runs: string[] = [];
    const probe: Projection = {
      name: 'probe',
      kinds: ['case'],
      async run({ doc, record }) {
        runs.push(`${record.docId}:${doc.getText('t').length}`);
      }
    };
    const { server } = await start({ projections: [...DEFAULT_PROJECTIONS, probe], projectionDelayMs: 100 });
    const worker = await workerOn(server);
    const docId = await newCase(worker.client);
    const a = client(server, worker.client.token!, docId);
    await waitSynced(a);
    for (let i = 0; i < 50; i++) a.doc.getText('t').insert(0, 'p');
    await vi.waitFor(() => expect(runs.at(-1)).toBe(`${docId}:50`));
    expect(runs.length).toBeLessThan(5);
  });
});

describe('a failed write', () => {
  it('closes the room’s sockets with 1011 and shows no one the unsaved edit', async () => {
    const { server, sync } = await start();
    const worker = await workerOn(server);
    const docId = await newCase(worker.client);
    const a = client(server, worker.client.token!, docId);
    const b = client(server, worker.client.token!, docId);
    const codes: number[] = [];
    a.provider.on('connection-close', (event) => {
      if (event) codes.push(event.code);
    });
    await Promise.all([waitSynced(a), waitSynced(b)]);
    a.provider.shouldReconnect = () => false;
    b.provider.shouldReconnect = () => false;
    // The disk goes away: the next write fails.
    (server.app.deps.store as SqliteStore).db.close();
    a.doc.getText('t').insert(0, 'ei tallennettu');
    await vi.waitFor(() => expect(codes).toContain(1011));
    expect(textOf(b.doc)).toBe('');
    expect(sync().room(docId)).toBeUndefined();
  });
});

describe('shutdown', () => {
  it('writes what is pending and closes sockets with 1001; a restart serves it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-shutdown-'));
    dirs.push(dataDir);
    const first = await start({}, dataDir);
    const worker = await workerOn(first.server);
    const docId = await newCase(worker.client);
    const a = client(first.server, worker.client.token!, docId);
    const codes: number[] = [];
    a.provider.on('connection-close', (event) => {
      if (event) codes.push(event.code);
    });
    await waitSynced(a);
    a.doc.getText('t').insert(0, 'viimeinen sana');
    await vi.waitFor(() => expect(textOf(first.sync().room(docId)!.readDoc())).toBe('viimeinen sana'));
    await first.server.stop();
    servers.splice(servers.indexOf(first.server), 1);
    await vi.waitFor(() => expect(codes).toContain(CLOSE_GOING_AWAY));
    a.destroy();

    const second = await start({}, dataDir);
    const b = client(second.server, worker.client.token!, docId);
    await waitSynced(b);
    expect(textOf(b.doc)).toBe('viimeinen sana');
    expect(Y.encodeStateVector(b.doc).length).toBeGreaterThan(1);
  });
});
