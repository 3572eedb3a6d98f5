/**
 * The demo workspace's fictional participants against the real server: loaded by POST /api/demo,
 * listed with their projected register fields, opened over /sync with the stock y-websocket
 * client (same content as the domain's built demo case), hidden from an expert not on the team,
 * and never loaded into a workspace that holds a participant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantSummary } from '../../src/lib/api/schemas.ts';
import {
  DEMO_STAFF_USERNAMES,
  buildDemoCases,
  readCaseFile,
  seededIds,
  type DemoStaff
} from '../../src/lib/domain/case-file/index.ts';
import { addDays, dateInTimeZone } from '../../src/lib/domain/dates.ts';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import { ApiClient, setupAdmin, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { syncClient, upgradeStatus, waitSynced } from './sync-support.ts';

let server: TestServer;
let admin: ApiClient;
let password: string;
/** Demo username → user id. */
const ids = new Map<string, string>();

async function login(username: string): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  const res = await client.post('/api/session', { username, password });
  expect(res.status).toBe(200);
  client.token = res.body.token as string;
  return client;
}

async function participants(client: ApiClient): Promise<ParticipantSummary[]> {
  const res = await client.get('/api/participants');
  expect(res.status).toBe(200);
  return res.body as unknown as ParticipantSummary[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A case file as JSON with every generated id (items, episodes) replaced by its order of first
 * appearance, so two builds with different id seeds compare equal exactly when their content is
 * equal. Staff user ids are kept: they must be the server's demo users.
 */
function canonical(value: unknown, keep: ReadonlySet<string>): string {
  const seen = new Map<string, string>();
  return JSON.stringify(value).replace(UUID, (id) => {
    if (keep.has(id)) return id;
    if (!seen.has(id)) seen.set(id, `id-${seen.size}`);
    return seen.get(id)!;
  });
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await setupAdmin(server);
  const res = await admin.post('/api/demo');
  expect(res.status).toBe(201);
  password = res.body.password as string;
  const users = (await admin.get('/api/users')).body as unknown as { id: string; username: string }[];
  for (const u of users) ids.set(u.username, u.id);
});
afterAll(async () => {
  await server.stop();
});

describe('demo participants', () => {
  it('lists the fictional participants with their projected register fields at once', async () => {
    const today = dateInTimeZone(new Date());
    const coordinator = await login('demo.koordinaattori');
    const all = await participants(coordinator);
    expect(all).toHaveLength(8);
    expect(all.every((p) => p.displayName.endsWith('(demo)'))).toBe(true);
    // The coordinator is on no team, yet sees every status: the register needs no case doc.
    expect(new Set(all.map((p) => p.status))).toEqual(new Set(['contacted', 'active', 'ended', 'returned']));
    expect(all.filter((p) => p.nextActionDate !== null).length).toBeGreaterThanOrEqual(6);

    const worker = await login('demo.ohjaaja');
    const mine = await participants(worker);
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.every((p) => p.team.workers.includes(ids.get('demo.ohjaaja')!))).toBe(true);
    const soon = mine.filter(
      (p) =>
        p.workPackages?.includes('TP3') &&
        p.releaseDate != null &&
        p.releaseDate >= today &&
        p.releaseDate <= addDays(today, 30)
    );
    expect(soon.length).toBeGreaterThanOrEqual(1);
    expect(soon.map((p) => p.nextActionDate! <= p.releaseDate!)).not.toContain(false);
    expect(mine.filter((p) => p.status === 'ended')).toHaveLength(1);
    // The returned participant is on the second worker's caseload.
    const other = await participants(await login('demo.ohjaaja2'));
    expect(other.filter((p) => p.status === 'returned')).toHaveLength(1);
  });

  it('writes each case doc as its first log row, by the demo worker, and the worker reads it over /sync', async () => {
    const today = dateInTimeZone(new Date());
    const worker = await login('demo.ohjaaja');
    const mine = await participants(worker);
    const mikko = mine.find((p) => p.displayName === 'Mikko Mäkelä (demo)')!;
    expect(mikko).toBeDefined();

    const history = await server.app.deps.store.docLog.history(mikko.docId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ seq: 1, userId: ids.get('demo.ohjaaja'), deviceId: null });

    const client = syncClient(server, worker.token!, mikko.docId);
    try {
      await waitSynced(client);
      const staff = Object.fromEntries(
        Object.entries(DEMO_STAFF_USERNAMES).map(([key, username]) => [key, ids.get(username)!])
      ) as unknown as DemoStaff;
      const built = buildDemoCases(today, seededIds(12345, Date.now()), staff).find(
        (c) => c.displayName === mikko.displayName
      )!;
      const keep = new Set(ids.values());
      const served = readCaseFile(client.doc);
      expect(served.goals.length).toBeGreaterThan(0);
      expect(canonical(served, keep)).toBe(canonical(readCaseFile(built.doc), keep));
    } finally {
      client.destroy();
    }
  });

  it('hides a participant from an expert not on the team, on the list and on the socket', async () => {
    const coordinator = await login('demo.koordinaattori');
    const all = await participants(coordinator);
    const expert2 = ids.get('demo.kokemus2')!;
    const notAssigned = all.filter((p) => !p.team.experts.includes(expert2));
    expect(notAssigned.length).toBeGreaterThan(0);

    const expert = await login('demo.kokemus2');
    const visible = await participants(expert);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((p) => p.team.experts.includes(expert2))).toBe(true);
    expect(visible.map((p) => p.id)).not.toContain(notAssigned[0]!.id);
    const refused = await upgradeStatus(server, notAssigned[0]!.docId, {
      authorization: `Bearer ${expert.token}`
    });
    expect(refused.status).toBe(403);
    const allowed = await upgradeStatus(server, visible[0]!.docId, {
      authorization: `Bearer ${expert.token}`
    });
    expect(allowed.status).toBe(101);
  });
});

describe('demo refusal', () => {
  it('never loads into a workspace that holds a participant, even with only the first admin', async () => {
    const fresh = await startTestServer();
    try {
      const firstAdmin = await setupAdmin(fresh);
      const me = await firstAdmin.get('/api/me');
      // Real data that did not come through a second account (e.g. an import): straight into the store.
      await fresh.app.deps.store.directory.createParticipant({
        id: uuidv7(),
        displayName: 'Oikea Henkilö',
        createdBy: me.body.id as string,
        at: Date.now()
      });
      const res = await firstAdmin.post('/api/demo');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ error: { code: 'workspace_not_empty' } });
      expect((await new ApiClient(fresh.url).get('/api/setup')).body).toMatchObject({ demo: false });
      expect(await fresh.app.deps.store.users.count()).toBe(1);
    } finally {
      await fresh.stop();
    }
  });
});
