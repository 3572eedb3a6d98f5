/**
 * The register projection against the real server: a case doc edited over /sync through the
 * domain mutators on a stock y-websocket client shows its status, work packages, release date and
 * next action in GET /api/participants a moment later — also to a coordinator on no team — and a
 * doc with garbage in it neither breaks its own row nor anyone else's projection.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParticipantSummary } from '../../src/lib/api/schemas.ts';
import {
  addMeeting,
  createCaseFile,
  endParticipation,
  ROOT,
  setWorkPackage,
  startParticipation,
  updateReleasePath,
  type EditContext
} from '../../src/lib/domain/case-file/index.ts';
import { addDays, dateInTimeZone } from '../../src/lib/domain/dates.ts';
import {
  createUser,
  setupAdmin,
  startTestServer,
  type ApiClient,
  type TestServer
} from '../helpers/test-server.ts';
import { newCase, syncClient, waitSynced, type SyncClient } from './sync-support.ts';

let server: TestServer;
let coordinator: ApiClient;
let worker: { client: ApiClient; id: string };
const clients: SyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setupAdmin(server);
  coordinator = (await createUser(server, admin, 'koordinaattori', 'coordinator')).client;
  worker = await createUser(server, admin, 'ohjaaja', 'worker');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

/** The caller's register row of a participant. */
async function row(client: ApiClient, id: string): Promise<ParticipantSummary | undefined> {
  const res = await client.get('/api/participants');
  expect(res.status).toBe(200);
  return (res.body as unknown as ParticipantSummary[]).find((p) => p.id === id);
}

async function open(docId: string): Promise<SyncClient> {
  const client = syncClient(server, worker.client.token!, docId);
  clients.push(client);
  await waitSynced(client);
  return client;
}

const WAIT = { timeout: 5_000, interval: 25 };

describe('register projection', () => {
  it('follows the case doc: status, work packages, release date and next action', async () => {
    const today = dateInTimeZone(new Date());
    const ctx: EditContext = { origin: 'test', actor: worker.id, now: new Date() };
    const id = await newCase(worker.client);
    // Registered, but its doc is still empty: nothing is projected yet.
    expect(await row(coordinator, id)).toMatchObject({
      status: null,
      workPackages: [],
      releaseDate: null,
      nextActionDate: null,
      nextActionKind: null
    });

    const { doc } = await open(id);
    createCaseFile(doc, ctx, { displayName: 'Testi Henkilö', contactedOn: today, workPackages: ['TP1'] });
    await vi.waitFor(
      async () =>
        expect(await row(coordinator, id)).toMatchObject({ status: 'contacted', workPackages: ['TP1'] }),
      WAIT
    );
    const before = (await row(coordinator, id))!.updatedAt;

    const release = addDays(today, 14);
    startParticipation(doc, ctx, today);
    setWorkPackage(doc, ctx, 'TP3', true);
    updateReleasePath(doc, ctx, { prison: 'Mikkelin vankila', releaseDate: release });
    const expected = {
      status: 'active',
      workPackages: ['TP1', 'TP3'],
      releaseDate: release,
      nextActionDate: release,
      nextActionKind: 'release'
    };
    // The coordinator is on no team and cannot open the doc, yet sees the register fields.
    await vi.waitFor(async () => expect(await row(coordinator, id)).toMatchObject(expected), WAIT);
    expect(await row(worker.client, id)).toMatchObject(expected);
    expect((await row(coordinator, id))!.updatedAt > before).toBe(true);

    addMeeting(doc, ctx, { date: addDays(today, 3), kind: 'prison-visit', status: 'planned' });
    await vi.waitFor(
      async () =>
        expect(await row(coordinator, id)).toMatchObject({
          nextActionDate: addDays(today, 3),
          nextActionKind: 'meeting'
        }),
      WAIT
    );

    endParticipation(doc, ctx, today);
    await vi.waitFor(async () => expect((await row(coordinator, id))?.status).toBe('ended'), WAIT);
  });

  it('reads a doc with garbage in its profile defensively, and projects the other docs all the same', async () => {
    const today = dateInTimeZone(new Date());
    const ctx: EditContext = { origin: 'test', actor: worker.id, now: new Date() };
    const bad = await newCase(worker.client);
    const good = await newCase(worker.client);
    const badClient = await open(bad);
    const goodClient = await open(good);

    createCaseFile(badClient.doc, ctx, { displayName: 'Sotku', contactedOn: today, workPackages: ['TP2'] });
    await vi.waitFor(async () => expect((await row(coordinator, bad))?.workPackages).toEqual(['TP2']), WAIT);
    // What a buggy or hostile client could write: wrong types under every profile key it knows,
    // a release date that is no date, and an episode that is not a map.
    badClient.doc.transact(() => {
      const profile = badClient.doc.getMap(ROOT.profile);
      profile.set('displayName', 42);
      profile.set('alias', { nested: true });
      profile.set('workPackage.TP1', 'yes');
      profile.set('workPackage.TP2', null);
      badClient.doc.getMap(ROOT.release).set('releaseDate', 'ensi viikolla');
      badClient.doc.getArray(ROOT.episodes).push(['not an episode']);
    }, 'garbage');
    createCaseFile(goodClient.doc, ctx, { displayName: 'Hyvä', contactedOn: today, workPackages: ['TP3'] });
    updateReleasePath(goodClient.doc, ctx, { releaseDate: addDays(today, 5) });

    await vi.waitFor(
      async () =>
        expect(await row(coordinator, good)).toMatchObject({
          status: 'contacted',
          workPackages: ['TP3'],
          releaseDate: addDays(today, 5)
        }),
      WAIT
    );
    await vi.waitFor(
      async () =>
        expect(await row(coordinator, bad)).toMatchObject({
          // The last good name stays; the other garbage reads as "not set".
          displayName: 'Sotku',
          alias: null,
          status: 'contacted',
          workPackages: [],
          releaseDate: null
        }),
      WAIT
    );
  });
});
