/**
 * Whether the device believes it has a network. The browser's `online` event is the cue to
 * reconnect at once instead of waiting out the backoff; `offline` lets the status say so before
 * the sockets notice. A page that becomes visible again is the cue to ask the server anew about
 * what it refused (a doc whose access was removed may have it back).
 */

export interface NetworkMonitor {
  readonly online: boolean;
  /** Calls `listener` on every change. Returns a function that unsubscribes. */
  subscribe(listener: (online: boolean) => void): () => void;
  /**
   * Calls `onVisible` each time the page becomes visible again. Returns a function that
   * unsubscribes. Optional: environments without pages (Node) have no such signal.
   */
  subscribeVisible?(onVisible: () => void): () => void;
}

/** For environments without a network signal (Node): always online. */
export const ALWAYS_ONLINE: NetworkMonitor = {
  online: true,
  subscribe: () => () => {}
};

/**
 * The browser's `navigator.onLine` with the window's `online` / `offline` events, and the
 * document's `visibilitychange` (to visible) as `subscribeVisible`.
 */
export function browserNetwork(win: Window = window): NetworkMonitor {
  return {
    get online() {
      return win.navigator.onLine;
    },
    subscribe(listener) {
      const on = () => listener(true);
      const off = () => listener(false);
      win.addEventListener('online', on);
      win.addEventListener('offline', off);
      return () => {
        win.removeEventListener('online', on);
        win.removeEventListener('offline', off);
      };
    },
    subscribeVisible(onVisible) {
      const doc = win.document;
      const listener = () => {
        if (doc.visibilityState === 'visible') onVisible();
      };
      doc.addEventListener('visibilitychange', listener);
      return () => doc.removeEventListener('visibilitychange', listener);
    }
  };
}

/** A monitor driven by hand, for tests and for a "work offline" switch. */
export class ManualNetwork implements NetworkMonitor {
  #online: boolean;
  readonly #listeners = new Set<(online: boolean) => void>();

  constructor(online = true) {
    this.#online = online;
  }

  get online(): boolean {
    return this.#online;
  }

  set(online: boolean): void {
    if (online === this.#online) return;
    this.#online = online;
    for (const l of [...this.#listeners]) l(online);
  }

  subscribe(listener: (online: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
