import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { PendingChanges, deleteRangesCovered, normaliseRanges, type Change } from './pending-changes.ts';
import {
  changeFromUpdate,
  deleteRangesOfDoc,
  deleteRangesOfUpdate,
  stateVectorOf,
  trackLocalChanges
} from './yjs-changes.ts';

const PROVIDER = Symbol('provider');
const DEVICE = Symbol('device');

/** A doc whose local changes feed a ledger, as the registry wires it. */
function trackedDoc(ledger = new PendingChanges()) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== PROVIDER && origin !== DEVICE) updates.push(u);
  });
  trackLocalChanges(
    doc,
    (o) => o === PROVIDER || o === DEVICE,
    (c) => ledger.addLocal(c)
  );
  return { doc, ledger, updates, text: doc.getText('t') };
}

/** The server side in miniature: a doc that has received some updates. */
function serverWith(updates: Uint8Array[]) {
  const server = new Y.Doc();
  for (const u of updates) Y.applyUpdate(server, u);
  return server;
}

describe('PendingChanges with local edits', () => {
  it('counts each local transaction until the persisted vector covers it', () => {
    const { ledger, text, updates } = trackedDoc();
    text.insert(0, 'a');
    text.insert(1, 'b');
    text.insert(2, 'c');
    expect(ledger.summary()).toEqual({ count: 3, unverified: false });

    ledger.persisted(stateVectorOf(serverWith(updates.slice(0, 2))));
    expect(ledger.summary().count).toBe(1);

    ledger.persisted(stateVectorOf(serverWith(updates)));
    expect(ledger.summary()).toEqual({ count: 0, unverified: false });
  });

  it('does not count edits that arrive from the provider or the device store', () => {
    const { doc, ledger } = trackedDoc();
    const other = new Y.Doc();
    other.getText('t').insert(0, 'remote text');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), PROVIDER);
    const earlier = new Y.Doc();
    earlier.getMap('m').set('k', 1);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(earlier), DEVICE);
    expect(doc.getText('t').toString()).toBe('remote text');
    expect(ledger.summary().count).toBe(0);
  });

  it('counts a local edit on top of remote content by its own clock range only', () => {
    const { doc, ledger, updates } = trackedDoc();
    const other = new Y.Doc();
    other.getText('t').insert(0, 'hello');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), PROVIDER);
    doc.getText('t').insert(5, '!');
    expect(ledger.summary().count).toBe(1);
    // A vector that covers the remote client but not ours confirms nothing.
    ledger.persisted(stateVectorOf(other));
    expect(ledger.summary().count).toBe(1);
    const server = serverWith([Y.encodeStateAsUpdate(other), ...updates]);
    ledger.persisted(stateVectorOf(server));
    expect(ledger.summary().count).toBe(0);
  });

  it('ignores a persisted vector that is older than one already received', () => {
    const { ledger, text, updates } = trackedDoc();
    text.insert(0, 'a');
    text.insert(1, 'b');
    ledger.persisted(stateVectorOf(serverWith(updates)));
    text.insert(2, 'c');
    ledger.persisted(stateVectorOf(serverWith(updates.slice(0, 1))));
    expect(ledger.summary().count).toBe(1);
    expect(ledger.persistedStateVector.get(text.doc!.clientID)).toBe(2);
  });

  it('confirms a delete-only edit by the server delete set, not by the state vector', () => {
    const { ledger, text, updates } = trackedDoc();
    text.insert(0, 'abc');
    ledger.persisted(stateVectorOf(serverWith(updates)));
    expect(ledger.summary().count).toBe(0);

    text.delete(1, 1);
    expect(ledger.summary().count).toBe(1);
    expect(ledger.awaitsServerDeletes).toBe(true);
    // The state vector did not move, so the same vector confirms nothing.
    ledger.persisted(stateVectorOf(serverWith(updates)));
    expect(ledger.summary().count).toBe(1);
    // A server that lacks the deletion does not confirm it.
    ledger.serverDeletes(deleteRangesOfDoc(serverWith(updates.slice(0, 1))));
    expect(ledger.summary().count).toBe(1);

    ledger.serverDeletes(deleteRangesOfDoc(serverWith(updates)));
    expect(ledger.summary().count).toBe(0);
    expect(ledger.awaitsServerDeletes).toBe(false);
  });

  it('confirms deletions that travel with inserts when the inserts are persisted', () => {
    const { doc, ledger, text, updates } = trackedDoc();
    text.insert(0, 'abc');
    doc.transact(() => {
      text.delete(0, 1);
      text.insert(0, 'X');
    });
    expect(ledger.summary().count).toBe(2);
    expect(ledger.awaitsServerDeletes).toBe(false);
    ledger.persisted(stateVectorOf(serverWith(updates)));
    expect(ledger.summary().count).toBe(0);
  });

  it('confirms a map overwrite (new item, old one deleted) by its clock', () => {
    const { doc, ledger, updates } = trackedDoc();
    doc.getMap('m').set('name', 'A');
    doc.getMap('m').set('name', 'B');
    expect(ledger.summary().count).toBe(2);
    ledger.persisted(stateVectorOf(serverWith(updates)));
    expect(ledger.summary().count).toBe(0);
  });

  it('ignores transactions that change nothing', () => {
    const { doc, ledger } = trackedDoc();
    doc.transact(() => {});
    expect(ledger.summary().count).toBe(0);
  });
});

describe('PendingChanges after a reload from the device store', () => {
  /** Session 1 edits offline; session 2 loads its updates with the store as origin. */
  function reload(edit: (doc: Y.Doc) => void) {
    const first = trackedDoc();
    edit(first.doc);
    const second = trackedDoc();
    for (const u of first.updates) Y.applyUpdate(second.doc, u, DEVICE);
    second.ledger.setBaseline(stateVectorOf(second.doc), deleteRangesOfDoc(second.doc));
    return { first, second };
  }

  it('is unverified until the server says what it has persisted', () => {
    const { second } = reload((d) => d.getText('t').insert(0, 'offline'));
    expect(second.ledger.summary()).toEqual({ count: 0, unverified: true });
    second.ledger.persisted(new Map());
    expect(second.ledger.summary()).toEqual({ count: 1, unverified: false });
  });

  it('counts one change per earlier client the server lacks, and none once covered', () => {
    const { first, second } = reload((d) => d.getText('t').insert(0, 'offline'));
    const elsewhere = new Y.Doc();
    elsewhere.getText('t').insert(0, 'from another device');
    Y.applyUpdate(second.doc, Y.encodeStateAsUpdate(elsewhere), DEVICE);
    second.ledger.setBaseline(stateVectorOf(second.doc), deleteRangesOfDoc(second.doc));

    second.ledger.persisted(stateVectorOf(elsewhere));
    expect(second.ledger.summary()).toEqual({ count: 1, unverified: false });

    const server = serverWith([Y.encodeStateAsUpdate(elsewhere), ...first.updates]);
    second.ledger.persisted(stateVectorOf(server));
    second.ledger.serverDeletes(deleteRangesOfDoc(server));
    expect(second.ledger.summary()).toEqual({ count: 0, unverified: false });
  });

  it('adds this session’s edits to the earlier ones', () => {
    const { second } = reload((d) => d.getText('t').insert(0, 'offline'));
    second.text.insert(0, '>');
    expect(second.ledger.summary()).toEqual({ count: 1, unverified: true });
    second.ledger.persisted(new Map());
    expect(second.ledger.summary()).toEqual({ count: 2, unverified: false });
  });

  it('keeps earlier deletions unsaved until the server delete set holds them', () => {
    // Session 1 inserted online (the server has it), then deleted offline.
    const first = trackedDoc();
    first.text.insert(0, 'abc');
    const server = serverWith(first.updates);
    first.text.delete(0, 2);
    const second = trackedDoc();
    for (const u of first.updates) Y.applyUpdate(second.doc, u, DEVICE);
    second.ledger.setBaseline(stateVectorOf(second.doc), deleteRangesOfDoc(second.doc));
    expect(second.ledger.summary().unverified).toBe(true);

    second.ledger.persisted(stateVectorOf(server));
    expect(second.ledger.summary()).toEqual({ count: 1, unverified: false });
    second.ledger.serverDeletes(deleteRangesOfDoc(server));
    expect(second.ledger.summary().count).toBe(1);
    Y.applyUpdate(server, first.updates[1] as Uint8Array);
    second.ledger.serverDeletes(deleteRangesOfDoc(server));
    expect(second.ledger.summary()).toEqual({ count: 0, unverified: false });
  });

  it('sets no baseline for an empty load', () => {
    const ledger = new PendingChanges();
    ledger.setBaseline(new Map(), new Map());
    expect(ledger.summary()).toEqual({ count: 0, unverified: false });
  });
});

describe('delete ranges', () => {
  it('normalises overlapping and touching ranges', () => {
    expect(
      normaliseRanges([
        { clock: 5, len: 2 },
        { clock: 0, len: 3 },
        { clock: 3, len: 1 },
        { clock: 6, len: 4 },
        { clock: 20, len: 0 }
      ])
    ).toEqual([
      { clock: 0, len: 4 },
      { clock: 5, len: 5 }
    ]);
  });

  it('is covered only when every range lies inside the cover', () => {
    const cover = new Map([
      [
        1,
        [
          { clock: 0, len: 4 },
          { clock: 4, len: 2 },
          { clock: 10, len: 5 }
        ]
      ]
    ]);
    expect(deleteRangesCovered(new Map([[1, [{ clock: 2, len: 4 }]]]), cover)).toBe(true);
    expect(deleteRangesCovered(new Map([[1, [{ clock: 11, len: 4 }]]]), cover)).toBe(true);
    expect(deleteRangesCovered(new Map([[1, [{ clock: 5, len: 2 }]]]), cover)).toBe(false);
    expect(deleteRangesCovered(new Map([[1, [{ clock: 14, len: 2 }]]]), cover)).toBe(false);
    expect(deleteRangesCovered(new Map([[2, [{ clock: 0, len: 1 }]]]), cover)).toBe(false);
  });

  it('reads the same change from a transaction and from its update', () => {
    const ledger = new PendingChanges();
    const doc = new Y.Doc();
    const seen: Change[] = [];
    trackLocalChanges(
      doc,
      () => false,
      (c) => seen.push(c)
    );
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.getText('t').insert(0, 'abcdef');
    doc.getText('t').delete(1, 3);
    const fromUpdate = changeFromUpdate(update);
    expect(fromUpdate.inserts.size).toBe(0);
    expect(deleteRangesOfUpdate(update)).toEqual(seen[1]?.deletes);
    ledger.addLocal(fromUpdate);
    expect(ledger.summary().count).toBe(1);
  });
});

describe('PendingChanges property', () => {
  it('counts exactly the local updates the server has not received', () => {
    // Random inserts, deletes and map writes; the server receives a random prefix of the
    // updates. What stays pending is exactly the rest.
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.string({ minLength: 1, maxLength: 4 })
      }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b'), value: fc.nat() })
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), fc.nat(), (ops, cut) => {
        const { doc, ledger, updates, text } = trackedDoc();
        for (const o of ops) {
          if (o.kind === 'insert') text.insert(o.at % (text.length + 1), o.text);
          else if (o.kind === 'delete') {
            if (text.length === 0) continue;
            const at = o.at % text.length;
            text.delete(at, Math.min(o.len, text.length - at));
          } else doc.getMap('m').set(o.key, o.value);
        }
        const received = cut % (updates.length + 1);
        const server = serverWith(updates.slice(0, received));
        ledger.persisted(stateVectorOf(server));
        ledger.serverDeletes(deleteRangesOfDoc(server));
        expect(ledger.summary().count).toBe(updates.length - received);
      }),
      { seed: 20_251_129, numRuns: 200 }
    );
  });
});
