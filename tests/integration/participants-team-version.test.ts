/**
 * Optimistic concurrency on a participant's team, against the real server: the list carries each
 * team's version, a change made on an old version (`basedOn`) is refused with 409 and the current
 * team and changes nothing, a change on the current version adds one, and a change without
 * `basedOn` works as before (tools outside the app).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INITIAL_TEAM_VERSION,
  TEAM_CHANGED,
  teamChangedErrorBody,
  type ParticipantSummary
} from '../../src/lib/api/schemas.ts';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import {
  createUser,
  setupAdmin,
  startTestServer,
  type ApiClient,
  type TestServer
} from '../helpers/test-server.ts';

interface Actor {
  client: ApiClient;
  id: string;
}

let server: TestServer;
let coordinator: Actor;
let worker: Actor;
let worker2: Actor;
let expert: Actor;

beforeAll(async () => {
  server = await startTestServer();
  const admin = await setupAdmin(server);
  coordinator = await createUser(server, admin, 'coordinator', 'coordinator');
  worker = await createUser(server, admin, 'worker', 'worker');
  worker2 = await createUser(server, admin, 'worker2', 'worker');
  expert = await createUser(server, admin, 'expert', 'expert');
});
afterAll(async () => {
  await server.stop();
});

/** Registers a participant as `worker` (who is then its only team member). */
async function register(): Promise<string> {
  const id = uuidv7();
  expect((await worker.client.post('/api/participants', { id, displayName: 'Team Version' })).status).toBe(
    201
  );
  return id;
}

/** The participant as the coordinator's list shows it. */
async function listed(id: string): Promise<ParticipantSummary> {
  const res = await coordinator.client.get('/api/participants');
  expect(res.status).toBe(200);
  const found = (res.body as ParticipantSummary[]).find((p) => p.id === id);
  expect(found).toBeDefined();
  return found!;
}

describe('team versions', () => {
  it('lists a registered participant at the initial team version', async () => {
    const id = await register();
    const p = await listed(id);
    expect(p.teamVersion).toBe(INITIAL_TEAM_VERSION);
    // The worker's own list says the same.
    const own = await worker.client.get('/api/participants');
    expect((own.body as ParticipantSummary[]).find((x) => x.id === id)?.teamVersion).toBe(
      INITIAL_TEAM_VERSION
    );
  });

  it('applies a change based on the current version and adds one to the version', async () => {
    const id = await register();
    const res = await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id],
      experts: [expert.id],
      basedOn: INITIAL_TEAM_VERSION
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ teamVersion: INITIAL_TEAM_VERSION + 1, team: { experts: [expert.id] } });
    const p = await listed(id);
    expect(p.teamVersion).toBe(INITIAL_TEAM_VERSION + 1);
    expect(p.team).toEqual({ workers: [worker.id], experts: [expert.id], readers: [] });
  });

  it('refuses a change based on an old version with 409 and the current team, changing nothing', async () => {
    const id = await register();
    // The coordinator takes worker2 on and the expert off... after the worker's device saw v1.
    const coordinatorTeam = { workers: [worker.id, worker2.id].sort(), experts: [], readers: [] };
    const byCoordinator = await coordinator.client.put(`/api/participants/${id}/team`, {
      ...coordinatorTeam,
      basedOn: INITIAL_TEAM_VERSION
    });
    expect(byCoordinator.status).toBe(200);
    const before = await listed(id);
    const audits = (await server.app.deps.store.audit.list({ target: id })).length;

    // The worker's late change, made on v1, would take worker2 off and put the expert on.
    const late = await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id],
      experts: [expert.id],
      basedOn: INITIAL_TEAM_VERSION
    });
    expect(late.status).toBe(409);
    const body = teamChangedErrorBody.parse(late.body);
    expect(body.error.code).toBe(TEAM_CHANGED);
    expect(body.error.message).toMatch(/changed/);
    // The client sees the team the server has, and the version to base a resend on.
    expect(body.error.current).toEqual({ team: coordinatorTeam, teamVersion: INITIAL_TEAM_VERSION + 1 });

    const after = await listed(id);
    expect(after.team).toEqual(coordinatorTeam);
    expect(after.teamVersion).toBe(before.teamVersion);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect((await server.app.deps.store.audit.list({ target: id })).length).toBe(audits);
    // worker2 keeps the access the coordinator gave.
    expect(await server.app.deps.store.directory.teamRole(id, worker2.id)).toBe('worker');
    expect(await server.app.deps.store.directory.teamRole(id, expert.id)).toBeNull();
  });

  it('refuses a basedOn ahead of the server (a version it never had)', async () => {
    const id = await register();
    const res = await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id],
      experts: [expert.id],
      basedOn: INITIAL_TEAM_VERSION + 5
    });
    expect(res.status).toBe(409);
    expect(teamChangedErrorBody.parse(res.body).error.current.teamVersion).toBe(INITIAL_TEAM_VERSION);
    expect((await listed(id)).team.experts).toEqual([]);
  });

  it('applies the change when sent again based on the version the 409 gave', async () => {
    const id = await register();
    await coordinator.client.put(`/api/participants/${id}/team`, { workers: [worker.id], experts: [] });
    const stale = await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id],
      experts: [expert.id],
      basedOn: INITIAL_TEAM_VERSION
    });
    const current = teamChangedErrorBody.parse(stale.body).error.current;
    const again = await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id],
      experts: [expert.id],
      basedOn: current.teamVersion
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      teamVersion: current.teamVersion + 1,
      team: { experts: [expert.id] }
    });
  });

  it('lets exactly one of two changes based on the same version through', async () => {
    const id = await register();
    const [a, b] = await Promise.all([
      worker.client.put(`/api/participants/${id}/team`, {
        workers: [worker.id],
        experts: [expert.id],
        basedOn: INITIAL_TEAM_VERSION
      }),
      coordinator.client.put(`/api/participants/${id}/team`, {
        workers: [worker.id, worker2.id],
        experts: [],
        basedOn: INITIAL_TEAM_VERSION
      })
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await listed(id)).teamVersion).toBe(INITIAL_TEAM_VERSION + 1);
  });

  it('replaces the team without basedOn as before, and still counts the version', async () => {
    const id = await register();
    await coordinator.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id, worker2.id],
      experts: []
    });
    const res = await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id],
      experts: []
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ team: { workers: [worker.id] }, teamVersion: INITIAL_TEAM_VERSION + 2 });
    expect((await listed(id)).team.workers).toEqual([worker.id]);
  });

  it('checks the body before the version: a bad basedOn is 422', async () => {
    const id = await register();
    for (const basedOn of [0, 1.5, '1', -1]) {
      const res = await worker.client.put(`/api/participants/${id}/team`, {
        workers: [worker.id],
        experts: [],
        basedOn
      });
      expect(res.status).toBe(422);
    }
    expect((await listed(id)).teamVersion).toBe(INITIAL_TEAM_VERSION);
  });
});
