/**
 * Asks whether the session still holds after a socket failed to open: a browser hides the
 * upgrade's 401, so the registry (doc-registry.ts) cannot tell an ended session from a server
 * that is down. Asks at most once per interval and never twice at once; a question that cannot
 * be answered (network down) changes nothing.
 */

/** Throttled `checkSession` calls for one registry. */
export class SessionCheck {
  #last = -Infinity;
  #running = false;

  /**
   * @param check resolves false when the session ended; without it nothing is asked.
   * @param intervalMs the least time between two questions.
   * @param onEnded called when `check` resolved false.
   */
  constructor(
    private readonly check: (() => Promise<boolean>) | undefined,
    private readonly intervalMs: number,
    private readonly onEnded: () => void
  ) {}

  /** Asks now unless offline, already known expired, a question is running, or one was recent. */
  maybeAsk(online: boolean, sessionExpired: boolean): void {
    const { check } = this;
    if (!check || sessionExpired || this.#running || !online) return;
    const now = Date.now();
    if (now - this.#last < this.intervalMs) return;
    this.#last = now;
    this.#running = true;
    check().then(
      (valid) => {
        this.#running = false;
        if (!valid) this.onEnded();
      },
      () => {
        // Could not ask (network down): keep retrying the sockets, ask again later.
        this.#running = false;
      }
    );
  }
}
