/**
 * The directory's participant routes against the real server: registration (idempotent by the
 * device-made id), visibility by role and team, team changes and every status they answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import {
  ApiClient,
  createUser,
  setupAdmin,
  startTestServer,
  type TestServer
} from '../helpers/test-server.ts';

interface Actor {
  client: ApiClient;
  id: string;
}

let server: TestServer;
let admin: ApiClient;
let coordinator: Actor;
let worker: Actor;
let worker2: Actor;
let expert: Actor;
let disabledWorker: Actor;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setupAdmin(server);
  coordinator = await createUser(server, admin, 'coordinator', 'coordinator');
  worker = await createUser(server, admin, 'worker', 'worker');
  worker2 = await createUser(server, admin, 'worker2', 'worker');
  expert = await createUser(server, admin, 'expert', 'expert');
  disabledWorker = await createUser(server, admin, 'gone', 'worker');
  expect((await admin.patch(`/api/users/${disabledWorker.id}`, { disabled: true })).status).toBe(200);
});
afterAll(async () => {
  await server.stop();
});

describe('POST /api/participants', () => {
  it('registers with the device-made id, assigns the creator and is idempotent', async () => {
    const id = uuidv7();
    const first = await worker.client.post('/api/participants', { id, displayName: 'Matti M.' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id, docId: id });

    const again = await worker.client.post('/api/participants', { id, displayName: 'Matti M.' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ id, docId: id });

    const list = await worker.client.get('/api/participants');
    const mine = (list.body as { id: string; team: { workers: string[] } }[]).filter((p) => p.id === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.team.workers).toEqual([worker.id]);

    const audit = await server.app.deps.store.audit.list({ target: id });
    expect(audit.filter((e) => e.action === 'participant.created')).toHaveLength(1);
  });

  it('makes an id when the device sent none', async () => {
    const res = await coordinator.client.post('/api/participants', { displayName: 'Liisa L.' });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(res.body.docId).toBe(res.body.id);
  });

  it('answers 409 when another user registered the id', async () => {
    const id = uuidv7();
    expect((await worker.client.post('/api/participants', { id, displayName: 'A' })).status).toBe(201);
    const res = await worker2.client.post('/api/participants', { id, displayName: 'A' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it('answers 403 to experts and admins, 401 without a session', async () => {
    expect((await expert.client.post('/api/participants', { displayName: 'X' })).status).toBe(403);
    expect((await admin.post('/api/participants', { displayName: 'X' })).status).toBe(403);
    expect((await new ApiClient(server.url).post('/api/participants', { displayName: 'X' })).status).toBe(
      401
    );
  });

  it('answers 422 to an id that is not a UUIDv7 and to an empty name', async () => {
    const bad = await worker.client.post('/api/participants', {
      id: '0190f3f5-1c2b-4abc-8def-0123456789ab',
      displayName: 'X'
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_request' } });
    expect((await worker.client.post('/api/participants', { displayName: '  ' })).status).toBe(422);
  });
});

describe('GET /api/participants', () => {
  it('shows coordinators everything, workers and experts only their teams, admins nothing', async () => {
    const mine = uuidv7();
    const theirs = uuidv7();
    await worker.client.post('/api/participants', { id: mine, displayName: 'Mine' });
    await worker2.client.post('/api/participants', { id: theirs, displayName: 'Theirs' });

    const ids = async (c: ApiClient) => {
      const res = await c.get('/api/participants');
      expect(res.status).toBe(200);
      return (res.body as { id: string }[]).map((p) => p.id);
    };
    const all = await ids(coordinator.client);
    expect(all).toEqual(expect.arrayContaining([mine, theirs]));
    const w = await ids(worker.client);
    expect(w).toContain(mine);
    expect(w).not.toContain(theirs);
    expect(await ids(expert.client)).not.toContain(mine);

    const res = await worker.client.get('/api/participants');
    expect((res.body as { id: string }[]).find((p) => p.id === mine)).toMatchObject({
      id: mine,
      docId: mine,
      displayName: 'Mine',
      alias: null,
      team: { workers: [worker.id], experts: [], readers: [] }
    });

    expect((await admin.get('/api/participants')).status).toBe(403);
    expect((await new ApiClient(server.url).get('/api/participants')).status).toBe(401);
  });
});

describe('PUT /api/participants/:id/team', () => {
  it('lets a worker on the team and a coordinator set the team; the list follows', async () => {
    const id = uuidv7();
    await worker.client.post('/api/participants', { id, displayName: 'Team case' });

    const set = await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id],
      experts: [expert.id],
      readers: [worker2.id]
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      id,
      team: { workers: [worker.id], experts: [expert.id], readers: [worker2.id] }
    });
    expect(
      ((await expert.client.get('/api/participants')).body as { id: string }[]).map((p) => p.id)
    ).toContain(id);

    // A coordinator may hand the case over to someone else entirely.
    const handover = await coordinator.client.put(`/api/participants/${id}/team`, {
      workers: [worker2.id, coordinator.id],
      experts: []
    });
    expect(handover.status).toBe(200);
    expect(handover.body).toMatchObject({
      team: { workers: [coordinator.id, worker2.id].sort(), readers: [] }
    });
    expect(
      ((await worker.client.get('/api/participants')).body as { id: string }[]).map((p) => p.id)
    ).not.toContain(id);

    const audit = await server.app.deps.store.audit.list({ target: id });
    expect(audit.filter((e) => e.action === 'team.changed')).toHaveLength(2);
  });

  it('emits accessChanged with the doc id', async () => {
    const id = uuidv7();
    await worker.client.post('/api/participants', { id, displayName: 'Event case' });
    const seen: string[][] = [];
    const listener = (docIds: string[]) => seen.push(docIds);
    server.app.deps.events.on('accessChanged', listener);
    try {
      await worker.client.put(`/api/participants/${id}/team`, { workers: [worker.id], experts: [] });
    } finally {
      server.app.deps.events.off('accessChanged', listener);
    }
    expect(seen).toEqual([[id]]);
  });

  it('answers 403 to a worker off the team or only reading it, experts and admins', async () => {
    const id = uuidv7();
    await worker.client.post('/api/participants', { id, displayName: 'Guarded' });
    const team = { workers: [worker2.id], experts: [] };
    expect((await worker2.client.put(`/api/participants/${id}/team`, team)).status).toBe(403);
    await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id],
      experts: [],
      readers: [worker2.id]
    });
    expect((await worker2.client.put(`/api/participants/${id}/team`, team)).status).toBe(403);
    expect((await expert.client.put(`/api/participants/${id}/team`, team)).status).toBe(403);
    expect((await admin.put(`/api/participants/${id}/team`, team)).status).toBe(403);
    expect((await new ApiClient(server.url).put(`/api/participants/${id}/team`, team)).status).toBe(401);
  });

  it('answers 404 for an unknown participant', async () => {
    const res = await coordinator.client.put(`/api/participants/${uuidv7()}/team`, {
      workers: [],
      experts: []
    });
    expect(res.status).toBe(404);
  });

  it('answers 422 to unknown, disabled, wrong-role and repeated users', async () => {
    const id = uuidv7();
    await worker.client.post('/api/participants', { id, displayName: 'Checked' });
    const put = (body: unknown) => coordinator.client.put(`/api/participants/${id}/team`, body);

    const cases: unknown[] = [
      { workers: [uuidv7()], experts: [] },
      { workers: [disabledWorker.id], experts: [] },
      { workers: [expert.id], experts: [] },
      { workers: [worker.id], experts: [worker2.id] },
      { workers: [worker.id], experts: [], readers: [worker.id] },
      { workers: [], experts: [], readers: ['no-such-user'] }
    ];
    for (const body of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body).toMatchObject({ error: { code: 'invalid_team' } });
    }
    // An admin cannot be put on a team, not even as a reader.
    const admins = (await admin.get('/api/users')).body as { id: string; role: string }[];
    const adminId = admins.find((u) => u.role === 'admin')!.id;
    expect((await put({ workers: [], experts: [], readers: [adminId] })).status).toBe(422);
    // A malformed body is 422 too, with the validation code.
    const malformed = await put({ workers: 'me' });
    expect(malformed.status).toBe(422);
    expect(malformed.body).toMatchObject({ error: { code: 'invalid_request' } });
    // The team is unchanged after all the refusals.
    const list = (await coordinator.client.get('/api/participants')).body as { id: string; team: unknown }[];
    expect(list.find((p) => p.id === id)!.team).toEqual({ workers: [worker.id], experts: [], readers: [] });
  });
});
