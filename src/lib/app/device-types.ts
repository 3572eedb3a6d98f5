/**
 * The shapes the device session (device.svelte.ts) shows to its callers: its status, the notice
 * for the next screen, and the results of unlocking and of the guarded logout / data removal.
 * Type-only, so views can import them without pulling in the session.
 */

/**
 * Where the device session is:
 * - `starting`: reading what the device holds;
 * - `signed-out`: the device holds no data for a known user: the normal login applies;
 * - `locked`: the device holds data of a user; the unlock screen shows (works offline);
 * - `unlocked`: the data key is in memory; the registry and the doc store are set.
 */
export type DeviceStatus = 'starting' | 'signed-out' | 'locked' | 'unlocked';

/** Something the next screen should tell the user about the device. */
export type DeviceNotice =
  /** Locked after inactivity. */
  | 'idle'
  /** Too many wrong passwords: the local data was wiped. */
  | 'wiped-attempts'
  /** An admin removed this device from use: the local data was wiped. */
  | 'wiped-revoked'
  /** The user removed their data from this device. */
  | 'removed'
  /** The data was removed in another tab. */
  | 'wiped-elsewhere'
  /** The server has a newer password than the one protecting this device's data. */
  | 'password-changed'
  | null;

/** What `unlock` resolves to: unlocked, a wrong password (with attempts left), or wiped. */
export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong-password'; attemptsLeft: number }
  /** Too many wrong passwords: the local data was wiped. */
  | { ok: false; reason: 'wiped' };

/** A local change the server lacks: a document's edits, or a registration not yet sent. */
export interface UnsyncedItem {
  kind: 'document' | 'registration';
  docId: string;
  /** The participant's display name, when the directory knows it. */
  name: string | null;
}

/** What a guarded logout / removal resolves to: done, or refused with what would be lost. */
export type GuardedResult = { done: true } | { done: false; unsynced: UnsyncedItem[] };
