import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api/client';
import { TEAM_CHANGED, type ParticipantSummary, type TeamRequest } from '$lib/api/schemas';
import type { StaffMember } from '$lib/api/staff';
import type { DirectoryParticipant } from '$lib/app/directory.svelte';
import { CaseDirectory, TeamEdit } from './directory.svelte.ts';
import type { CaseApi, DeviceDirectory } from './registry-access.ts';

const at = '2026-11-29T10:00:00.000Z';

function row(id: string, over: Partial<DirectoryParticipant> = {}): DirectoryParticipant {
  return {
    id,
    docId: id,
    displayName: `Henkilö ${id}`,
    alias: null,
    team: { workers: ['u-other'], experts: [], readers: [] },
    createdAt: at,
    updatedAt: at,
    pending: false,
    problem: null,
    ...over
  };
}

/** The device directory as the case pages read it, without a device. */
function deviceDirectory(participants: DirectoryParticipant[], staff: StaffMember[]): DeviceDirectory {
  return {
    participants,
    staff,
    loaded: true,
    refreshedAt: null,
    refresh: async () => {},
    register: async ({ id = 'new' }) => ({ id, docId: id }),
    flush: async () => {}
  };
}

const api: CaseApi = {
  setTeam: () => Promise.reject(new Error('not called in these tests'))
};

describe('CaseDirectory', () => {
  it('names colleagues from the device directory’s staff list, for whichever user is signed in', () => {
    const colleague: StaffMember = {
      id: 'u-other',
      displayName: 'Kalle Kollega',
      role: 'worker',
      enabled: true
    };
    const device = deviceDirectory([row('p1')], [colleague]);
    const directory = new CaseDirectory(api, () => device).forUser('u-me');
    expect(directory.staffMember('u-other')?.displayName).toBe('Kalle Kollega');
    expect(directory.staffMember('u-nobody')).toBeUndefined();
    // The list belongs to the device session (locked → emptied there), not to the page's user.
    expect(directory.forUser('u-someone-else').staff).toEqual([colleague]);
  });

  it('tells each row where its registration stands: sent, waiting in the outbox, or refused', () => {
    const refusal = { status: 403, code: 'forbidden', message: 'no', at: 1 };
    const device = deviceDirectory(
      [
        row('sent'),
        row('waiting', { pending: true, team: null }),
        row('refused', { pending: true, team: null, problem: refusal })
      ],
      []
    );
    const directory = new CaseDirectory(api, () => device).forUser('u-me');
    expect(directory.participants.map((p) => [p.id, p.registration, p.pending])).toEqual([
      ['sent', 'sent', false],
      ['waiting', 'waiting', true],
      ['refused', 'refused', true]
    ]);
    // A waiting registration has just its registrant on the team until the server answers.
    expect(directory.participant('waiting')?.team).toEqual({ workers: ['u-me'], experts: [], readers: [] });
  });

  it('hands a team chosen while registering to the device’s outbox with the registration', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const registered: { id?: string; displayName: string; team?: TeamRequest | null }[] = [];
    const device: DeviceDirectory = {
      ...deviceDirectory([], []),
      register: async (input) => {
        registered.push(input);
        return { id: input.id ?? 'new', docId: input.id ?? 'new' };
      }
    };
    const directory = new CaseDirectory(api, () => device).forUser('u-me');
    const team = { workers: ['u-me', 'u-other'], experts: ['u-expert'] };
    await directory.register({ id: 'p-new', displayName: 'Uusi' }, team);
    await directory.register({ id: 'p-alone', displayName: 'Yksin' }, null);
    expect(registered).toEqual([
      { id: 'p-new', displayName: 'Uusi', team },
      { id: 'p-alone', displayName: 'Yksin', team: null }
    ]);
  });

  it('sends a team change based on the listed team version, and shows the server’s answer until a newer list', async () => {
    const sent: { id: string; team: TeamRequest }[] = [];
    let answer: () => Promise<ParticipantSummary> = () => Promise.reject(new Error('unset'));
    const teamApi: CaseApi = {
      setTeam: (id, team) => {
        sent.push({ id, team });
        return answer();
      }
    };
    const rows = [row('p1', { teamVersion: 3 })];
    const device = { ...deviceDirectory(rows, []), participants: rows };
    const directory = new CaseDirectory(teamApi, () => device).forUser('u-me');
    const mine = { workers: ['u-me'], experts: ['u-expert'], readers: [] };

    answer = () => Promise.resolve({ ...rows[0]!, team: mine, teamVersion: 4 });
    // Without a basedOn from the caller, the version listed now.
    await directory.setTeam('p1', { workers: ['u-me'], experts: ['u-expert'] });
    expect(sent).toEqual([{ id: 'p1', team: { workers: ['u-me'], experts: ['u-expert'], basedOn: 3 } }]);
    expect(directory.participant('p1')).toMatchObject({ team: mine, teamVersion: 4 });

    // A later list with a newer team (someone else's change) wins over the one this page set.
    const theirs = { workers: ['u-other'], experts: [], readers: [] };
    rows[0] = row('p1', { team: theirs, teamVersion: 5 });
    expect(directory.participant('p1')).toMatchObject({ team: theirs, teamVersion: 5 });

    // Refused as changed meanwhile: rejects, and the team shown is not the refused one.
    answer = () => Promise.reject(new ApiError(409, TEAM_CHANGED, 'changed', []));
    await expect(directory.setTeam('p1', { workers: ['u-me'], experts: [] })).rejects.toMatchObject({
      code: TEAM_CHANGED
    });
    expect(sent[1]?.team.basedOn).toBe(5);
    expect(directory.participant('p1')).toMatchObject({ team: theirs, teamVersion: 5 });
  });

  it('sends no basedOn when the cached list predates team versions', async () => {
    const sent: TeamRequest[] = [];
    const teamApi: CaseApi = {
      setTeam: (_id, team) => {
        sent.push(team);
        return Promise.resolve({
          ...row('p1'),
          team: { workers: ['u-me'], experts: [], readers: [] },
          teamVersion: 2
        });
      }
    };
    const directory = new CaseDirectory(teamApi, () => deviceDirectory([row('p1')], [])).forUser('u-me');
    await directory.setTeam('p1', { workers: ['u-me'], experts: [] });
    expect(sent).toEqual([{ workers: ['u-me'], experts: [] }]);
  });

  it('sends the version the caller’s edit started from as basedOn, not the one listed now', async () => {
    const sent: TeamRequest[] = [];
    const teamApi: CaseApi = {
      setTeam: (_id, team) => {
        sent.push(team);
        return Promise.reject(new ApiError(409, TEAM_CHANGED, 'changed', []));
      }
    };
    const rows = [row('p1', { teamVersion: 7 })];
    const directory = new CaseDirectory(teamApi, () => deviceDirectory(rows, [])).forUser('u-me');
    await expect(
      directory.setTeam('p1', { workers: ['u-me'], experts: [], basedOn: 6 })
    ).rejects.toMatchObject({ status: 409, code: TEAM_CHANGED });
    expect(sent).toEqual([{ workers: ['u-me'], experts: [], basedOn: 6 }]);
  });
});

/**
 * The server's team of one participant, as PUT /api/participants/:id/team keeps it: a version
 * that grows with each change, and a 409 `team_changed` for a change based on an older one.
 */
function teamServer(team: ParticipantSummary['team'], teamVersion: number) {
  const server = { team, teamVersion, received: [] as TeamRequest[] };
  const rows = [row('p1', { team, teamVersion })];
  const device: DeviceDirectory = {
    ...deviceDirectory(rows, []),
    participants: rows,
    refresh: async () => {
      rows[0] = row('p1', { team: server.team, teamVersion: server.teamVersion });
    }
  };
  const api: CaseApi = {
    setTeam: async (_id, request) => {
      server.received.push(request);
      if (request.basedOn !== undefined && request.basedOn !== server.teamVersion) {
        throw new ApiError(409, TEAM_CHANGED, 'The team changed meanwhile.', []);
      }
      server.team = { workers: request.workers, experts: request.experts, readers: request.readers ?? [] };
      server.teamVersion += 1;
      return { ...rows[0]!, team: server.team, teamVersion: server.teamVersion };
    }
  };
  /** A colleague's change through the API, seen by this page only at its next refresh. */
  const colleagueSets = (next: ParticipantSummary['team']) => {
    server.team = next;
    server.teamVersion += 1;
  };
  return { server, device, api, colleagueSets };
}

describe('TeamEdit', () => {
  const start = { workers: ['u-me'], experts: [], readers: [] };
  const mine = { workers: ['u-me', 'u-mine'], experts: [], readers: [] };
  const theirs = { workers: ['u-me', 'u-theirs'], experts: ['u-expert'], readers: [] };

  function setup() {
    const world = teamServer(start, 2);
    const directory = new CaseDirectory(world.api, () => world.device).forUser('u-me');
    const edit = new TeamEdit(directory, 'p1', (team) => directory.setTeam('p1', team));
    return { ...world, directory, edit };
  }

  it('keeps a draft made before a refresh based on the version it started from, so a colleague’s newer team is not replaced', async () => {
    const { server, directory, edit, colleagueSets } = setup();
    expect(edit.shown).toEqual(start);
    edit.change(mine);
    expect(edit.basedOn).toBe(2);

    // A colleague saves; this page's directory refreshes while the user is still editing.
    colleagueSets(theirs);
    await directory.refresh();
    expect(directory.participant('p1')).toMatchObject({ team: theirs, teamVersion: 3 });
    // The picker keeps showing the user's draft, and says the team changed meanwhile.
    expect(edit.shown).toEqual(mine);
    expect(edit.changedMeanwhile).toBe(true);

    await edit.submit();
    // Sent based on version 2 (where the edit started), not the listed 3: refused.
    expect(server.received).toEqual([{ workers: mine.workers, experts: [], readers: [], basedOn: 2 }]);
    expect(server.team).toEqual(theirs);
    expect(edit.conflict).toBe(true);
    expect(edit.draft).toEqual(mine);
    expect(edit.listed?.team).toEqual(theirs);
    expect(edit.saved).toBe(false);
    expect(edit.error).toBeNull();
    expect(edit.changedMeanwhile).toBe(false);
  });

  it('applies the kept draft knowingly, based on the version shown after the refusal', async () => {
    const { server, directory, edit, colleagueSets } = setup();
    edit.change(mine);
    colleagueSets(theirs);
    await directory.refresh();
    await edit.submit();
    expect(edit.conflict).toBe(true);

    await edit.applyMine();
    expect(server.received[1]).toEqual({ workers: mine.workers, experts: [], readers: [], basedOn: 3 });
    expect(server.team).toEqual(mine);
    expect(server.teamVersion).toBe(4);
    expect(edit.conflict).toBe(false);
    expect(edit.draft).toBeNull();
    expect(edit.saved).toBe(true);
    expect(edit.shown).toEqual(mine);
  });

  it('is refused again when the team changes yet again before "apply mine" lands', async () => {
    const { server, edit, colleagueSets } = setup();
    edit.change(mine);
    colleagueSets(theirs);
    await edit.submit();
    expect(edit.conflict).toBe(true);
    expect(edit.listed?.teamVersion).toBe(3);

    colleagueSets(start);
    await edit.applyMine();
    expect(server.received.map((r) => r.basedOn)).toEqual([2, 3]);
    expect(server.team).toEqual(start);
    expect(edit.conflict).toBe(true);
    // The refusal refreshed the list: the current team shown is the latest one.
    expect(edit.listed).toMatchObject({ team: start, teamVersion: 4 });
    expect(edit.draft).toEqual(mine);
  });

  it('drops the draft on discard and shows the current team', async () => {
    const { server, edit, colleagueSets } = setup();
    edit.change(mine);
    colleagueSets(theirs);
    await edit.submit();
    edit.discard();
    expect(edit.draft).toBeNull();
    expect(edit.conflict).toBe(false);
    expect(edit.shown).toEqual(theirs);
    expect(server.team).toEqual(theirs);
    // A new edit starts from the version shown now.
    edit.change(mine);
    expect(edit.basedOn).toBe(3);
  });

  it('saves without a note when nobody changed the team, and later edits start from the new version', async () => {
    const { server, edit } = setup();
    edit.change({ ...mine, workers: ['u-me'] });
    edit.change(mine);
    expect(edit.changedMeanwhile).toBe(false);
    await edit.submit();
    expect(server.received).toEqual([{ workers: mine.workers, experts: [], readers: [], basedOn: 2 }]);
    expect(edit.saved).toBe(true);
    expect(edit.draft).toBeNull();

    edit.change(start);
    expect(edit.basedOn).toBe(3);
    expect(edit.saved).toBe(false);
  });

  it('keeps a change made while the save was on its way, based on the team just saved', async () => {
    const { server, edit } = setup();
    edit.change(mine);
    const sending = edit.submit();
    edit.change(theirs);
    await sending;
    expect(server.team).toEqual(mine);
    expect(edit.draft).toEqual(theirs);
    expect(edit.basedOn).toBe(3);
    expect(edit.changedMeanwhile).toBe(false);
    await edit.submit();
    expect(server.received.map((r) => r.basedOn)).toEqual([2, 3]);
    expect(server.team).toEqual(theirs);
    expect(edit.draft).toBeNull();
  });

  it('keeps the draft and reports another failure (offline) without calling it a conflict', async () => {
    const rows = [row('p1', { team: start, teamVersion: 2 })];
    const offline: CaseApi = {
      setTeam: () => Promise.reject(new ApiError(0, 'network_unreachable', 'offline'))
    };
    const directory = new CaseDirectory(offline, () => deviceDirectory(rows, [])).forUser('u-me');
    const edit = new TeamEdit(directory, 'p1', (team) => directory.setTeam('p1', team));
    edit.change(mine);
    await edit.submit();
    expect(edit.error).toMatchObject({ status: 0 });
    expect(edit.conflict).toBe(false);
    expect(edit.draft).toEqual(mine);
    expect(edit.busy).toBe(false);
  });

  it('notices a changed team by its members when the cached list predates versions', () => {
    const rows = [row('p1', { team: start })];
    const directory = new CaseDirectory(api, () => deviceDirectory(rows, [])).forUser('u-me');
    const edit = new TeamEdit(directory, 'p1', () => Promise.resolve());
    edit.change(mine);
    expect(edit.basedOn).toBeUndefined();
    expect(edit.changedMeanwhile).toBe(false);
    rows[0] = row('p1', { team: theirs });
    expect(edit.changedMeanwhile).toBe(true);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});
