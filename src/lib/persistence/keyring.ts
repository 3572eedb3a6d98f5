/**
 * The data key's lifecycle on one device: create (first login), unlock (offline, with the
 * passphrase), lock (drop the key from memory), wipe (crypto-shred, then delete the database).
 *
 * Wrong passphrases are counted in the database *before* each attempt and the count is reset
 * after a success, so closing the tab mid-attempt cannot dodge the limit. After
 * `maxFailedAttempts` wrong passphrases the device's data is wiped. The counter only slows an
 * attacker who uses the app; against a copied disk image the PBKDF2 cost is the protection.
 *
 * Wipe order: the wrapped key is overwritten with random bytes and deleted first — without it
 * every record is undecryptable (crypto-shredding) even if deleting the database is blocked or
 * interrupted, or the storage engine keeps old pages. Then the database is deleted.
 *
 * Tabs: locking or wiping in one tab locks or wipes every tab of the same database
 * (BroadcastChannel). Unlocking is per tab: the key never leaves the tab that derived it.
 */
import {
  createDataKey,
  deriveWrappingKey,
  IV_BYTES,
  keyWrapAad,
  PBKDF2_DEFAULT_ITERATIONS,
  randomBytes,
  SALT_BYTES,
  unwrapDataKey,
  type Bytes
} from './crypto.ts';
import { DATA_KEY_ID, type DeviceDb, type KeyRecord } from './device-db.ts';
import {
  KeyExistsError,
  LockedError,
  NoKeyError,
  toPersistenceError,
  WipedError,
  WrongPassphraseError
} from './errors.ts';

/** Wrong passphrases allowed before the local data is wiped. */
export const DEFAULT_MAX_FAILED_ATTEMPTS = 10;

/**
 * - `no-key`: nothing stored yet (first login on this device must call `createKey`);
 * - `locked`: a wrapped key is stored, the key is not in memory;
 * - `unlocked`: the data key is in memory;
 * - `wiped`: the local data was destroyed; this instance is finished.
 */
export type KeyringState = 'no-key' | 'locked' | 'unlocked' | 'wiped';

/** Why the state changed. `remote-*` means another tab did it. */
export type KeyringChangeReason =
  'created' | 'unlocked' | 'locked' | 'idle' | 'remote-lock' | 'wiped' | 'too-many-attempts' | 'remote-wipe';

export interface KeyringChange {
  state: KeyringState;
  reason: KeyringChangeReason;
}

/** What the stores need from the keyring. */
export interface KeyProvider {
  /** The data key; throws LockedError (or WipedError) when it is not in memory. */
  requireKey(): CryptoKey;
  /** Registers work to finish (e.g. pending writes) before the key is dropped. */
  beforeLock(hook: () => Promise<void>): () => void;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (change: KeyringChange) => void): () => void;
}

export interface KeyringOptions {
  /** PBKDF2 iterations for `createKey`. Default 600 000; tests pass a small number. */
  iterations?: number;
  /** Wrong passphrases before the wipe. Default 10. */
  maxFailedAttempts?: number;
  /** Cross-tab lock/wipe notices; default true when BroadcastChannel exists. */
  broadcast?: boolean;
  now?: () => number;
}

/** What `lock()` could not finish before dropping the key (e.g. a write failed: device full). */
export interface LockResult {
  errors: unknown[];
}

type KeyringMessage = { t: 'locked' } | { t: 'wiped' };

/** The data key of one device database. Create with `Keyring.open`. */
export class Keyring implements KeyProvider {
  #db: DeviceDb;
  #state: KeyringState;
  #key: CryptoKey | null = null;
  #listeners = new Set<(change: KeyringChange) => void>();
  #lockHooks = new Set<() => Promise<void>>();
  #channel: BroadcastChannel | null = null;
  #iterations: number;
  #maxFailedAttempts: number;
  #now: () => number;
  #wiping: Promise<void> | null = null;

  private constructor(db: DeviceDb, state: KeyringState, options: KeyringOptions) {
    this.#db = db;
    this.#state = state;
    this.#iterations = options.iterations ?? PBKDF2_DEFAULT_ITERATIONS;
    this.#maxFailedAttempts = options.maxFailedAttempts ?? DEFAULT_MAX_FAILED_ATTEMPTS;
    this.#now = options.now ?? Date.now;
    if ((options.broadcast ?? true) && typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(`rinnalla-keyring:${db.name}`);
      unrefChannel(this.#channel);
      this.#channel.onmessage = (event: MessageEvent<KeyringMessage>) => this.#onMessage(event.data);
    }
    // Another connection deletes the database (a wipe in a tab without BroadcastChannel): stop,
    // and don't let Dexie silently re-create an empty database on the next call.
    db.on('versionchange', (event) => {
      if (!event.newVersion) this.#becomeWiped('remote-wipe');
    });
  }

  /** Reads whether this device database holds a wrapped key; the result starts locked or no-key. */
  static async open(db: DeviceDb, options: KeyringOptions = {}): Promise<Keyring> {
    let record: KeyRecord | undefined;
    try {
      record = await db.keys.get(DATA_KEY_ID);
    } catch (error) {
      throw toPersistenceError(error, 'Reading the key');
    }
    return new Keyring(db, record ? 'locked' : 'no-key', options);
  }

  get state(): KeyringState {
    return this.#state;
  }

  /** PBKDF2 iterations `createKey` uses. */
  get iterations(): number {
    return this.#iterations;
  }

  /** Wrong passphrases recorded so far (0 after a successful unlock). */
  async failedAttempts(): Promise<number> {
    return (await this.#db.keys.get(DATA_KEY_ID))?.failedAttempts ?? 0;
  }

  subscribe(listener: (change: KeyringChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  beforeLock(hook: () => Promise<void>): () => void {
    this.#lockHooks.add(hook);
    return () => this.#lockHooks.delete(hook);
  }

  requireKey(): CryptoKey {
    if (this.#state === 'wiped') throw new WipedError();
    if (!this.#key) throw new LockedError();
    return this.#key;
  }

  /**
   * First login on this device: makes a random data key, stores it wrapped by `passphrase`, and
   * leaves the keyring unlocked. Throws KeyExistsError if the device already has a key.
   */
  async createKey(passphrase: string): Promise<void> {
    this.#assertNotWiped();
    if (!passphrase) throw new TypeError('The passphrase must not be empty.');
    const salt = randomBytes(SALT_BYTES);
    const wrappingKey = await deriveWrappingKey(passphrase, salt, this.#iterations);
    const { key, wrapped, iv } = await createDataKey(wrappingKey, keyWrapAad(this.#db.name));
    const record: KeyRecord = {
      id: DATA_KEY_ID,
      wrapped,
      wrapIv: iv,
      salt,
      kdf: 'PBKDF2-SHA-256',
      iterations: this.#iterations,
      failedAttempts: 0,
      createdAt: this.#now()
    };
    try {
      // `add` fails if another tab created a key meanwhile: never overwrite a key.
      await this.#db.keys.add(record);
    } catch (error) {
      if (error instanceof Error && error.name === 'ConstraintError') throw new KeyExistsError();
      throw toPersistenceError(error, 'Storing the key');
    }
    this.#key = key;
    this.#setState('unlocked', 'created');
  }

  /**
   * Unwraps the data key with `passphrase` (works offline). A wrong passphrase throws
   * WrongPassphraseError with the attempts left; the last allowed wrong one wipes the device
   * and throws WipedError. Throws NoKeyError when the device has no key.
   */
  async unlock(passphrase: string): Promise<void> {
    this.#assertNotWiped();
    if (this.#state === 'unlocked') return;
    const record = await this.#countAttempt();
    let key: CryptoKey;
    try {
      const wrappingKey = await deriveWrappingKey(passphrase, record.salt, record.iterations);
      key = await unwrapDataKey(record.wrapped, record.wrapIv, wrappingKey, keyWrapAad(this.#db.name));
    } catch {
      // Unwrapping only fails when the derived key is wrong (or the wrap was tampered with).
      if (record.failedAttempts >= this.#maxFailedAttempts) {
        await this.#wipe('too-many-attempts');
        throw new WipedError('Too many wrong passphrases: the local data on this device was wiped.');
      }
      throw new WrongPassphraseError(this.#maxFailedAttempts - record.failedAttempts);
    }
    try {
      await this.#db.keys.update(DATA_KEY_ID, { failedAttempts: 0 });
    } catch (error) {
      throw toPersistenceError(error, 'Resetting the attempt counter');
    }
    if (this.#state === 'wiped') throw new WipedError();
    this.#key = key;
    this.#setState('unlocked', 'unlocked');
  }

  /**
   * Re-wraps the data key with a new passphrase (the login password changed), under a fresh salt
   * and the current iteration count. The data itself is untouched. Throws WrongPassphraseError
   * when `current` does not unwrap the key (not counted as a failed unlock: the caller already
   * proved the user's identity to the server), NoKeyError without a key.
   */
  async changePassphrase(current: string, next: string): Promise<void> {
    this.#assertNotWiped();
    if (!next) throw new TypeError('The passphrase must not be empty.');
    let record: KeyRecord | undefined;
    try {
      record = await this.#db.keys.get(DATA_KEY_ID);
    } catch (error) {
      throw toPersistenceError(error, 'Reading the key');
    }
    if (!record) throw new NoKeyError();
    const aad = keyWrapAad(this.#db.name);
    let rewrapped: { wrapped: Bytes; iv: Bytes; salt: Bytes };
    try {
      const oldKey = await deriveWrappingKey(current, record.salt, record.iterations);
      const salt = randomBytes(SALT_BYTES);
      const newKey = await deriveWrappingKey(next, salt, this.#iterations);
      rewrapped = { ...(await rewrapDataKey(record.wrapped, record.wrapIv, oldKey, newKey, aad)), salt };
    } catch {
      throw new WrongPassphraseError(this.#maxFailedAttempts - record.failedAttempts);
    }
    try {
      await this.#db.keys.put({
        ...record,
        wrapped: rewrapped.wrapped,
        wrapIv: rewrapped.iv,
        salt: rewrapped.salt,
        iterations: this.#iterations,
        failedAttempts: 0
      });
    } catch (error) {
      throw toPersistenceError(error, 'Storing the re-wrapped key');
    }
  }

  /**
   * Drops the data key from memory after letting the stores finish pending writes. Always ends
   * locked; failures of those writes are returned (the data is still in the caller's memory).
   */
  async lock(reason: 'locked' | 'idle' = 'locked'): Promise<LockResult> {
    const errors = await this.#runLockHooks();
    if (this.#state !== 'unlocked') return { errors };
    this.#key = null;
    this.#setState('locked', reason);
    this.#post({ t: 'locked' });
    return { errors };
  }

  /**
   * Destroys the local data: overwrites and deletes the wrapped key (crypto-shredding), then
   * deletes the database. Callers check first that the server holds every local change (or
   * that the user accepted the loss). Resolves once the database is gone.
   */
  async wipe(): Promise<void> {
    await this.#wipe('wiped');
  }

  /** Stops listening to other tabs. The database itself is closed by its owner. */
  close(): void {
    this.#channel?.close();
    this.#channel = null;
  }

  async #countAttempt(): Promise<KeyRecord> {
    try {
      return await this.#db.transaction('rw', this.#db.keys, async () => {
        const record = await this.#db.keys.get(DATA_KEY_ID);
        if (!record) throw new NoKeyError();
        const counted = { ...record, failedAttempts: record.failedAttempts + 1 };
        await this.#db.keys.put(counted);
        return counted;
      });
    } catch (error) {
      throw toPersistenceError(error, 'Counting the unlock attempt');
    }
  }

  #wipe(reason: 'wiped' | 'too-many-attempts'): Promise<void> {
    this.#wiping ??= (async () => {
      this.#key = null;
      // 1. Crypto-shred: overwrite the wrapped key and salt with random bytes, then delete it.
      try {
        const record = await this.#db.keys.get(DATA_KEY_ID);
        if (record) {
          await this.#db.keys.put({
            ...record,
            wrapped: randomBytes(record.wrapped.byteLength),
            wrapIv: randomBytes(record.wrapIv.byteLength),
            salt: randomBytes(record.salt.byteLength)
          });
          await this.#db.keys.delete(DATA_KEY_ID);
        }
      } catch (error) {
        throw toPersistenceError(error, 'Destroying the key');
      }
      this.#post({ t: 'wiped' });
      // 2. Delete the database (waits while another tab still holds it open).
      try {
        await this.#db.delete();
      } catch (error) {
        throw toPersistenceError(error, 'Deleting the database');
      }
      this.#setState('wiped', reason);
    })();
    // A failed wipe may be retried.
    this.#wiping.catch(() => (this.#wiping = null));
    return this.#wiping;
  }

  async #runLockHooks(): Promise<unknown[]> {
    const results = await Promise.allSettled([...this.#lockHooks].map((hook) => hook()));
    return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  }

  #onMessage(message: KeyringMessage): void {
    if (message.t === 'locked' && this.#state === 'unlocked') {
      void this.#runLockHooks().then(() => {
        if (this.#state !== 'unlocked') return;
        this.#key = null;
        this.#setState('locked', 'remote-lock');
      });
    } else if (message.t === 'wiped') {
      this.#becomeWiped('remote-wipe');
    }
  }

  #becomeWiped(reason: KeyringChangeReason): void {
    if (this.#state === 'wiped') return;
    this.#key = null;
    // Close for good: an empty database must not be re-created behind the wipe's back.
    this.#db.close({ disableAutoOpen: true });
    this.#setState('wiped', reason);
  }

  #assertNotWiped(): void {
    if (this.#state === 'wiped') throw new WipedError();
  }

  #setState(state: KeyringState, reason: KeyringChangeReason): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener({ state, reason });
  }

  #post(message: KeyringMessage): void {
    this.#channel?.postMessage(message);
  }
}

/**
 * Unwraps the data key with `oldKey` as extractable (it exists only inside this function) and
 * wraps it with `newKey` under a fresh IV. Rejects when `oldKey` is wrong.
 */
async function rewrapDataKey(
  wrapped: Bytes,
  iv: Bytes,
  oldKey: CryptoKey,
  newKey: CryptoKey,
  aad: Bytes
): Promise<{ wrapped: Bytes; iv: Bytes }> {
  const subtle = globalThis.crypto.subtle;
  const raw = await subtle.unwrapKey(
    'raw',
    wrapped,
    oldKey,
    { name: 'AES-GCM', iv, additionalData: aad },
    { name: 'AES-GCM' },
    true,
    ['encrypt', 'decrypt']
  );
  const nextIv = randomBytes(IV_BYTES);
  const next = new Uint8Array(
    await subtle.wrapKey('raw', raw, newKey, { name: 'AES-GCM', iv: nextIv, additionalData: aad })
  );
  return { wrapped: next, iv: nextIv };
}

/** Node's BroadcastChannel keeps the process alive unless unref'd; browsers have no unref. */
export function unrefChannel(channel: BroadcastChannel): void {
  (channel as BroadcastChannel & { unref?: () => void }).unref?.();
}
