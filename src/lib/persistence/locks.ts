/**
 * Mutual exclusion between tabs for one doc's writer. In browsers this is the Web Locks API
 * (`navigator.locks`), which spans every tab and worker of the origin. Where it is absent (Node
 * tests, very old browsers) `InProcessLocks` serialises within one JS context only; across
 * contexts the store then relies on its optimistic checks inside each IndexedDB transaction
 * (the expected `nextSeq` must still be current, `add` never overwrites), so a race costs a
 * retry, never a lost or duplicated row.
 */

/** The part of the Web Locks API the store uses: exclusive locks by name. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** FIFO exclusive locks by name within one JS context. */
export class InProcessLocks implements LockManagerLike {
  #tails = new Map<string, Promise<unknown>>();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    const run = previous.then(callback, callback);
    const tail = run.catch(() => undefined);
    this.#tails.set(name, tail);
    void tail.then(() => {
      if (this.#tails.get(name) === tail) this.#tails.delete(name);
    });
    return run;
  }
}

/** `navigator.locks` when the platform has it, otherwise an `InProcessLocks`. */
export function defaultLockManager(): LockManagerLike {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks && typeof locks.request === 'function') {
    return { request: (name, callback) => locks.request(name, () => callback()) };
  }
  return new InProcessLocks();
}
