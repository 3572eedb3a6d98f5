import { describe, expect, it } from 'vitest';
import type { ParticipantSummary } from '$lib/api/schemas';
import type { OutboxRecord } from './device-records.ts';
import {
  mergeDirectory,
  openableDocIds,
  registrationState,
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
