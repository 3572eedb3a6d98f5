/**
 * Locks the keyring after a period without user activity. The UI calls `activity()` on input
 * events (throttling is done here, so calling it on every key press is fine); the timer runs
 * only while the keyring is unlocked.
 */
import type { Keyring } from './keyring.ts';

/** Default inactivity before the app locks itself: 10 minutes. */
export const DEFAULT_AUTO_LOCK_MS = 10 * 60 * 1000;

export interface AutoLockOptions {
  /** Inactivity in ms before locking. Default 10 minutes. */
  timeoutMs?: number;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Watches activity and calls `keyring.lock('idle')` after `timeoutMs` without any. */
export class AutoLock {
  #keyring: Pick<Keyring, 'state' | 'lock' | 'subscribe'>;
  #timeoutMs: number;
  #now: () => number;
  #setTimer: (callback: () => void, ms: number) => unknown;
  #clearTimer: (handle: unknown) => void;
  #lastActivity: number;
  #timer: unknown = null;
  #unsubscribe: () => void;

  constructor(keyring: Pick<Keyring, 'state' | 'lock' | 'subscribe'>, options: AutoLockOptions = {}) {
    this.#keyring = keyring;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_AUTO_LOCK_MS;
    if (!(this.#timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    this.#now = options.now ?? Date.now;
    this.#setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.#clearTimer =
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.#lastActivity = this.#now();
    this.#unsubscribe = keyring.subscribe(({ state }) => {
      if (state === 'unlocked') {
        this.#lastActivity = this.#now();
        this.#arm(this.#timeoutMs);
      } else {
        this.#disarm();
      }
    });
    if (keyring.state === 'unlocked') this.#arm(this.#timeoutMs);
  }

  /** The timeout in ms. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Records user activity (cheap: only a timestamp; the timer re-arms when it fires). */
  activity(): void {
    this.#lastActivity = this.#now();
  }

  /** Changes the timeout (settings page); applies from now. */
  setTimeoutMs(ms: number): void {
    if (!(ms > 0)) throw new RangeError('timeout must be positive');
    this.#timeoutMs = ms;
    if (this.#keyring.state === 'unlocked') this.#arm(Math.max(0, this.#lastActivity + ms - this.#now()));
  }

  /** Stops watching. */
  dispose(): void {
    this.#disarm();
    this.#unsubscribe();
  }

  #arm(ms: number): void {
    this.#disarm();
    this.#timer = this.#setTimer(() => this.#fire(), ms);
  }

  #disarm(): void {
    if (this.#timer !== null) this.#clearTimer(this.#timer);
    this.#timer = null;
  }

  #fire(): void {
    this.#timer = null;
    if (this.#keyring.state !== 'unlocked') return;
    const idle = this.#now() - this.#lastActivity;
    if (idle >= this.#timeoutMs) void this.#keyring.lock('idle');
    else this.#arm(this.#timeoutMs - idle);
  }
}
