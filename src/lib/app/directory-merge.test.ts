import { describe, expect, it } from 'vitest';
import { openableDocIds, type DirectoryParticipant } from './directory-merge.ts';

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
