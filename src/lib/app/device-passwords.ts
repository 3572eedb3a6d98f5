/**
 * The login password is the passphrase of the device's data key. This module unlocks the key
 * with it, and hands the key over to a new password when the server and the device disagree:
 *
 * - a login whose password the server accepts but which no longer unwraps the key (changed on
 *   another device): the newer password is held until the older one unlocks, then re-wraps;
 * - an unlock whose password the server refuses: the older password is held until a login
 *   with the newer one, then re-wraps.
 *
 * Passwords are held in memory only, and only until that re-wrap (or a wipe / user switch).
 */
import { WipedError, WrongPassphraseError } from '$lib/persistence/errors';
import type { Keyring } from '$lib/persistence/keyring';
import type { UnlockResult } from './device-types.ts';

/**
 * Unlocks `keyring` with `password`: `wrong-password` (with the attempts left) or `wiped` (too
 * many wrong passwords) instead of their errors. Any other error is thrown.
 */
export async function unlockKeyring(
  keyring: Pick<Keyring, 'unlock'>,
  password: string
): Promise<UnlockResult> {
  try {
    await keyring.unlock(password);
    return { ok: true };
  } catch (error) {
    if (error instanceof WrongPassphraseError) {
      return { ok: false, reason: 'wrong-password', attemptsLeft: error.attemptsLeft };
    }
    if (error instanceof WipedError) return { ok: false, reason: 'wiped' };
    throw error;
  }
}

/** The passwords held while the server and the device disagree (see the module comment). */
export class PasswordHandover {
  #newer: string | null = null;
  #older: string | null = null;

  /** The server accepts `password`, but the key is wrapped by an older one: hold the newer. */
  holdNewer(password: string): void {
    this.#newer = password;
  }

  /** The key unlocked with `password`, which the server refuses: hold it as the older one. */
  holdOlder(password: string): void {
    this.#older = password;
  }

  /** Drops the newer password held (another user is about to log in). */
  dropNewer(): void {
    this.#newer = null;
  }

  /** Drops both (the data was wiped). */
  forget(): void {
    this.#newer = null;
    this.#older = null;
  }

  /**
   * After `password` (the older one) unlocked the key: re-wraps it with the newer password
   * held, if any, and forgets that. Throws what `changePassphrase` throws.
   */
  async afterUnlock(keyring: Pick<Keyring, 'changePassphrase'>, password: string): Promise<void> {
    if (this.#newer === null) return;
    const next = this.#newer;
    this.#newer = null;
    await keyring.changePassphrase(password, next);
  }

  /**
   * After a login with `password` (the newer one) while unlocked: re-wraps the key from the
   * older password held, if any and different, and forgets that. Without a keyring only forgets.
   */
  async afterLogin(keyring: Pick<Keyring, 'changePassphrase'> | undefined, password: string): Promise<void> {
    const previous = this.#older;
    this.#older = null;
    if (previous !== null && previous !== password) await keyring?.changePassphrase(previous, password);
  }
}
