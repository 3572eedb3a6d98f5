import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocState, isEmptyStateVector } from './doc-state.ts';

/** A doc built from a seeded list of edits: inserts and deletes in a text and map sets. */
function editedDoc(ops: readonly Op[], clientID = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  for (const op of ops) applyOp(doc, op);
  return doc;
}

type Op =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'set'; key: string; value: number };

function applyOp(doc: Y.Doc, op: Op): void {
  const text = doc.getText('t');
  if (op.kind === 'insert') text.insert(Math.min(op.at, text.length), op.text);
  else if (op.kind === 'delete') {
    const at = Math.min(op.at, text.length);
    text.delete(at, Math.min(op.len, text.length - at));
  } else doc.getMap('m').set(op.key, op.value);
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(40),
    text: fc.string({ minLength: 1, maxLength: 6 })
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(40), len: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b', 'c'), value: fc.integer() })
);

/** Whether applying `update` to a doc holding `state` changes it (Yjs's own answer). */
function changes(state: Uint8Array, update: Uint8Array): boolean {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  let changed = false;
  doc.on('update', () => (changed = true));
  Y.applyUpdate(doc, update);
  return changed;
}

function stateOf(update: Uint8Array): unknown {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return {
    t: doc.getText('t').toString(),
    m: doc.getMap('m').toJSON(),
    sv: [...Y.decodeStateVector(Y.encodeStateVector(doc))]
  };
}

describe('DocState', () => {
  it('serves an encoded state without building a doc, and the same bytes a live doc would', () => {
    const doc = editedDoc([
      { kind: 'insert', at: 0, text: 'vapautuu' },
      { kind: 'delete', at: 2, len: 3 },
      { kind: 'set', key: 'a', value: 1 }
    ]);
    const encoded = Y.encodeStateAsUpdate(doc);
    const state = new DocState(encoded);
    expect(state.doc).toBeNull();
    expect(state.stateVector()).toEqual(Y.encodeStateVector(doc));
    // A fresh client gets the snapshot as it is.
    expect(state.missingFor(new Uint8Array([0]))).toBe(encoded);
    expect(state.doc).toBeNull();
    // A client with part of it gets a diff that completes it.
    const partial = new Y.Doc();
    Y.applyUpdate(partial, Y.encodeStateAsUpdate(editedDoc([{ kind: 'insert', at: 0, text: 'vapautuu' }])));
    Y.applyUpdate(partial, state.missingFor(Y.encodeStateVector(partial)));
    expect(partial.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(state.doc).toBeNull();
  });

  it('uses a stored state vector instead of parsing the snapshot', () => {
    const doc = editedDoc([{ kind: 'insert', at: 0, text: 'x' }]);
    const stored = Y.encodeStateVector(doc);
    expect(new DocState(Y.encodeStateAsUpdate(doc), stored).stateVector()).toBe(stored);
  });

  it('builds the doc once for a change, caches the full encoding until the next change, and freezes back', () => {
    const doc = editedDoc([{ kind: 'insert', at: 0, text: 'abc' }]);
    const state = new DocState(Y.encodeStateAsUpdate(doc));
    const live = state.materialize('load');
    expect(state.materialize('load')).toBe(live);
    const first = state.encodeAll();
    expect(state.encodeAll()).toBe(first);
    live.getText('t').insert(3, 'd');
    state.changed();
    const second = state.encodeAll();
    expect(second).not.toBe(first);
    expect(stateOf(second)).toEqual(stateOf(Y.encodeStateAsUpdate(live)));
    const sv = state.stateVector();
    expect(state.freeze()).toBe(second);
    expect(state.doc).toBeNull();
    expect(state.stateVector()).toEqual(sv);
    expect((stateOf(state.encodeAll()) as { t: string }).t).toBe('abcd');
  });

  it('refuses to change an encoded state and to serve nothing', () => {
    expect(() => new DocState(new Uint8Array([0, 0])).changed()).toThrow();
  });

  it('throws on bytes that are not an update', () => {
    const state = new DocState(Y.encodeStateAsUpdate(editedDoc([{ kind: 'insert', at: 0, text: 'a' }])));
    expect(() => state.contains(new Uint8Array([5, 200, 1, 9, 9]))).toThrow();
  });

  it('tells an empty state vector', () => {
    expect(isEmptyStateVector(Y.encodeStateVector(new Y.Doc()))).toBe(true);
    expect(isEmptyStateVector(Y.encodeStateVector(editedDoc([{ kind: 'set', key: 'a', value: 1 }])))).toBe(
      false
    );
  });

  it('contains(update) is true exactly when applying the update changes nothing (encoded and live)', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 25 }),
        fc.array(opArb, { maxLength: 6 }),
        fc.integer({ min: 0, max: 3 }),
        (history, later, pick) => {
          // The server holds `history`; a client holds the same plus `later` (or a prefix of it).
          const server = editedDoc(history);
          const held = Y.encodeStateAsUpdate(server);
          const client = new Y.Doc();
          client.clientID = 2;
          Y.applyUpdate(client, held);
          for (const op of later) applyOp(client, op);
          const candidates = [
            // What a reconnecting client sends: everything beyond our state vector + its delete set.
            Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)),
            // The whole of its state.
            Y.encodeStateAsUpdate(client),
            // Something old that we hold.
            Y.encodeStateAsUpdate(editedDoc(history.slice(0, Math.max(1, history.length - pick)))),
            new Uint8Array([0, 0])
          ];
          const encodedState = new DocState(held);
          const liveState = DocState.live(editedDoc(history));
          for (const update of candidates) {
            const expected = !changes(held, update);
            expect(encodedState.contains(update)).toBe(expected);
            expect(liveState.contains(update)).toBe(expected);
          }
          expect(encodedState.doc).toBeNull();
        }
      ),
      { seed: 20261129, numRuns: 150 }
    );
  });
});
