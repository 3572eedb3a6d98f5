import { describe, expect, it } from 'vitest';
import type { DocLogEntry, DocLogStore } from '../store/types.ts';
import { UpdateWriter, type WriterRoom } from './update-writer.ts';

function fakeLog(fail = false) {
  const batches: DocLogEntry[][] = [];
  let seq = 0;
  const log: DocLogStore = {
    async appendBatch(entries) {
      if (fail) throw new Error('disk full');
      batches.push([...entries]);
      return entries.map(() => ++seq);
    },
    load: async () => [],
    compact: async () => {},
    history: async () => []
  };
  return { log, batches };
}

function room(docId: string) {
  const events: string[] = [];
  const r: WriterRoom & { events: string[] } = {
    docId,
    events,
    stateVector: () => new Uint8Array([events.length]),
    committed: (count, lastSeq, bytes) => events.push(`committed ${count} up to ${lastSeq} (${bytes} B)`),
    writeFailed: (error) => events.push(`failed: ${(error as Error).message}`)
  };
  return r;
}

const entry = (docId: string, n: number): DocLogEntry => ({
  docId,
  userId: 'u',
  deviceId: null,
  at: 0,
  update: new Uint8Array(n)
});

describe('UpdateWriter', () => {
  it('writes everything appended in one turn, from all rooms, in one batch', async () => {
    const { log, batches } = fakeLog();
    const writer = new UpdateWriter(log, () => {});
    const a = room('a');
    const b = room('b');
    writer.append(entry('a', 1), a);
    writer.append(entry('b', 2), b);
    writer.append(entry('a', 3), a);
    expect(batches).toHaveLength(0);
    await writer.drain();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => e.docId)).toEqual(['a', 'b', 'a']);
    expect(a.events).toEqual(['committed 2 up to 3 (4 B)']);
    expect(b.events).toEqual(['committed 1 up to 2 (2 B)']);
    expect(writer.stats).toMatchObject({ batches: 1, updates: 3, largestBatch: 3, bytes: 6 });
  });

  it("in the 'read' window, commits what one socket read appended before the next read is handled", async () => {
    const { log, batches } = fakeLog();
    const writer = new UpdateWriter(log, () => {}, 'read');
    const a = room('a');
    const b = room('b');
    // Two socket reads in the same poll phase: two macrotasks.
    await new Promise<void>((resolve) => {
      setImmediate(() => {
        writer.append(entry('a', 1), a);
        writer.append(entry('a', 1), a);
      });
      setImmediate(() => {
        // The first read's batch is already written: its broadcast did not wait for this read.
        expect(batches).toHaveLength(1);
        writer.append(entry('b', 1), b);
        resolve();
      });
    });
    await writer.drain();
    expect(batches.map((batch) => batch.map((e) => e.docId))).toEqual([['a', 'a'], ['b']]);
  });

  it("in the 'turn' window, one batch holds what every read of the turn appended", async () => {
    const { log, batches } = fakeLog();
    const writer = new UpdateWriter(log, () => {}, 'turn');
    await new Promise<void>((resolve) => {
      setImmediate(() => writer.append(entry('a', 1), room('a')));
      setImmediate(() => {
        writer.append(entry('b', 1), room('b'));
        resolve();
      });
    });
    await writer.drain();
    expect(batches.map((batch) => batch.map((e) => e.docId))).toEqual([['a', 'b']]);
  });

  it('runs exclusive tasks after the batches queued before them', async () => {
    const { log, batches } = fakeLog();
    const writer = new UpdateWriter(log, () => {});
    writer.append(entry('a', 1), room('a'));
    await new Promise((r) => setImmediate(r));
    const seen = await writer.exclusive(() => batches.length);
    expect(seen).toBe(1);
  });

  it('tells the rooms of a failed batch, and reports the error', async () => {
    const { log } = fakeLog(true);
    const errors: unknown[] = [];
    const writer = new UpdateWriter(log, (e) => errors.push(e));
    const a = room('a');
    writer.append(entry('a', 1), a);
    await writer.drain();
    expect(a.events).toEqual(['failed: disk full']);
    expect(errors).toHaveLength(1);
  });

  it('a room whose state vector cannot be read fails alone: the others and every later batch are still written', async () => {
    const { log, batches } = fakeLog();
    const errors: unknown[] = [];
    const writer = new UpdateWriter(log, (e) => errors.push(e), 'read');
    const good = room('a');
    const broken = room('b');
    broken.stateVector = () => {
      throw new Error('the doc state holds neither a doc nor its encoding');
    };
    writer.append(entry('a', 1), good);
    writer.append(entry('b', 2), broken);
    await writer.drain();
    expect(broken.events).toEqual(['failed: the doc state holds neither a doc nor its encoding']);
    expect(good.events).toEqual(['committed 1 up to 1 (1 B)']);
    expect(errors).toHaveLength(1);
    // The chain is not stuck: a later batch and an exclusive task still run.
    writer.append(entry('a', 3), good);
    await writer.drain();
    expect(await writer.exclusive(() => batches.length)).toBe(2);
    expect(batches.map((batch) => batch.map((e) => e.docId))).toEqual([['a'], ['a']]);
  });
});
