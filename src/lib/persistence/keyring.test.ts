import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { PBKDF2_DEFAULT_ITERATIONS } from './crypto.ts';
import { DeviceDb, deviceDbName } from './device-db.ts';
import type { DeviceStore } from './device-store.ts';
import { KeyExistsError, LockedError, NoKeyError, WipedError, WrongPassphraseError } from './errors.ts';
import { Keyring, type KeyringChange } from './keyring.ts';
import { dumpRawDatabase, fakeIdb, openTestDevice, TEST_PASSPHRASE } from './testing.ts';

const open: DeviceStore[] = [];
async function device(options: Parameters<typeof openTestDevice>[0] = {}): Promise<DeviceStore> {
  const d = await openTestDevice(options);
  open.push(d);
  return d;
}

afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

function update(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('Keyring', () => {
  it('creates a key at first login, stores it only wrapped, and unlocks offline after a restart', async () => {
    const idb = fakeIdb();
    const first = await device({ idb, unlocked: false });
    expect(first.keyring.state).toBe('no-key');
    await first.keyring.createKey(TEST_PASSPHRASE);
    expect(first.keyring.state).toBe('unlocked');
    await first.docs.append('doc-1', update('muistiinpano'));
    await first.close();

    const raw = await dumpRawDatabase(idb, first.db.name);
    expect(raw.keys).toHaveLength(1);
    const [stored] = raw.keys as Array<Record<string, unknown>>;
    expect(Object.keys(stored!).sort()).toEqual(
      ['createdAt', 'failedAttempts', 'id', 'iterations', 'kdf', 'salt', 'wrapIv', 'wrapped'].sort()
    );
    // 32 key bytes + 16 bytes of GCM tag: the key exists only wrapped.
    expect((stored!.wrapped as Uint8Array).byteLength).toBe(48);

    const second = await device({ idb, unlocked: false });
    expect(second.keyring.state).toBe('locked');
    await second.keyring.unlock(TEST_PASSPHRASE);
    const doc = new Y.Doc();
    expect(await second.docs.load('doc-1', doc)).toMatchObject({ applied: 1, quarantined: 0 });
    expect(doc.getText('t').toString()).toBe('muistiinpano');
  });

  // One real 600 000-iteration derivation (~0.3 s; more on a loaded machine).
  it('uses at least 600 000 PBKDF2 iterations by default', { timeout: 20_000 }, async () => {
    expect(PBKDF2_DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const db = new DeviceDb(await deviceDbName('default-iterations'), fakeIdb());
    const keyring = await Keyring.open(db, { broadcast: false });
    expect(keyring.iterations).toBe(PBKDF2_DEFAULT_ITERATIONS);
    await keyring.createKey('pitkä ja hyvä salasana');
    expect((await db.keys.toArray())[0]!.iterations).toBeGreaterThanOrEqual(600_000);
    db.close();
  });

  it('refuses to create a second key and to unlock a device without one', async () => {
    const d = await device();
    await expect(d.keyring.createKey('toinen')).rejects.toBeInstanceOf(KeyExistsError);
    const empty = await device({ unlocked: false, userId: 'someone-else' });
    await expect(empty.keyring.unlock('x')).rejects.toBeInstanceOf(NoKeyError);
  });

  it('counts wrong passphrases and resets the count after a success', async () => {
    const idb = fakeIdb();
    await (await device({ idb })).close();
    const d = await device({ idb, unlocked: false });
    const error = await d.keyring.unlock('väärä').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongPassphraseError);
    expect((error as WrongPassphraseError).attemptsLeft).toBe(9);
    await expect(d.keyring.unlock('taas väärä')).rejects.toMatchObject({
      code: 'wrong-passphrase',
      attemptsLeft: 8
    });
    expect(await d.keyring.failedAttempts()).toBe(2);
    expect(d.keyring.state).toBe('locked');
    await d.keyring.unlock(TEST_PASSPHRASE);
    expect(d.keyring.state).toBe('unlocked');
    expect(await d.keyring.failedAttempts()).toBe(0);
  });

  it('re-wraps the key with a new passphrase: the data stays readable, the old passphrase stops working', async () => {
    const idb = fakeIdb();
    const first = await device({ idb });
    await first.docs.append('doc-1', update('suunnitelma'));
    const before = (await first.db.keys.toArray())[0]!;
    await expect(first.keyring.changePassphrase('väärä', 'uusi salasana 2')).rejects.toBeInstanceOf(
      WrongPassphraseError
    );
    await first.keyring.changePassphrase(TEST_PASSPHRASE, 'uusi salasana 2');
    const after = (await first.db.keys.toArray())[0]!;
    expect(after.salt).not.toEqual(before.salt);
    expect(after.wrapped).not.toEqual(before.wrapped);
    // The keyring stays unlocked with the same key: writes go on.
    await first.docs.append('doc-1', update(' jatkuu'));
    await first.close();

    const second = await device({ idb, unlocked: false });
    await expect(second.keyring.unlock(TEST_PASSPHRASE)).rejects.toBeInstanceOf(WrongPassphraseError);
    await second.keyring.unlock('uusi salasana 2');
    const doc = new Y.Doc();
    expect(await second.docs.load('doc-1', doc)).toMatchObject({ applied: 2, quarantined: 0 });
    expect(doc.getText('t').toString()).toContain('suunnitelma');
  });

  it('lock drops the key: every operation then throws LockedError, pending appends are stored first', async () => {
    const d = await device();
    const changes: KeyringChange[] = [];
    d.keyring.subscribe((change) => changes.push(change));
    const pending = d.docs.append('doc-1', update('ennen lukitusta'));
    const result = await d.keyring.lock();
    expect(result.errors).toEqual([]);
    await expect(pending).resolves.toBeUndefined();
    expect(changes).toEqual([{ state: 'locked', reason: 'locked' }]);
    expect(() => d.keyring.requireKey()).toThrow(LockedError);
    await expect(d.docs.append('doc-1', update('x'))).rejects.toBeInstanceOf(LockedError);
    await expect(d.docs.load('doc-1', new Y.Doc())).rejects.toBeInstanceOf(LockedError);
    await expect(d.outbox.enqueue({ kind: 'x' })).rejects.toBeInstanceOf(LockedError);
    await expect(d.directory.list()).rejects.toBeInstanceOf(LockedError);
    await expect(d.drafts.get('a')).rejects.toBeInstanceOf(LockedError);

    await d.keyring.unlock(TEST_PASSPHRASE);
    const doc = new Y.Doc();
    await d.docs.load('doc-1', doc);
    expect(doc.getText('t').toString()).toBe('ennen lukitusta');
  });

  it('wipe destroys the wrapped key first, then deletes the database', async () => {
    const idb = fakeIdb();
    const d = await device({ idb });
    await d.docs.append('doc-1', update('arkaluonteinen'));
    const name = d.db.name;

    // Another connection (like another tab that does not close) blocks the delete, so the
    // state between the two steps can be inspected.
    const other = await new Promise<IDBDatabase>((resolve) => {
      const request = idb.indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
    });
    let deleteRequested = false;
    other.onversionchange = () => (deleteRequested = true);

    const wiped = d.keyring.wipe();
    await vi.waitFor(() => expect(deleteRequested).toBe(true));
    const between = await new Promise<{ keys: number; updates: number }>((resolve) => {
      const tx = other.transaction(['keys', 'updates'], 'readonly');
      const keys = tx.objectStore('keys').count();
      const updates = tx.objectStore('updates').count();
      tx.oncomplete = () => resolve({ keys: keys.result, updates: updates.result });
    });
    expect(between).toEqual({ keys: 0, updates: 1 });
    other.close();
    await wiped;

    expect(d.keyring.state).toBe('wiped');
    const names = (await idb.indexedDB.databases()).map((db) => db.name);
    expect(names).not.toContain(name);
    expect(() => d.keyring.requireKey()).toThrow(WipedError);
    await expect(d.docs.append('doc-1', update('x'))).rejects.toBeInstanceOf(WipedError);
  });

  it('wipes the device after the allowed number of wrong passphrases', async () => {
    const idb = fakeIdb();
    await (await device({ idb })).close();
    const d = await device({ idb, unlocked: false, keyring: { maxFailedAttempts: 3 } });
    const changes: KeyringChange[] = [];
    d.keyring.subscribe((change) => changes.push(change));
    await expect(d.keyring.unlock('1')).rejects.toMatchObject({ attemptsLeft: 2 });
    await expect(d.keyring.unlock('2')).rejects.toMatchObject({ attemptsLeft: 1 });
    await expect(d.keyring.unlock('3')).rejects.toBeInstanceOf(WipedError);
    expect(changes).toEqual([{ state: 'wiped', reason: 'too-many-attempts' }]);
    expect((await idb.indexedDB.databases()).map((db) => db.name)).not.toContain(d.db.name);
    await expect(d.keyring.unlock(TEST_PASSPHRASE)).rejects.toBeInstanceOf(WipedError);

    // The next login on this device starts from scratch.
    const fresh = await device({ idb, unlocked: false });
    expect(fresh.keyring.state).toBe('no-key');
  });

  it('locking or wiping in one tab locks or wipes the other tabs', async () => {
    const idb = fakeIdb();
    const a = await device({ idb });
    const b = await device({ idb });
    expect(b.keyring.state).toBe('unlocked');
    await a.keyring.lock();
    await vi.waitFor(() => expect(b.keyring.state).toBe('locked'));

    await a.keyring.unlock(TEST_PASSPHRASE);
    await b.keyring.unlock(TEST_PASSPHRASE);
    await a.keyring.wipe();
    await vi.waitFor(() => expect(b.keyring.state).toBe('wiped'));
    await expect(b.docs.append('d', update('x'))).rejects.toBeInstanceOf(WipedError);
  });
});
