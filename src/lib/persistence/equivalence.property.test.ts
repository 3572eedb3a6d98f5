/**
 * The encrypted store must load exactly what y-indexeddb (the reference, plaintext) loads, for
 * the same history of updates: seeded random edits by three replicas with random syncs
 * between them (so concurrent updates arrive out of causal order), fed to both stores, then
 * loaded into fresh docs and compared (state vector and content).
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { DeviceStore } from './device-store.ts';
import { openTestDevice } from './testing.ts';

type Edit =
  | { kind: 'insert-text'; replica: number; at: number; text: string }
  | { kind: 'delete-text'; replica: number; at: number; length: number }
  | { kind: 'set-map'; replica: number; key: string; value: string | number }
  | { kind: 'delete-map'; replica: number; key: string }
  | { kind: 'insert-array'; replica: number; at: number; values: number[] }
  | { kind: 'delete-array'; replica: number; at: number }
  | { kind: 'sync'; from: number; to: number };

const REPLICAS = 3;
const replica = fc.integer({ min: 0, max: REPLICAS - 1 });
const key = fc.constantFrom('asunto', 'työ', 'päihteet', 'velat', 'tuki');
const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('insert-text' as const),
      replica,
      at: fc.nat(),
      text: fc.string({ minLength: 1, maxLength: 12 })
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete-text' as const),
      replica,
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 6 })
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('set-map' as const),
      replica,
      key,
      value: fc.oneof(fc.string({ maxLength: 8 }), fc.integer())
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-map' as const), replica, key }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('insert-array' as const),
      replica,
      at: fc.nat(),
      values: fc.array(fc.integer(), { minLength: 1, maxLength: 3 })
    })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-array' as const), replica, at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }) }
);

/** Runs the edits on three replicas; returns every local update in emission order and the merged state. */
function history(edits: Edit[]): { updates: Uint8Array[]; expected: Y.Doc } {
  const docs = Array.from({ length: REPLICAS }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = i + 1;
    return doc;
  });
  const updates: Uint8Array[] = [];
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'sync') updates.push(update);
    });
  }
  for (const e of edits) {
    if (e.kind === 'sync') {
      const to = docs[e.to]!;
      Y.applyUpdate(to, Y.encodeStateAsUpdate(docs[e.from]!, Y.encodeStateVector(to)), 'sync');
      continue;
    }
    const doc = docs[e.replica]!;
    const text = doc.getText('notes');
    const map = doc.getMap('facts');
    const array = doc.getArray<number>('list');
    switch (e.kind) {
      case 'insert-text':
        text.insert(e.at % (text.length + 1), e.text);
        break;
      case 'delete-text':
        if (text.length > 0) {
          const at = e.at % text.length;
          text.delete(at, Math.min(e.length, text.length - at));
        }
        break;
      case 'set-map':
        map.set(e.key, e.value);
        break;
      case 'delete-map':
        map.delete(e.key);
        break;
      case 'insert-array':
        array.insert(e.at % (array.length + 1), e.values);
        break;
      case 'delete-array':
        if (array.length > 0) array.delete(e.at % array.length, 1);
        break;
    }
  }
  const expected = new Y.Doc();
  for (const u of updates) Y.applyUpdate(expected, u);
  return { updates, expected };
}

function state(doc: Y.Doc) {
  return {
    stateVector: Array.from(Y.encodeStateVector(doc)),
    notes: doc.getText('notes').toString(),
    facts: doc.getMap('facts').toJSON(),
    list: doc.getArray('list').toJSON()
  };
}

let run = 0;

async function throughYIndexeddb(updates: Uint8Array[]): Promise<Y.Doc> {
  const name = `y-indexeddb-${++run}`;
  const writer = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, writer);
  // Compact on its own schedule without waiting a second.
  persistence._storeTimeout = 0;
  await persistence.whenSynced;
  for (const u of updates) Y.applyUpdate(writer, u);
  // close() lets the queued write transactions finish first.
  await persistence.destroy();
  const reader = new Y.Doc();
  const again = new IndexeddbPersistence(name, reader);
  await again.whenSynced;
  await again.destroy();
  return reader;
}

const devices: DeviceStore[] = [];
afterAll(async () => {
  for (const d of devices) await d.close();
});

async function throughEncryptedStore(
  updates: Uint8Array[],
  maxRecords: number
): Promise<{ doc: Y.Doc; compacted: boolean }> {
  const userId = `user-${++run}`;
  const writer = await openTestDevice({ userId, docs: { compaction: { maxRecords, delayMs: 0 } } });
  devices.push(writer);
  // Alternate awaited and grouped appends, so both single and multi-update records occur.
  const pending: Promise<void>[] = [];
  for (const [i, u] of updates.entries()) {
    pending.push(writer.docs.append('case', u));
    if (i % 3 === 0) await Promise.all(pending);
  }
  await Promise.all(pending);
  await writer.docs.flush();
  const reader = new Y.Doc();
  const report = await writer.docs.load('case', reader);
  expect(report.quarantined).toBe(0);
  const stats = await writer.docs.stats('case');
  return { doc: reader, compacted: (stats?.compactedAt ?? 0) > 0 };
}

describe('equivalence with y-indexeddb', () => {
  it(
    'loads the same document state as y-indexeddb for seeded random edit histories',
    { timeout: 30_000 },
    async () => {
      let compactedRuns = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(edit, { minLength: 10, maxLength: 150 }),
          fc.integer({ min: 2, max: 12 }),
          async (edits, maxRecords) => {
            const { updates, expected } = history(edits);
            const reference = await throughYIndexeddb(updates);
            const ours = await throughEncryptedStore(updates, maxRecords);
            if (ours.compacted) compactedRuns++;
            expect(state(ours.doc)).toEqual(state(reference));
            expect(state(ours.doc)).toEqual(state(expected));
          }
        ),
        { seed: 20_260_601, numRuns: 25 }
      );
      // The histories must exercise compaction, not only plain replay.
      expect(compactedRuns).toBeGreaterThan(5);
    }
  );

  // ~3 s alone; the margin is for a loaded CI machine.
  it('stays equivalent across several compactions of a long history', { timeout: 30_000 }, async () => {
    const edits = fc.sample(fc.array(edit, { minLength: 1200, maxLength: 1200 }), {
      seed: 4,
      numRuns: 1
    })[0]!;
    const { updates, expected } = history(edits);
    expect(updates.length).toBeGreaterThan(1000);
    const reference = await throughYIndexeddb(updates);
    const ours = await throughEncryptedStore(updates, 100);
    expect(ours.compacted).toBe(true);
    expect(state(ours.doc)).toEqual(state(reference));
    expect(state(ours.doc)).toEqual(state(expected));
  });
});
