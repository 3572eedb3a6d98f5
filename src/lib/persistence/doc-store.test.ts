import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { docRecordAad, IV_BYTES, sealPacked } from './crypto.ts';
import type { DeviceStore } from './device-store.ts';
import type { DocStoreEvent } from './doc-store.ts';
import { QuotaExceededError } from './errors.ts';
import { encodeRecordPayload } from './record-format.ts';
import {
  containsPlaintext,
  dumpRawDatabase,
  fakeIdb,
  openTestDevice,
  type TestDeviceOptions
} from './testing.ts';

const opened: DeviceStore[] = [];
async function device(options: TestDeviceOptions = {}): Promise<DeviceStore> {
  const d = await openTestDevice(options);
  opened.push(d);
  return d;
}

afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
});

/** A doc whose every update is appended to `d` under `docId`, as the sync layer does. */
function editedDoc(d: DeviceStore, docId: string) {
  const doc = new Y.Doc();
  const writes: Promise<void>[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== d.docs) writes.push(d.docs.append(docId, update));
  });
  return { doc, settled: () => Promise.all(writes) };
}

function snapshotOf(doc: Y.Doc) {
  return {
    text: doc.getText('notes').toString(),
    map: doc.getMap('facts').toJSON(),
    stateVector: Array.from(Y.encodeStateVector(doc))
  };
}

async function loaded(d: DeviceStore, docId: string) {
  const doc = new Y.Doc();
  const report = await d.docs.load(docId, doc);
  return { doc, report };
}

describe('EncryptedDocStore: round trip', () => {
  it('stores updates encrypted and loads them back; append resolves after the commit', async () => {
    const idb = fakeIdb();
    const d = await device({ idb });
    const { doc, settled } = editedDoc(d, 'case-1');
    doc.getText('notes').insert(0, 'Tapaaminen vankilassa: SALAINEN-MERKKI');
    doc.getMap('facts').set('asunto', 'haussa');
    doc.getText('notes').delete(0, 11);
    await settled();

    // Resolved appends are in the database already, read by another connection.
    const raw = await dumpRawDatabase(idb, d.db.name);
    const records = (await d.docs.stats('case-1'))!.records;
    expect(raw.updates).toHaveLength(records);
    // A record is a bare byte array (IV + ciphertext) under the key [docId, seq].
    expect(raw.updates![0]).toBeInstanceOf(Uint8Array);
    expect(containsPlaintext(raw, 'SALAINEN-MERKKI')).toBe(false);
    expect(containsPlaintext(raw, 'asunto')).toBe(false);

    const other = await device({ idb });
    const { doc: copy, report } = await loaded(other, 'case-1');
    expect(report).toEqual({ applied: records, quarantined: 0, quarantinedSeqs: [] });
    expect(snapshotOf(copy)).toEqual(snapshotOf(doc));
    expect(await other.docs.listDocIds()).toEqual(['case-1']);
  });

  it('applies the loaded records in one transaction with the store as origin', async () => {
    const d = await device();
    const { doc, settled } = editedDoc(d, 'case-1');
    for (let i = 0; i < 20; i++) doc.getText('notes').insert(0, `${i} `);
    await settled();
    const target = new Y.Doc();
    const origins: unknown[] = [];
    target.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    await d.docs.load('case-1', target);
    expect(origins).toEqual([d.docs]);
    expect(target.getText('notes').toString()).toBe(doc.getText('notes').toString());
  });

  it('reads a long log in chunks, in order, quarantining a bad record in a later chunk', async () => {
    const d = await device({ docs: { compaction: false, readChunk: 7 } });
    const { doc, settled } = editedDoc(d, 'case-1');
    for (let i = 0; i < 40; i++) {
      doc.getArray<number>('list').push([i]);
      await settled();
    }
    const row = (await d.db.updates.get(['case-1', 30]))!;
    row[IV_BYTES] = row[IV_BYTES]! ^ 1;
    await d.db.updates.put(row, ['case-1', 30]);
    const { doc: copy, report } = await loaded(d, 'case-1');
    expect(report).toEqual({ applied: 39, quarantined: 1, quarantinedSeqs: [30] });
    // Record 30 held item 29; item 30 and later depend on it and wait in Yjs' pending structs.
    expect(copy.getArray('list').toArray()).toEqual(Array.from({ length: 29 }, (_, i) => i));
  });

  it('groups appends that arrive during a write into one record (group commit)', async () => {
    const d = await device();
    const { doc, settled } = editedDoc(d, 'case-1');
    for (let i = 0; i < 200; i++) doc.getText('notes').insert(i, 'x');
    await settled();
    const stats = await d.docs.stats('case-1');
    expect(stats!.records).toBeLessThan(10);
    const { doc: copy } = await loaded(d, 'case-1');
    expect(copy.getText('notes').toString()).toBe('x'.repeat(200));
  });

  it('writes appends to many docs in a few transactions (group commit across docs)', async () => {
    const d = await device();
    const transaction = vi.spyOn(d.db, 'transaction');
    const writes: Promise<void>[] = [];
    const docs = Array.from({ length: 20 }, () => new Y.Doc());
    for (let round = 0; round < 10; round++) {
      docs.forEach((doc, i) => {
        doc.getText('notes').insert(0, `${round}`);
        writes.push(d.docs.append(`case-${i}`, Y.encodeStateAsUpdate(doc)));
      });
    }
    await Promise.all(writes);
    const writeTransactions = transaction.mock.calls.filter(([mode]) => mode === 'rw').length;
    expect(writeTransactions).toBeLessThanOrEqual(3);
    transaction.mockRestore();
    expect((await d.docs.listDocIds()).sort()).toEqual(docs.map((_, i) => `case-${i}`).sort());
    for (const [i, doc] of docs.entries()) {
      expect((await loaded(d, `case-${i}`)).doc.getText('notes').toString()).toBe(
        doc.getText('notes').toString()
      );
    }
  });

  it('maps a full device to QuotaExceededError; nothing is written and a retry succeeds', async () => {
    const d = await device();
    const update = Y.encodeStateAsUpdate(makeDoc('tärkeä'));
    const spy = vi
      .spyOn(d.db.updates, 'add')
      .mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    const error = await d.docs.append('case-1', update).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect((error as QuotaExceededError).code).toBe('quota-exceeded');
    expect(await d.db.updates.count()).toBe(0);
    spy.mockRestore();
    await d.docs.append('case-1', update);
    expect((await loaded(d, 'case-1')).doc.getText('notes').toString()).toBe('tärkeä');
  });

  it('deletes one doc from the device', async () => {
    const d = await device();
    await d.docs.append('a', Y.encodeStateAsUpdate(makeDoc('a')));
    await d.docs.append('b', Y.encodeStateAsUpdate(makeDoc('b')));
    await d.docs.deleteDoc('a');
    expect(await d.docs.listDocIds()).toEqual(['b']);
    expect((await loaded(d, 'a')).report.applied).toBe(0);
  });
});

function makeDoc(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, text);
  return doc;
}

describe('EncryptedDocStore: compaction', () => {
  it('compacts past the record threshold into one snapshot equal to the uncompacted state', async () => {
    const idb = fakeIdb();
    const d = await device({ idb, docs: { compaction: { maxRecords: 20, delayMs: 0 } } });
    const { doc, settled } = editedDoc(d, 'case-1');
    for (let i = 0; i < 19; i++) {
      doc.getText('notes').insert(0, `rivi ${i}\n`);
      await settled();
    }
    await d.docs.flush();
    expect((await d.docs.stats('case-1'))!.records).toBe(19);

    doc.getMap('facts').set('päihteet', 'ei');
    await settled();
    doc.getText('notes').delete(0, 4);
    await settled();
    await d.docs.flush();
    const stats = (await d.docs.stats('case-1'))!;
    expect(stats.records).toBe(1);
    expect(stats.snapshotSeq).toBe(21);
    expect(stats.compactedAt).toBeGreaterThan(0);
    expect(snapshotOf((await loaded(d, 'case-1')).doc)).toEqual(snapshotOf(doc));
  });

  it('compacts past the byte threshold even with few records', async () => {
    const d = await device({ docs: { compaction: { maxRecords: 1000, maxTailBytes: 2_000, delayMs: 0 } } });
    await d.docs.append('case-1', Y.encodeStateAsUpdate(makeDoc('a'.repeat(100))));
    await d.docs.append('case-1', Y.encodeStateAsUpdate(makeDoc('b'.repeat(3_000))));
    await d.docs.flush();
    expect((await d.docs.stats('case-1'))!.records).toBe(1);
    // The snapshot itself does not count: small appends after it do not re-compact.
    await d.docs.append('case-1', Y.encodeStateAsUpdate(makeDoc('c')));
    await d.docs.flush();
    expect((await d.docs.stats('case-1'))!.records).toBe(2);
  });

  it('keeps a record appended by another writer between the compaction read and write', async () => {
    const idb = fakeIdb();
    const other: { tab?: DeviceStore } = {};
    const a = await device({
      idb,
      docs: {
        compaction: false,
        // Another tab (no shared lock) appends exactly while A is compacting.
        beforeCompactionWrite: async (docId) => {
          await other.tab!.docs.append(docId, Y.encodeStateAsUpdate(makeDoc('toisesta välilehdestä ')));
        }
      }
    });
    other.tab = await device({ idb, docs: { compaction: false } });
    const { doc, settled } = editedDoc(a, 'case-1');
    for (let i = 0; i < 5; i++) {
      doc.getText('notes').insert(0, `${i}`);
      await settled();
    }

    const result = await a.docs.compact('case-1');
    expect(result).toEqual({ snapshotSeq: 5, replaced: 5, tail: 1, quarantined: 0 });
    const keys = (await a.db.updates.toCollection().primaryKeys()).map(([, seq]) => seq);
    expect(keys).toEqual([5, 6]);
    const text = (await loaded(a, 'case-1')).doc.getText('notes').toString();
    expect(text).toContain('toisesta välilehdestä');
    expect(text).toContain('43210');
  });

  it('loses nothing appended in the same store while it compacts', async () => {
    const d = await device({ docs: { compaction: { maxRecords: 5, delayMs: 0 } } });
    const { doc, settled } = editedDoc(d, 'case-1');
    const compactions: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      doc.getArray<number>('list').push([i]);
      if (i % 7 === 0) compactions.push(d.docs.compact('case-1'));
      if (i % 3 === 0) await Promise.resolve();
    }
    await settled();
    await Promise.all(compactions);
    await d.docs.flush();
    const copy = (await loaded(d, 'case-1')).doc;
    expect(copy.getArray('list').toArray()).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect((await d.docs.stats('case-1'))!.records).toBeLessThanOrEqual(6);
  });
});

describe('EncryptedDocStore: quarantine', () => {
  async function threeRecords(d: DeviceStore, docId = 'case-1') {
    for (const [i, text] of ['yksi ', 'kaksi ', 'kolme '].entries()) {
      const doc = new Y.Doc();
      doc.clientID = i + 1;
      doc.getText(text.trim()).insert(0, text);
      await d.docs.append(docId, Y.encodeStateAsUpdate(doc));
    }
  }

  it('quarantines a record with a flipped ciphertext byte and loads the rest', async () => {
    const d = await device();
    await threeRecords(d);
    const row = (await d.db.updates.get(['case-1', 2]))!;
    row[IV_BYTES + 3] = row[IV_BYTES + 3]! ^ 0xff;
    await d.db.updates.put(row, ['case-1', 2]);
    const events: DocStoreEvent[] = [];
    d.docs.subscribe((event) => events.push(event));

    const { doc, report } = await loaded(d, 'case-1');
    expect(report).toEqual({ applied: 2, quarantined: 1, quarantinedSeqs: [2] });
    expect(doc.getText('yksi').toString()).toBe('yksi ');
    expect(doc.getText('kaksi').toString()).toBe('');
    expect(doc.getText('kolme').toString()).toBe('kolme ');
    expect(events).toEqual([{ type: 'quarantined', docId: 'case-1', seqs: [2] }]);

    const kept = await d.docs.listQuarantine('case-1');
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ docId: 'case-1', seq: 2 });
    expect(kept[0]!.error).toMatch(/CorruptRecordError/);
    expect((await d.db.quarantine.toArray())[0]!.sealed).toEqual(row);
    expect(await d.db.updates.get(['case-1', 2])).toBeUndefined();
    expect((await d.docs.stats('case-1'))!.records).toBe(2);
    expect((await loaded(d, 'case-1')).report).toMatchObject({ applied: 2, quarantined: 0 });
  });

  it('quarantines records swapped between docs (the associated data no longer matches)', async () => {
    const d = await device();
    await threeRecords(d, 'case-a');
    await threeRecords(d, 'case-b');
    await d.db.updates.put((await d.db.updates.get(['case-a', 1]))!, ['case-b', 1]);
    await d.db.updates.put((await d.db.updates.get(['case-a', 3]))!, ['case-a', 2]);

    expect((await loaded(d, 'case-b')).report).toMatchObject({ quarantined: 1, quarantinedSeqs: [1] });
    expect((await loaded(d, 'case-a')).report).toMatchObject({ quarantined: 1, quarantinedSeqs: [2] });
  });

  it('quarantines records written with another key (another device or a lost key)', async () => {
    const theirs = await device({ userId: 'other-user' });
    await threeRecords(theirs);
    const foreign = (await theirs.db.updates.get(['case-1', 1]))!;
    const d = await device();
    await threeRecords(d);
    await d.db.updates.put(foreign, ['case-1', 1]);
    const { report } = await loaded(d, 'case-1');
    expect(report).toMatchObject({ applied: 2, quarantined: 1, quarantinedSeqs: [1] });
  });

  it('quarantines records that decrypt but do not parse, or that Yjs rejects', async () => {
    const d = await device();
    await threeRecords(d);
    const key = d.keyring.requireKey();
    const garbage = await sealPacked(key, docRecordAad('case-1', 4), new Uint8Array([7, 7, 7]));
    await d.db.updates.add(garbage, ['case-1', 4]);
    const notYjs = await sealPacked(
      key,
      docRecordAad('case-1', 5),
      encodeRecordPayload([new Uint8Array([200, 200, 200, 200, 200])])
    );
    await d.db.updates.add(notYjs, ['case-1', 5]);

    const { doc, report } = await loaded(d, 'case-1');
    expect(report).toMatchObject({ applied: 3, quarantined: 2, quarantinedSeqs: [4, 5] });
    expect(doc.getText('kolme').toString()).toBe('kolme ');
    const errors = (await d.docs.listQuarantine()).map((q) => q.error);
    expect(errors[0]).toMatch(/does not parse/);
    expect(errors).toHaveLength(2);
  });

  it('moves corrupt records to quarantine during compaction too, never silently dropping them', async () => {
    const d = await device({ docs: { compaction: false } });
    await threeRecords(d);
    const row = (await d.db.updates.get(['case-1', 1]))!;
    row[0] = row[0]! ^ 1;
    await d.db.updates.put(row, ['case-1', 1]);
    expect(await d.docs.compact('case-1')).toMatchObject({ snapshotSeq: 3, quarantined: 1 });
    expect(await d.docs.listQuarantine('case-1')).toHaveLength(1);
    const { doc, report } = await loaded(d, 'case-1');
    expect(report).toMatchObject({ applied: 1, quarantined: 0 });
    expect(doc.getText('kaksi').toString()).toBe('kaksi ');
  });
});

describe('EncryptedDocStore: several tabs', () => {
  it('keeps every tab current: records written in one tab are applied in the other', async () => {
    const idb = fakeIdb();
    const a = await device({ idb });
    const b = await device({ idb });
    const inA = editedDoc(a, 'case-1');
    inA.doc.getText('notes').insert(0, 'ensimmäinen ');
    await inA.settled();
    await a.docs.load('case-1', inA.doc);

    const inB = new Y.Doc();
    await b.docs.load('case-1', inB);
    expect(inB.getText('notes').toString()).toBe('ensimmäinen ');
    inA.doc.getText('notes').insert(12, 'toinen');
    await inA.settled();
    await vi.waitFor(() => expect(inB.getText('notes').toString()).toBe('ensimmäinen toinen'));
  });

  it('stops following other tabs once the doc is destroyed or detached', async () => {
    const idb = fakeIdb();
    const a = await device({ idb });
    const b = await device({ idb });
    const inB = new Y.Doc();
    await b.docs.load('case-1', inB);
    const events: DocStoreEvent[] = [];
    b.docs.subscribe((event) => events.push(event));
    inB.destroy();
    await a.docs.append('case-1', Y.encodeStateAsUpdate(makeDoc('myöhemmin')));
    // A marker doc that is still attached proves the notice arrived and was handled.
    const marker = new Y.Doc();
    await b.docs.load('case-2', marker);
    await a.docs.append('case-2', Y.encodeStateAsUpdate(makeDoc('merkki')));
    await vi.waitFor(() => expect(marker.getText('notes').toString()).toBe('merkki'));
    expect(inB.getText('notes').toString()).toBe('');
    expect(events.filter((e) => e.type === 'remote-applied').map((e) => e.docId)).toEqual(['case-2']);
  });

  it('never duplicates rows when two tabs append to the same doc at once', async () => {
    const idb = fakeIdb();
    const a = await device({ idb, docs: { compaction: false } });
    const b = await device({ idb, docs: { compaction: false } });
    const writes: Promise<void>[] = [];
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    for (let i = 0; i < 40; i++) {
      docA.getArray<string>('list').push([`a${i}`]);
      docB.getArray<string>('list').push([`b${i}`]);
      writes.push(a.docs.append('case-1', Y.encodeStateAsUpdate(docA)));
      writes.push(b.docs.append('case-1', Y.encodeStateAsUpdate(docB)));
      if (i % 5 === 0) await Promise.all(writes);
    }
    await Promise.all(writes);
    const seqs = (await a.db.updates.toCollection().primaryKeys()).map(([, seq]) => seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect((await a.docs.stats('case-1'))!.records).toBe(seqs.length);
    const list = (await loaded(a, 'case-1')).doc.getArray<string>('list').toArray();
    expect(list).toHaveLength(80);
  });
});
