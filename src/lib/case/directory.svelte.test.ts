import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api/client';
import { TEAM_CHANGED, type ParticipantSummary, type TeamRequest } from '$lib/api/schemas';
import type { StaffMember } from '$lib/api/staff';
import type { DirectoryParticipant } from '$lib/app/directory.svelte';
import { CaseDirectory } from './directory.svelte.ts';
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
    // A basedOn the caller passed is replaced by the version listed.
    await directory.setTeam('p1', { workers: ['u-me'], experts: ['u-expert'], basedOn: 1 });
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
});

afterEach(() => {
  vi.unstubAllGlobals();
});
