import { afterEach, describe, expect, it } from 'vitest';
import { isUuidV7 } from '../domain/ids.ts';
import type { DeviceStore } from './device-store.ts';
import { CorruptRecordError } from './errors.ts';
import { containsPlaintext, dumpRawDatabase, fakeIdb, openTestDevice } from './testing.ts';

const opened: DeviceStore[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.close();
});

const MARKER = 'Virtanen-Ydinmarkkeri-42';

describe('encrypted side tables', () => {
  it('keeps outbox, directory cache and drafts encrypted: no plaintext in the raw records', async () => {
    const idb = fakeIdb();
    const d = await openTestDevice({ idb });
    opened.push(d);
    const entry = await d.outbox.enqueue({ kind: 'register-participant', name: MARKER });
    await d.directory.put('participant-1', { name: MARKER, status: 'active' });
    await d.drafts.put('draft-1', { text: `Luonnos: ${MARKER}` });

    const raw = await dumpRawDatabase(idb, d.db.name);
    expect(raw.outbox).toHaveLength(1);
    expect(raw.directory).toHaveLength(1);
    expect(raw.drafts).toHaveLength(1);
    expect(containsPlaintext(raw, MARKER)).toBe(false);
    expect(containsPlaintext(raw, 'register-participant')).toBe(false);
    // Only the id and the time of the last write are in clear.
    expect(Object.keys(raw.outbox![0] as object).sort()).toEqual(['ciphertext', 'id', 'iv', 'updatedAt']);

    expect(isUuidV7(entry.id)).toBe(true);
    expect((await d.outbox.get(entry.id))!.value).toEqual({ kind: 'register-participant', name: MARKER });
    expect((await d.directory.get('participant-1'))!.value).toEqual({ name: MARKER, status: 'active' });
    expect((await d.drafts.list()).entries.map((e) => e.value)).toEqual([{ text: `Luonnos: ${MARKER}` }]);
  });

  it('lists the outbox in creation order and removes sent entries', async () => {
    // A frozen clock: entries made within the same millisecond must still list in order.
    const d = await openTestDevice({ now: () => 1_700_000_000_000 });
    opened.push(d);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await d.outbox.enqueue({ n: i })).id);
    const listed = (await d.outbox.list()).entries;
    expect(listed.map((e) => e.id)).toEqual(ids);
    expect(listed.map((e) => e.value)).toEqual(ids.map((_, n) => ({ n })));
    await d.outbox.delete(ids[0]!);
    expect(await d.outbox.count()).toBe(19);
  });

  it('reports a row moved to another id as corrupt and keeps it', async () => {
    const d = await openTestDevice();
    opened.push(d);
    await d.directory.put('a', { name: 'A' });
    await d.directory.put('b', { name: 'B' });
    const rowA = (await d.db.directory.get('a'))!;
    await d.db.directory.put({ ...rowA, id: 'b' });
    const listing = await d.directory.list();
    expect(listing.entries.map((e) => e.id)).toEqual(['a']);
    expect(listing.corrupt.map((c) => c.id)).toEqual(['b']);
    await expect(d.directory.get('b')).rejects.toBeInstanceOf(CorruptRecordError);
    expect(await d.directory.count()).toBe(2);
  });
});
