import { describe, expect, it } from 'vitest';
import { TEAM_CHANGED, type ParticipantSummary } from '$lib/api/schemas';
import type { OutboxRecord } from './device-records.ts';
import {
  mergeDirectory,
  openableDocIds,
  registrationState,
  sameTeam,
  type DirectoryParticipant,
  type OutboxItem
} from './directory-merge.ts';

function participant(id: string, team: DirectoryParticipant['team'], pending = false): DirectoryParticipant {
  return {
    id,
    docId: id,
    displayName: `Henkilö ${id}`,
    alias: null,
    team,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    pending,
    problem: null
  };
}

describe('openableDocIds', () => {
  it('keeps only the cases whose team holds the user, in any team role', () => {
    const list = [
      participant('a', { workers: ['me'], experts: [], readers: [] }),
      participant('b', { workers: ['other'], experts: ['me'], readers: [] }),
      participant('c', { workers: ['other'], experts: [], readers: ['me'] }),
      participant('d', { workers: ['other'], experts: [], readers: [] }),
      participant('e', null, true),
      participant('f', { workers: ['me'], experts: [], readers: [] }, true)
    ];
    expect(openableDocIds(list, 'me')).toEqual(['a', 'b', 'c']);
    expect(openableDocIds(list, 'nobody')).toEqual([]);
  });
});

function serverRow(id: string, displayName: string): ParticipantSummary {
  return {
    id,
    docId: id,
    displayName,
    alias: null,
    team: { workers: ['me'], experts: [], readers: [] },
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z'
  };
}

function outboxItem(id: string, displayName: string, failure: OutboxRecord['failure'] = null): OutboxItem {
  return {
    rowId: id,
    entry: { kind: 'register-participant', id, displayName, createdAt: Date.UTC(2026, 10, 29), failure }
  };
}

describe('registrationState', () => {
  const refusal = { status: 409, code: 'id_in_use', message: 'in use', at: 1 };

  it('marks a registration waiting while it is in the outbox, refused once refused, sent once listed', () => {
    const outbox = [outboxItem('w', 'Odottava'), outboxItem('r', 'Hylätty', refusal)];
    const before = mergeDirectory([serverRow('s', 'Palvelimella')], outbox);
    const states = Object.fromEntries(before.participants.map((p) => [p.id, registrationState(p)]));
    expect(states).toEqual({ s: 'sent', w: 'waiting', r: 'refused' });

    // The server accepted the waiting one: it lists it, so it is no longer marked.
    const after = mergeDirectory([serverRow('s', 'Palvelimella'), serverRow('w', 'Odottava')], outbox);
    expect(after.done.map((o) => o.rowId)).toEqual(['w']);
    expect(after.participants.map((p) => [p.id, registrationState(p)])).toEqual([
      ['r', 'refused'],
      ['w', 'sent'],
      ['s', 'sent']
    ]);
  });

  it('decides by the outbox alone, not by a problem left on a listed row', () => {
    expect(registrationState({ pending: false, problem: refusal })).toBe('sent');
    expect(registrationState({ pending: true, problem: null })).toBe('waiting');
    expect(registrationState({ pending: true, problem: refusal })).toBe('refused');
  });
});

describe('mergeDirectory with a team waiting to be set', () => {
  const team = { workers: ['me', 'colleague'], experts: [] };
  const withTeam = (id: string, name: string, over: Partial<OutboxRecord> = {}): OutboxItem => {
    const item = outboxItem(id, name);
    return { ...item, entry: { ...item.entry, team, ...over } };
  };

  it('keeps an entry whose team is not set yet, though the server lists its participant', () => {
    const outbox = [withTeam('t', 'Tiimillinen'), outboxItem('plain', 'Tavallinen')];
    const merged = mergeDirectory([serverRow('t', 'Tiimillinen'), serverRow('plain', 'Tavallinen')], outbox);
    expect(merged.done.map((o) => o.rowId)).toEqual(['plain']);
    expect(merged.waiting.map((o) => o.rowId)).toEqual(['t']);
    // Listed once, as the server's participant.
    expect(merged.participants.map((p) => [p.id, p.pending, p.problem])).toEqual([
      ['plain', false, null],
      ['t', false, null]
    ]);
  });

  it('lists an accepted registration as sent before the server list has it, and shows a refused team on it', () => {
    const refusal = { status: 422, code: 'invalid_team', message: 'no', at: 1, step: 'team' as const };
    const outbox = [withTeam('a', 'Hyväksytty', { registered: true }), withTeam('r', 'Tiimi hylätty')];
    outbox[1]!.entry.failure = refusal;
    const merged = mergeDirectory([serverRow('r', 'Tiimi hylätty')], outbox);
    expect(merged.done).toEqual([]);
    expect(merged.participants.map((p) => [p.id, registrationState(p), p.problem])).toEqual([
      ['a', 'sent', null],
      ['r', 'sent', refusal]
    ]);
    // Not on the device's list of docs to pull until the server names the team.
    expect(openableDocIds(merged.participants, 'me')).toEqual(['r']);
  });
});

describe('mergeDirectory with a team refused as changed meanwhile', () => {
  const mine = { workers: ['me'], experts: ['expert'] };
  const refusal = { status: 409, code: TEAM_CHANGED, message: 'changed', at: 1, step: 'team' as const };
  const entry = (): OutboxItem => {
    const item = outboxItem('t', 'Tiimi');
    return { ...item, entry: { ...item.entry, team: mine, registered: true, failure: refusal } };
  };

  it('shows the server’s current team and, beside it, the user’s own', () => {
    const merged = mergeDirectory([serverRow('t', 'Tiimi')], [entry()]);
    expect(merged.waiting).toHaveLength(1);
    expect(merged.participants[0]).toMatchObject({
      team: { workers: ['me'], experts: [], readers: [] },
      problem: refusal,
      teamToSend: mine
    });
  });

  it('is done once the server has the same team (in any order), and only then', () => {
    const same = { ...serverRow('t', 'Tiimi'), team: { workers: ['me'], experts: ['expert'], readers: [] } };
    expect(mergeDirectory([same], [entry()]).done).toHaveLength(1);
    // Another refusal with the same team is still the user's to act on.
    const other = entry();
    other.entry.failure = { ...refusal, status: 422, code: 'invalid_team' };
    expect(mergeDirectory([same], [other]).done).toEqual([]);
  });
});

describe('sameTeam', () => {
  it('compares the lists as sets, an absent reader list as empty', () => {
    expect(
      sameTeam({ workers: ['a', 'b'], experts: [] }, { workers: ['b', 'a'], experts: [], readers: [] })
    ).toBe(true);
    expect(
      sameTeam({ workers: ['a'], experts: ['b'] }, { workers: ['a'], experts: [], readers: ['b'] })
    ).toBe(false);
    expect(sameTeam({ workers: ['a'], experts: [] }, { workers: ['a', 'b'], experts: [] })).toBe(false);
  });
});
