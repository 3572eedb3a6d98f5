import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '$lib/api/client';
import {
  INITIAL_TEAM_VERSION,
  TEAM_CHANGED,
  type ParticipantSummary,
  type TeamRequest
} from '$lib/api/schemas';
import type { StaffMember } from '$lib/api/staff';
import { isUuidV7 } from '$lib/domain/ids';
import type { DeviceStore } from '$lib/persistence/device-store';
import { dumpRawDatabase, fakeIdb, openTestDevice } from '$lib/persistence/testing';
import type { DirectoryRecord, OutboxRecord } from './device-records.ts';
import { DirectoryState, directoryProblemKey, type DirectoryContext } from './directory.svelte.ts';

/**
 * A tiny in-memory server for /api/participants (with a participant's team) and /api/staff, with
 * switches for the network and refusals.
 */
class FakeServer {
  online = true;
  participants: ParticipantSummary[] = [];
  staff: StaffMember[] = [];
  /** When set, `GET /api/staff` answers with this status. */
  staffStatus: number | null = null;
  posts: { id: string; displayName: string }[] = [];
  refuse: { status: number; code: string } | null = null;
  /** Teams set through `PUT /api/participants/:id/team`, in order, with the version sent. */
  teams: { id: string; team: TeamRequest; basedOn: number | undefined }[] = [];
  /** Every `PUT …/team` received, applied or not. */
  teamPuts = 0;
  /** When set, `PUT /api/participants/:id/team` answers with this status. */
  teamStatus: number | null = null;

  fetch: typeof fetch = async (input, init) => {
    if (!this.online) throw new TypeError('Failed to fetch');
    const url = String(input);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    if (url === '/api/participants' && init?.method === 'GET') return json(200, this.participants);
    if (url === '/api/staff' && init?.method === 'GET') {
      if (this.staffStatus) return json(this.staffStatus, { error: { code: 'failed', message: 'staff' } });
      return json(200, this.staff);
    }
    if (url === '/api/participants' && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as { id: string; displayName: string };
      this.posts.push(body);
      if (this.refuse) return json(this.refuse.status, { error: { ...this.refuse, message: 'refused' } });
      if (!this.participants.some((p) => p.id === body.id)) {
        this.participants.push({
          id: body.id,
          docId: body.id,
          displayName: body.displayName,
          alias: null,
          team: { workers: ['u1'], experts: [], readers: [] },
          teamVersion: INITIAL_TEAM_VERSION,
          createdAt: '2026-11-29T10:00:00.000Z',
          updatedAt: '2026-11-29T10:00:00.000Z'
        });
      }
      return json(201, { id: body.id, docId: body.id });
    }
    const team = /^\/api\/participants\/([^/]+)\/team$/.exec(url);
    if (team && init?.method === 'PUT') {
      if (this.teamStatus) return json(this.teamStatus, { error: { code: 'invalid_team', message: 'team' } });
      const id = decodeURIComponent(team[1]!);
      const { basedOn, ...lists } = JSON.parse(String(init.body)) as TeamRequest;
      const participant = this.participants.find((p) => p.id === id);
      if (!participant) return json(404, { error: { code: 'not_found', message: id } });
      this.teamPuts++;
      // As the real server: a change made on another version than the current is refused.
      const version = participant.teamVersion ?? INITIAL_TEAM_VERSION;
      if (basedOn !== undefined && basedOn !== version) {
        return json(409, {
          error: {
            code: TEAM_CHANGED,
            message: 'changed',
            current: { team: participant.team, teamVersion: version }
          }
        });
      }
      this.teams.push({ id, team: lists, basedOn });
      participant.team = { workers: lists.workers, experts: lists.experts, readers: lists.readers ?? [] };
      participant.teamVersion = version + 1;
      return json(200, participant);
    }
    return json(404, { error: { code: 'not_found', message: url } });
  };
}

const stores: DeviceStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function setup(idb = fakeIdb()) {
  const store = (await openTestDevice({ idb })) as DeviceStore<OutboxRecord, DirectoryRecord>;
  stores.push(store as DeviceStore);
  const server = new FakeServer();
  const context: DirectoryContext = {
    table: store.directory,
    outbox: store.outbox,
    api: new ApiClient({ fetch: server.fetch, cookies: () => '' }),
    online: () => server.online
  };
  const directory = new DirectoryState();
  await directory.attach(context);
  return { store, server, context, directory, idb };
}

describe('DirectoryState', () => {
  it('registers offline: listed at once as waiting, kept encrypted in the outbox, sent once online', async () => {
    const { store, server, directory, idb } = await setup();
    server.online = false;
    const { id, docId } = await directory.register({ displayName: 'Vankilassa Rekisteröity' });
    expect(isUuidV7(id)).toBe(true);
    expect(docId).toBe(id);
    expect(directory.participants).toMatchObject([
      { id, displayName: 'Vankilassa Rekisteröity', pending: true }
    ]);
    expect(directory.outboxCount).toBe(1);
    expect(server.posts).toEqual([]);
    // The name is in the outbox, but only encrypted.
    const raw = JSON.stringify(await dumpRawDatabase(idb, store.db.name), (_k, v: unknown) =>
      v instanceof Uint8Array ? Array.from(v) : v
    );
    expect(raw).not.toContain('Vankilassa');

    server.online = true;
    await directory.refresh();
    expect(server.posts).toEqual([{ id, displayName: 'Vankilassa Rekisteröity' }]);
    expect(directory.participants).toMatchObject([{ id, pending: false, problem: null }]);
    expect(directory.outboxCount).toBe(0);
    expect(await store.outbox.count()).toBe(0);
  });

  it('survives a restart: the cache and the outbox come back after unlock, and a resend is idempotent', async () => {
    const first = await setup();
    first.server.participants.push({
      id: 'p-1',
      docId: 'p-1',
      displayName: 'Jo Palvelimella',
      alias: null,
      team: { workers: ['u1'], experts: [], readers: [] },
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-01T10:00:00.000Z'
    });
    await first.directory.refresh();
    first.server.online = false;
    const { id } = await first.directory.register({ displayName: 'Odottava' });
    first.directory.detach();
    expect(first.directory.participants).toEqual([]);

    // The same device store, attached again (as after a lock and unlock), offline.
    const again = new DirectoryState();
    await again.attach(first.context);
    expect(again.participants.map((p) => [p.displayName, p.pending])).toEqual([
      ['Jo Palvelimella', false],
      ['Odottava', true]
    ]);
    expect(again.nameOf('p-1')).toBe('Jo Palvelimella');

    // Sent twice (an answer lost on the way): the server answers the same, one participant.
    first.server.online = true;
    await again.flush();
    await first.context.outbox.put(id, {
      kind: 'register-participant',
      id,
      displayName: 'Odottava',
      createdAt: Date.now(),
      failure: null
    });
    const third = new DirectoryState();
    await third.attach(first.context);
    await third.refresh();
    expect(first.server.participants.filter((p) => p.id === id)).toHaveLength(1);
    expect(third.outboxCount).toBe(0);
  });

  it('keeps a refusal with the entry as a problem the user can act on: send again, or discard', async () => {
    const { server, directory, store } = await setup();
    server.refuse = { status: 409, code: 'conflict' };
    const { id } = await directory.register({ displayName: 'Ristiriita' });
    await directory.flush();
    const [entry] = directory.participants;
    expect(entry).toMatchObject({ id, pending: true, problem: { status: 409, code: 'conflict' } });
    expect(directoryProblemKey(entry!.problem!)).toBe('directory.problem.idInUse');
    // A refused entry is not resent by itself.
    await directory.flush();
    expect(server.posts).toHaveLength(1);

    server.refuse = null;
    await directory.retry(id);
    expect(directory.participants).toMatchObject([{ id, pending: false, problem: null }]);

    server.refuse = { status: 403, code: 'forbidden' };
    const second = await directory.register({ displayName: 'Ei oikeutta' });
    await directory.flush();
    expect(directoryProblemKey(directory.byId(second.id)!.problem!)).toBe('directory.problem.forbidden');
    await directory.discard(second.id);
    expect(directory.byId(second.id)).toBeUndefined();
    expect(await store.outbox.count()).toBe(0);
  });

  it('a network failure or an ended session leaves the entry waiting, without a problem', async () => {
    const { server, directory } = await setup();
    server.refuse = { status: 401, code: 'unauthorized' };
    const { id } = await directory.register({ displayName: 'Odottaa kirjautumista' });
    await directory.flush();
    expect(directory.byId(id)).toMatchObject({ pending: true, problem: null });
  });

  it('keeps the staff list encrypted on the device: names after an offline restart, gone after a wipe', async () => {
    const first = await setup();
    const colleague: StaffMember = { id: 'u2', displayName: 'Kalle Kollega', role: 'worker', enabled: true };
    first.server.staff = [colleague];
    await first.directory.refresh();
    expect(first.directory.staff).toEqual([colleague]);
    // On the device, but never in clear.
    const raw = JSON.stringify(await dumpRawDatabase(first.idb, first.store.db.name), (_k, v: unknown) =>
      v instanceof Uint8Array ? Array.from(v) : v
    );
    expect(raw).not.toContain('Kollega');

    // Locked: gone from memory. Unlocked again offline: back from the device.
    first.directory.detach();
    expect(first.directory.staff).toEqual([]);
    first.server.online = false;
    const again = new DirectoryState();
    await again.attach(first.context);
    expect(again.staff).toEqual([colleague]);
    // The staff row is not a participant, and does not count as a list from the server.
    expect(again.participants).toEqual([]);

    // Online, a new list replaces the cached one.
    first.server.online = true;
    const renamed = { ...colleague, displayName: 'Kalle Uusinimi' };
    first.server.staff = [renamed];
    await again.refresh();
    expect(again.staff).toEqual([renamed]);
    const third = new DirectoryState();
    await third.attach(first.context);
    expect(third.staff).toEqual([renamed]);

    // A wipe destroys the key: another device store on the same database finds nothing.
    await first.store.keyring.wipe();
    const wiped = await setup(first.idb);
    expect(wiped.directory.staff).toEqual([]);
  });

  it('a refused staff list keeps the participant list that arrived, and the cached staff', async () => {
    const { server, directory, context } = await setup();
    const colleague: StaffMember = { id: 'u2', displayName: 'Kalle Kollega', role: 'expert', enabled: true };
    server.staff = [colleague];
    await directory.refresh();
    server.participants.push({
      id: 'p-2',
      docId: 'p-2',
      displayName: 'Uusi Palvelimella',
      alias: null,
      team: { workers: ['u1'], experts: ['u2'], readers: [] },
      createdAt: '2026-11-02T10:00:00.000Z',
      updatedAt: '2026-11-02T10:00:00.000Z'
    });
    server.staffStatus = 500;
    await expect(directory.refresh()).rejects.toMatchObject({ status: 500 });
    expect(directory.participants.map((p) => p.id)).toEqual(['p-2']);
    expect(directory.staff).toEqual([colleague]);
    const again = new DirectoryState();
    await again.attach(context);
    expect(again.staff).toEqual([colleague]);
  });

  it('keeps a team chosen offline in the encrypted outbox entry: a restart does not forget it, and it is set once the registration is accepted', async () => {
    const first = await setup();
    first.server.online = false;
    const team: TeamRequest = { workers: ['u1', 'u-kollega'], experts: ['u-kokemus'] };
    const { id } = await first.directory.register({ displayName: 'Tiimin Kanssa', team });
    const raw = JSON.stringify(await dumpRawDatabase(first.idb, first.store.db.name), (_k, v: unknown) =>
      v instanceof Uint8Array ? Array.from(v) : v
    );
    expect(raw).not.toContain('u-kollega');

    // A reload: the directory is attached afresh from the device, still offline.
    first.directory.detach();
    const again = new DirectoryState();
    await again.attach(first.context);
    expect(again.byId(id)).toMatchObject({ pending: true });

    first.server.online = true;
    await again.refresh();
    expect(first.server.posts).toEqual([{ id, displayName: 'Tiimin Kanssa' }]);
    expect(first.server.teams).toEqual([{ id, team, basedOn: INITIAL_TEAM_VERSION }]);
    expect(again.byId(id)).toMatchObject({
      pending: false,
      problem: null,
      team: { workers: ['u1', 'u-kollega'], experts: ['u-kokemus'], readers: [] }
    });
    expect(again.outboxCount).toBe(0);
    expect(await first.store.outbox.count()).toBe(0);
  });

  it('a team that cannot be sent after its registration was accepted waits, marked registered, and is sent later without registering again', async () => {
    const first = await setup();
    first.server.teamStatus = 503;
    const team: TeamRequest = { workers: ['u1'], experts: ['u-kokemus'] };
    const { id } = await first.directory.register({ displayName: 'Puoliksi Lähetetty', team });
    await first.directory.flush();
    expect(first.server.posts).toHaveLength(1);
    expect(first.server.teams).toEqual([]);
    // The participant is the server's now; only its team waits.
    expect(first.directory.byId(id)).toMatchObject({ pending: false, problem: null });
    expect(first.directory.outboxCount).toBe(1);
    const [kept] = (await first.store.outbox.list()).entries;
    expect(kept?.value).toMatchObject({ id, registered: true, team, failure: null });

    // After a restart the team goes on its own; the registration is not sent again.
    first.directory.detach();
    first.server.teamStatus = null;
    const again = new DirectoryState();
    await again.attach(first.context);
    expect(again.byId(id)).toMatchObject({ pending: false });
    await again.flush();
    expect(first.server.posts).toHaveLength(1);
    expect(first.server.teams).toEqual([{ id, team, basedOn: INITIAL_TEAM_VERSION }]);
    expect(again.outboxCount).toBe(0);
  });

  it('a refused team is a problem of the registered participant: kept, not resent by itself, and can be discarded', async () => {
    const { server, directory, store } = await setup();
    server.teamStatus = 422;
    const { id } = await directory.register({
      displayName: 'Tiimi Hylätty',
      team: { workers: ['u1', 'u-pois'], experts: [] }
    });
    await directory.flush();
    const row = directory.byId(id);
    expect(row).toMatchObject({
      pending: false,
      problem: { status: 422, code: 'invalid_team', step: 'team' }
    });
    expect(directoryProblemKey(row!.problem!)).toBe('directory.problem.team');
    await directory.flush();
    expect(server.posts).toHaveLength(1);

    // Sent again once the server would take it.
    server.teamStatus = null;
    await directory.retry(id);
    expect(server.teams).toEqual([
      { id, team: { workers: ['u1', 'u-pois'], experts: [] }, basedOn: INITIAL_TEAM_VERSION }
    ]);
    expect(directory.byId(id)).toMatchObject({ pending: false, problem: null });

    // Discarding a refused team keeps the registered participant.
    server.teamStatus = 422;
    const second = await directory.register({
      displayName: 'Toinen',
      team: { workers: ['u1'], experts: ['x'] }
    });
    await directory.flush();
    await directory.discard(second.id);
    expect(directory.byId(second.id)).toMatchObject({ pending: false, problem: null });
    expect(await store.outbox.count()).toBe(0);
  });

  it('rejects a team that is not lists of user ids', async () => {
    const { directory } = await setup();
    await expect(
      directory.register({ displayName: 'X', team: { workers: [''], experts: [] } })
    ).rejects.toMatchObject({ code: 'invalid_team' });
  });

  it('refuses to work locked and rejects an empty name', async () => {
    const directory = new DirectoryState();
    await expect(directory.register({ displayName: 'X' })).rejects.toMatchObject({ code: 'locked' });
    const { directory: open } = await setup();
    await expect(open.register({ displayName: '   ' })).rejects.toMatchObject({ code: 'invalid_name' });
  });
});

describe('DirectoryState: a team someone else changed meanwhile (409 team_changed)', () => {
  const mine: TeamRequest = { workers: ['u1'], experts: ['u-kokemus'] };
  const coordinators = { workers: ['u1', 'u-uusi'], experts: [], readers: [] };

  /**
   * A registration with a team whose team could not be sent at once (the server was down for
   * the PUT): the coordinator then sets another team on the server, version 2.
   */
  async function teamChangedMeanwhile() {
    const env = await setup();
    env.server.teamStatus = 503;
    const { id } = await env.directory.register({ displayName: 'Tiimi Muuttui', team: mine });
    await env.directory.flush();
    expect(env.directory.byId(id)).toMatchObject({ pending: false, problem: null });
    env.server.teamStatus = null;
    const listed = env.server.participants.find((p) => p.id === id)!;
    listed.team = coordinators;
    listed.teamVersion = INITIAL_TEAM_VERSION + 1;
    return { ...env, id };
  }

  it('does not apply the queued team: the refusal is kept, with the current team and the user’s own', async () => {
    const { server, directory, context, id } = await teamChangedMeanwhile();
    await directory.flush();
    expect(server.teamPuts).toBe(1);
    expect(server.teams).toEqual([]);
    expect(server.participants.find((p) => p.id === id)?.team).toEqual(coordinators);
    const row = directory.byId(id)!;
    expect(row).toMatchObject({
      pending: false,
      problem: { status: 409, code: TEAM_CHANGED, step: 'team' },
      // Fetched again after the refusal: the team the coordinator set, and its version.
      team: coordinators,
      teamVersion: INITIAL_TEAM_VERSION + 1,
      teamToSend: mine
    });
    expect(directoryProblemKey(row.problem!)).toBe('directory.problem.teamChanged');
    expect(directory.outboxCount).toBe(1);

    // Not resent by itself, and still there after a restart.
    await directory.flush();
    expect(server.teamPuts).toBe(1);
    directory.detach();
    const again = new DirectoryState();
    await again.attach(context);
    expect(again.byId(id)).toMatchObject({ problem: { code: TEAM_CHANGED }, teamToSend: mine });
  });

  it('"apply mine" sends the team again based on the version the user saw, and it is set', async () => {
    const { server, directory, store, id } = await teamChangedMeanwhile();
    await directory.flush();
    const seen = directory.byId(id)!.teamVersion;
    expect(seen).toBe(INITIAL_TEAM_VERSION + 1);
    await directory.retry(id, { basedOn: seen });
    expect(server.teams).toEqual([{ id, team: mine, basedOn: INITIAL_TEAM_VERSION + 1 }]);
    expect(directory.byId(id)).toMatchObject({
      problem: null,
      team: { workers: ['u1'], experts: ['u-kokemus'], readers: [] },
      teamVersion: INITIAL_TEAM_VERSION + 2
    });
    expect(await store.outbox.count()).toBe(0);
  });

  it('"apply mine" without a version uses the one listed now', async () => {
    const { server, directory, id } = await teamChangedMeanwhile();
    await directory.flush();
    await directory.retry(id);
    expect(server.teams.map((t) => t.basedOn)).toEqual([INITIAL_TEAM_VERSION + 1]);
    expect(directory.outboxCount).toBe(0);
  });

  it('"apply mine" over a team changed yet again since the user saw it is refused again, not applied', async () => {
    const { server, directory, id } = await teamChangedMeanwhile();
    await directory.flush();
    const seen = directory.byId(id)!.teamVersion;
    const listed = server.participants.find((p) => p.id === id)!;
    const third = { workers: ['u1'], experts: [], readers: ['u-lukija'] };
    listed.team = third;
    listed.teamVersion = INITIAL_TEAM_VERSION + 2;
    await directory.retry(id, { basedOn: seen });
    expect(server.teams).toEqual([]);
    expect(listed.team).toEqual(third);
    expect(directory.byId(id)).toMatchObject({
      problem: { code: TEAM_CHANGED },
      team: third,
      teamVersion: INITIAL_TEAM_VERSION + 2
    });
  });

  it('discarding keeps the team the coordinator set', async () => {
    const { server, directory, store, id } = await teamChangedMeanwhile();
    await directory.flush();
    await directory.discard(id);
    expect(directory.byId(id)).toMatchObject({ problem: null, team: coordinators, teamToSend: null });
    expect(server.teams).toEqual([]);
    expect(await store.outbox.count()).toBe(0);
  });

  it('leaves the outbox by itself when the server already has the team (an answer lost on the way)', async () => {
    const { server, directory, store, id } = await teamChangedMeanwhile();
    const listed = server.participants.find((p) => p.id === id)!;
    listed.team = { ...mine, readers: [] };
    await directory.flush();
    expect(server.teams).toEqual([]);
    expect(directory.byId(id)).toMatchObject({ problem: null, teamToSend: null });
    expect(directory.outboxCount).toBe(0);
    await vi.waitFor(async () => expect(await store.outbox.count()).toBe(0));
  });

  it('a team chosen while registering is sent based on the initial version, whatever the caller passed', async () => {
    const { server, directory, id } = await (async () => {
      const env = await setup();
      const { id } = await env.directory.register({
        displayName: 'Versio',
        team: { ...mine, basedOn: 7 }
      });
      await env.directory.flush();
      return { ...env, id };
    })();
    expect(server.teams).toEqual([{ id, team: mine, basedOn: INITIAL_TEAM_VERSION }]);
    expect(directory.outboxCount).toBe(0);
  });
});
