/**
 * Loads lazily loaded code (the note editor's chunk) and, when that fails, tries again by itself
 * when the code may be reachable again, instead of leaving a permanent error.
 *
 * A dynamic import fails when the network drops while the chunk downloads, or when the page is
 * offline and no service worker serves the chunk from its cache (the first page on a new device
 * before the worker controls it). Both mend without the user: the browser comes back online, or
 * the service worker takes control of the page (it precaches every chunk, so the next try is
 * served from the cache even offline). A slow periodic try covers networks that `navigator.onLine`
 * wrongly calls online (a Wi-Fi without internet), where no `online` event ever comes.
 *
 * Chromium does not remember a failed dynamic import, so importing the same module again really
 * fetches it again.
 */

/** How often a failed load is tried again without any cue (a Wi-Fi without internet). */
export const PERIODIC_RETRY_MS = 30_000;

/** Events saying that a failed load may now succeed. */
export interface ReachabilityCues {
  /** Calls `cue` on every such event until the returned function is called. */
  subscribe(cue: () => void): () => void;
}

/** What {@link loadWhenReachable} tells its caller. */
export interface LoadHandlers<T> {
  /** The load succeeded (called at most once, never after cancelling). */
  loaded(value: T): void;
  /** A try failed; another comes on the next cue (called after each failed try). */
  waiting(error: unknown): void;
}

/** Timers, replaceable in tests. */
export interface RetryTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realTimers: RetryTimers = {
  setInterval: (callback, ms) => globalThis.setInterval(callback, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>)
};

/**
 * Calls `load` now and, after a failure, again on each cue from `cues` (and every
 * {@link PERIODIC_RETRY_MS}) until it succeeds, one try at a time. Returns a function that
 * cancels: no more tries, and a try still running reports nothing.
 */
export function loadWhenReachable<T>(
  load: () => Promise<T>,
  cues: ReachabilityCues,
  handlers: LoadHandlers<T>,
  timers: RetryTimers = realTimers
): () => void {
  let done = false;
  let trying = false;
  let unsubscribe: (() => void) | null = null;
  let interval: unknown = null;

  const stopRetrying = () => {
    unsubscribe?.();
    unsubscribe = null;
    if (interval !== null) timers.clearInterval(interval);
    interval = null;
  };

  const attempt = () => {
    if (done || trying) return;
    trying = true;
    load().then(
      (value) => {
        trying = false;
        if (done) return;
        done = true;
        stopRetrying();
        handlers.loaded(value);
      },
      (error: unknown) => {
        trying = false;
        if (done) return;
        if (!unsubscribe) unsubscribe = cues.subscribe(attempt);
        if (interval === null) interval = timers.setInterval(attempt, PERIODIC_RETRY_MS);
        handlers.waiting(error);
      }
    );
  };

  attempt();
  return () => {
    done = true;
    stopRetrying();
  };
}

/**
 * The browser's cues: the window's `online` event and the service worker becoming the page's
 * controller (`controllerchange`, on a first install when the worker claims the page).
 */
export function browserReachabilityCues(): ReachabilityCues {
  return {
    subscribe(cue) {
      const container = 'serviceWorker' in navigator ? navigator.serviceWorker : null;
      window.addEventListener('online', cue);
      container?.addEventListener('controllerchange', cue);
      return () => {
        window.removeEventListener('online', cue);
        container?.removeEventListener('controllerchange', cue);
      };
    }
  };
}
