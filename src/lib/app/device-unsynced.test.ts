import { describe, expect, it } from 'vitest';
import type { DirectoryParticipant } from './directory-merge.ts';
import { collectUnsynced, type UnsyncedSources } from './device-unsynced.ts';

function participant(docId: string, displayName: string, pending: boolean): DirectoryParticipant {
  return {
    id: docId,
    docId,
    displayName,
    alias: null,
    team: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    pending,
    problem: null
  };
}

/** A tracker holding `ids`; `confirm` removes one, as the server confirming it would. */
function tracker(ids: string[], flushError?: Error) {
  const held = new Set(ids);
  return {
    list: () => [...held].sort(),
    has: (id: string) => held.has(id),
    flush: async () => {
      if (flushError) throw flushError;
    },
    confirm: (id: string) => held.delete(id)
  };
}

const directory: UnsyncedSources['directory'] = {
  participants: [participant('p1', 'Aino', false), participant('p2', 'Eino', true)],
  nameOf: (docId) => (docId === 'p1' ? 'Aino' : null)
};

describe('collectUnsynced', () => {
  it('offline: lists the documents and the pending registrations without opening anything', async () => {
    const opened: string[] = [];
    const items = await collectUnsynced({
      tracker: tracker(['p1', 'x'], new Error('disk full')),
      registry: {
        open: (id) => {
          opened.push(id);
          return { release: () => undefined };
        }
      },
      directory,
      online: () => false,
      waitMs: 5_000
    });
    expect(opened).toEqual([]);
    expect(items).toEqual([
      { kind: 'document', docId: 'p1', name: 'Aino' },
      { kind: 'document', docId: 'x', name: null },
      { kind: 'registration', docId: 'p2', name: 'Eino' }
    ]);
  });

  it('online: opens the documents, stops waiting once the server confirmed them, releases them', async () => {
    const docs = tracker(['p1', 'x']);
    const released: string[] = [];
    const started = Date.now();
    const items = await collectUnsynced({
      tracker: docs,
      registry: {
        open: (id) => {
          // The server confirms each document shortly after it is opened.
          setTimeout(() => docs.confirm(id), 10);
          return { release: () => released.push(id) };
        }
      },
      directory,
      online: () => true,
      waitMs: 10_000
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(released.sort()).toEqual(['p1', 'x']);
    expect(items).toEqual([{ kind: 'registration', docId: 'p2', name: 'Eino' }]);
  });

  it('online: after the wait runs out, lists what is still unconfirmed', async () => {
    const docs = tracker(['p1', 'x']);
    const items = await collectUnsynced({
      tracker: docs,
      registry: {
        open: (id) => {
          if (id === 'x') setTimeout(() => docs.confirm(id), 10);
          return { release: () => undefined };
        }
      },
      directory: { participants: [], nameOf: directory.nameOf },
      online: () => true,
      waitMs: 250
    });
    expect(items).toEqual([{ kind: 'document', docId: 'p1', name: 'Aino' }]);
  });
});
