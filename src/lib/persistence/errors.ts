/**
 * Errors of the device store. Every error has a stable `code` the UI maps to a Finnish and an
 * English sentence (`PERSISTENCE_ERROR_TEXT`); messages are for developers and logs and never
 * contain document content.
 */

export type PersistenceErrorCode =
  | 'locked'
  | 'no-key'
  | 'key-exists'
  | 'wrong-passphrase'
  | 'wiped'
  | 'quota-exceeded'
  | 'corrupt-record'
  | 'closed'
  | 'storage-failed';

/** Base class: every failure of the device store is one of these, never a bare DOMException. */
export class PersistenceError extends Error {
  readonly code: PersistenceErrorCode;

  constructor(code: PersistenceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersistenceError';
    this.code = code;
  }
}

/** The data key is not in memory (the device store is locked): unlock first. */
export class LockedError extends PersistenceError {
  constructor(message = 'The device store is locked: unlock it with the passphrase first.') {
    super('locked', message);
    this.name = 'LockedError';
  }
}

/** No data key exists on this device yet: call `createKey` at the first login. */
export class NoKeyError extends PersistenceError {
  constructor(message = 'No data key exists on this device yet: create one at the first login.') {
    super('no-key', message);
    this.name = 'NoKeyError';
  }
}

/** `createKey` was called on a device that already has a data key. */
export class KeyExistsError extends PersistenceError {
  constructor(message = 'A data key already exists on this device: unlock it instead.') {
    super('key-exists', message);
    this.name = 'KeyExistsError';
  }
}

/**
 * The passphrase did not unwrap the data key. `attemptsLeft` wrong passphrases more and the
 * device's local data is wiped.
 */
export class WrongPassphraseError extends PersistenceError {
  readonly attemptsLeft: number;

  constructor(attemptsLeft: number) {
    super(
      'wrong-passphrase',
      `Wrong passphrase; ${attemptsLeft} attempts left before the local data is wiped.`
    );
    this.name = 'WrongPassphraseError';
    this.attemptsLeft = attemptsLeft;
  }
}

/** The local data was wiped (too many wrong passphrases, or on request): log in again online. */
export class WipedError extends PersistenceError {
  constructor(message = 'The local data on this device was wiped.') {
    super('wiped', message);
    this.name = 'WipedError';
  }
}

/**
 * The device is full. Nothing was written by the failed operation; whatever the caller holds in
 * memory is intact, so it keeps the update and retries once space is freed.
 */
export class QuotaExceededError extends PersistenceError {
  constructor(options?: { cause?: unknown }) {
    super(
      'quota-exceeded',
      'The device is full: the write was not stored; keep the data and retry.',
      options
    );
    this.name = 'QuotaExceededError';
  }
}

/** A stored record failed to decrypt or parse. It is quarantined, never applied. */
export class CorruptRecordError extends PersistenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('corrupt-record', message, options);
    this.name = 'CorruptRecordError';
  }
}

/** The store was closed (or its database deleted) while the operation was pending. */
export class ClosedError extends PersistenceError {
  constructor(message = 'The device store is closed.') {
    super('closed', message);
    this.name = 'ClosedError';
  }
}

/** IndexedDB failed for another reason (the cause is attached). */
export class StorageFailedError extends PersistenceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('storage-failed', message, options);
    this.name = 'StorageFailedError';
  }
}

/** User-facing text for each code, Finnish first. */
export const PERSISTENCE_ERROR_TEXT: Record<PersistenceErrorCode, { fi: string; en: string }> = {
  locked: {
    fi: 'Sovellus on lukittu. Avaa se salasanallasi.',
    en: 'The app is locked. Unlock it with your passphrase.'
  },
  'no-key': {
    fi: 'Tällä laitteella ei ole vielä tietoja. Kirjaudu sisään verkossa.',
    en: 'This device holds no data yet. Log in while online.'
  },
  'key-exists': {
    fi: 'Laitteella on jo tiedot. Avaa ne salasanallasi.',
    en: 'This device already holds data. Unlock it with your passphrase.'
  },
  'wrong-passphrase': { fi: 'Väärä salasana.', en: 'Wrong passphrase.' },
  wiped: {
    fi: 'Tämän laitteen tiedot on poistettu. Kirjaudu sisään verkossa.',
    en: 'The data on this device was removed. Log in while online.'
  },
  'quota-exceeded': {
    fi: 'Laite on täynnä. Muutosta ei vielä tallennettu laitteelle; vapauta tilaa, niin se tallennetaan.',
    en: 'The device is full. The change is not yet saved on the device; free some space and it will be.'
  },
  'corrupt-record': {
    fi: 'Osa laitteelle tallennetuista tiedoista oli vioittunut. Asiakirja haetaan uudelleen palvelimelta.',
    en: 'Some data stored on this device was damaged. The document is fetched again from the server.'
  },
  closed: { fi: 'Tallennus on suljettu.', en: 'The storage is closed.' },
  'storage-failed': {
    fi: 'Tallennus laitteelle epäonnistui. Yritä uudelleen.',
    en: 'Saving on the device failed. Please try again.'
  }
};

/**
 * Maps an IndexedDB/Dexie failure to a PersistenceError: `QuotaExceededError` (DOMException or
 * Dexie's wrapper, also when nested as `inner`) becomes QuotaExceededError; our own errors pass
 * through unchanged.
 */
export function toPersistenceError(error: unknown, what: string): PersistenceError {
  if (error instanceof PersistenceError) return error;
  if (isQuotaError(error)) return new QuotaExceededError({ cause: error });
  const name = error instanceof Error ? error.name : 'unknown';
  if (name === 'DatabaseClosedError') return new ClosedError(`${what}: the database is closed.`);
  return new StorageFailedError(`${what} failed (${name}).`, { cause: error });
}

function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === 'object' && current !== null && 'name' in current) {
      if ((current as { name: unknown }).name === 'QuotaExceededError') return true;
      current = (current as { inner?: unknown }).inner;
    } else {
      return false;
    }
  }
  return false;
}
