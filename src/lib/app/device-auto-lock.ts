/**
 * The device session's inactivity lock: an AutoLock on the device keyring whose lock goes
 * through the session (so the views hide and the documents close before the key is dropped),
 * not straight to the keyring. Plus the one DOM touch locking needs.
 */
import { AutoLock } from '$lib/persistence/auto-lock';
import type { Keyring } from '$lib/persistence/keyring';

/** Minutes → ms. */
export const MINUTE_MS = 60_000;

/**
 * An AutoLock that calls `lock('idle')` after `minutes` without activity while `keyring` is
 * unlocked. `lock` is the session's own lock (it locks the keyring itself, after its teardown).
 */
export function createDeviceAutoLock(
  keyring: Pick<Keyring, 'state' | 'subscribe'>,
  lock: (reason: 'locked' | 'idle') => Promise<void>,
  minutes: number
): AutoLock {
  return new AutoLock(
    {
      get state() {
        return keyring.state;
      },
      lock: async (reason) => {
        await lock(reason === 'idle' ? 'idle' : 'locked');
        return { errors: [] };
      },
      subscribe: (listener) => keyring.subscribe(listener)
    },
    { timeoutMs: minutes * MINUTE_MS }
  );
}

/**
 * Takes the focus out of the focused field, so its draft commits (fields commit on `change`,
 * which fires on blur) before the views unmount. No-op outside a browser.
 */
export function blurActiveElement(): void {
  if (typeof document === 'undefined') return;
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
}
