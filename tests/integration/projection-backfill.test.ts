/**
 * The start-up projection backfill against the real server: a case doc whose updates reached the
 * log but were never projected (written before migration 4, or a crash inside the rooms'
 * debounce) shows its register fields after a restart, without anyone opening the doc.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createCaseFile,
  startParticipation,
  updateReleasePath
} from '../../src/lib/domain/case-file/index.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { syncExtension } from '../../server/sync/extension.ts';
import { projectionBackfillExtension } from '../../server/sync/projection-backfill.ts';
import {
  ApiClient,
  createUser,
  setupAdmin,
  startTestServer,
  type TestServer
} from '../helpers/test-server.ts';

const servers: TestServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, backfill: boolean): Promise<TestServer> {
  const server = await startTestServer(
    {},
    { dataDir, extensions: backfill ? [syncExtension, projectionBackfillExtension] : [syncExtension] }
  );
  servers.push(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.stop();
}

async function login(server: TestServer, username: string, password: string): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  const res = await client.post('/api/session', { username, password });
  expect(res.status).toBe(200);
  client.token = res.body.token as string;
  return client;
}

/** Writes a case file's updates into the log as the rooms would, one row per update. */
async function writeCaseDoc(dataDir: string, docId: string, userId: string): Promise<void> {
  const store = SqliteStore.open(dataDir);
  try {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const ctx = { origin: 'test', actor: userId, now: new Date('2025-05-10T09:00:00Z') };
    createCaseFile(doc, ctx, {
      displayName: 'Testi Henkilö',
      contactedOn: '2025-05-01',
      workPackages: ['TP3']
    });
    startParticipation(doc, ctx, '2025-05-10');
    updateReleasePath(doc, ctx, { releaseDate: '2025-06-20' });
    await store.docLog.appendBatch(
      updates.map((update) => ({ docId, userId, deviceId: null, at: Date.now(), update }))
    );
  } finally {
    await store.close();
  }
}

describe('projection backfill at start-up', () => {
  it('fills the register fields of a case doc that was written but never projected', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-backfill-'));
    dirs.push(dataDir);
    const first = await start(dataDir, false);
    const admin = await setupAdmin(first);
    const worker = await createUser(first, admin, 'worker', 'worker');
    const registered = await worker.client.post('/api/participants', { displayName: 'Rekisteröity' });
    expect(registered.status).toBe(201);
    const docId = registered.body.docId as string;
    await stop(first);

    // The old state: the log holds the case file, the register columns are null.
    await writeCaseDoc(dataDir, docId, worker.id);
    const without = await start(dataDir, false);
    const before = await (await login(without, 'worker', worker.password)).get('/api/participants');
    expect(before.body[0]).toMatchObject({ id: docId, status: null, workPackages: [] });
    await stop(without);

    const server = await start(dataDir, true);
    const client = await login(server, 'worker', worker.password);
    await expect
      .poll(async () => (await client.get('/api/participants')).body[0], { timeout: 5_000 })
      .toMatchObject({
        id: docId,
        displayName: 'Testi Henkilö',
        status: 'active',
        workPackages: ['TP3'],
        releaseDate: '2025-06-20'
      });
    // Backfilled from the log alone: no room was opened, nothing was written to the log.
    expect(await server.app.deps.store.docLog.history(docId)).toHaveLength(3);
  });
});
