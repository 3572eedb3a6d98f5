/**
 * `DocState.contains` decides, for an encoded room, that a writer's update carries nothing new and
 * may be dropped without building the doc. A wrong "contained" would silently lose an edit, so
 * this property drives it with what a real server meets: several clients editing each other's
 * items, updates delivered out of order (the server then holds pending structs and deletions of
 * items it never had), garbage-collected deletions, single-transaction updates, delete-only
 * updates, and a state that is one stored update row rather than a snapshot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocState } from './doc-state.ts';

type Op =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'set'; key: string; value: number };

interface Step {
  client: number;
  op: Op;
  /** Take the server's state before editing (so deletions hit other clients' items). */
  pull: boolean;
  /** Send this client's unsent updates, in this shuffled order, keeping back the `keep` oldest. */
  push: boolean;
  order: number[];
  keep: number;
}

const CLIENTS = 3;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(30),
    text: fc.string({ minLength: 1, maxLength: 5 })
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(30), len: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b'), value: fc.integer() })
);

const stepArb: fc.Arbitrary<Step> = fc.record({
  client: fc.nat(CLIENTS - 1),
  op: opArb,
  pull: fc.boolean(),
  push: fc.boolean(),
  order: fc.array(fc.nat(1000), { maxLength: 6 }),
  keep: fc.nat(2)
});

function applyOp(doc: Y.Doc, op: Op): void {
  const text = doc.getText('t');
  if (op.kind === 'insert') text.insert(Math.min(op.at, text.length), op.text);
  else if (op.kind === 'delete') {
    const at = Math.min(op.at, text.length);
    text.delete(at, Math.min(op.len, text.length - at));
  } else doc.getMap('m').set(op.key, op.value);
}

/** Reorders `items` by the random keys in `order` (missing keys sort last, stably). */
function shuffled<T>(items: readonly T[], order: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: order[i] ?? Number.MAX_SAFE_INTEGER, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

/** What applying `update` to a doc holding `state` does, as Yjs itself answers it. */
function effectOf(state: Uint8Array, update: Uint8Array): { changed: boolean; pendingAfter: boolean } {
  const doc = docOf(state);
  const before = Y.snapshot(doc);
  const pendingBefore = Y.encodeStateAsUpdate(doc);
  let event = false;
  doc.on('update', () => (event = true));
  Y.applyUpdate(doc, update);
  const same = Y.equalSnapshots(before, Y.snapshot(doc));
  const pendingAfter = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  // An update that only adds pending structs emits no event but changes what the doc holds.
  const pendingGrew = pendingAfter && !sameBytesState(pendingBefore, Y.encodeStateAsUpdate(doc));
  return { changed: event || !same || pendingGrew, pendingAfter };
}

/** Whether two full-state updates hold the same structs and deletions (order-insensitive). */
function sameBytesState(a: Uint8Array, b: Uint8Array): boolean {
  const da = Y.decodeUpdate(a);
  const db = Y.decodeUpdate(b);
  const key = (u: ReturnType<typeof Y.decodeUpdate>) =>
    JSON.stringify({
      s: u.structs.map((s) => [s.id.client, s.id.clock, s.length, s.constructor.name]).sort(),
      d: [...Y.mergeDeleteSets([u.ds]).clients]
        .map(([c, items]) => [c, items.map((i) => [i.clock, i.len])])
        .sort()
    });
  return key(da) === key(db);
}

interface World {
  server: Y.Doc;
  /** The updates the server emitted, in order (what the log would hold). */
  serverRows: Uint8Array[];
  /** Every update any client made, sent or not. */
  clientUpdates: Uint8Array[];
  clients: Y.Doc[];
}

function play(steps: readonly Step[]): World {
  const server = new Y.Doc();
  const serverRows: Uint8Array[] = [];
  server.on('update', (u: Uint8Array) => serverRows.push(u));
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    return doc;
  });
  const unsent: Uint8Array[][] = clients.map(() => []);
  const clientUpdates: Uint8Array[] = [];
  clients.forEach((doc, i) =>
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'pull') return;
      unsent[i]!.push(u);
      clientUpdates.push(u);
    })
  );
  for (const step of steps) {
    const doc = clients[step.client]!;
    if (step.pull) Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)), 'pull');
    applyOp(doc, step.op);
    if (step.push) {
      // Holding back the oldest ones leaves the server with structs it cannot integrate yet.
      const queue = unsent[step.client]!;
      const sending = shuffled(queue.slice(step.keep), step.order);
      unsent[step.client] = queue.slice(0, step.keep);
      for (const u of sending) Y.applyUpdate(server, u);
    }
  }
  return { server, serverRows, clientUpdates, clients };
}

function candidatesOf(world: World): Uint8Array[] {
  const serverSv = Y.encodeStateVector(world.server);
  const out: Uint8Array[] = [...world.clientUpdates, new Uint8Array([0, 0])];
  for (const c of world.clients) {
    // A reconnecting client's SyncStep2, and the whole of its state.
    out.push(Y.encodeStateAsUpdate(c, serverSv), Y.encodeStateAsUpdate(c));
    // Only its delete set (what a client that has everything repeats).
    out.push(Y.encodeStateAsUpdate(c, Y.encodeStateVector(c)));
  }
  if (world.clientUpdates.length > 1) out.push(Y.mergeUpdates(world.clientUpdates));
  return out;
}

describe('DocState.contains never drops a change', () => {
  it('holds for multi-client histories with out-of-order delivery, GC and single-row states', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 30 }), (steps) => {
        const world = play(steps);
        const held = Y.encodeStateAsUpdate(world.server);
        const states: { name: string; bytes: Uint8Array; state: () => DocState }[] = [
          { name: 'snapshot', bytes: held, state: () => new DocState(held) },
          {
            name: 'snapshot with stored state vector',
            bytes: held,
            state: () => new DocState(held, Y.encodeStateVector(world.server))
          },
          { name: 'live', bytes: held, state: () => DocState.live(docOf(held)) }
        ];
        const firstRow = world.serverRows[0];
        if (firstRow) {
          // A log of one update row is served as it is, too.
          states.push({ name: 'one update row', bytes: firstRow, state: () => new DocState(firstRow) });
        }
        for (const { name, bytes, state: make } of states) {
          const state = make();
          for (const update of candidatesOf(world)) {
            if (!state.contains(update)) continue;
            const { changed } = effectOf(bytes, update);
            expect({ name, changed }).toEqual({ name, changed: false });
          }
        }
      }),
      { seed: 20261129, numRuns: 300 }
    );
  });
});
