/**
 * Periodic per-connection work (pings, session-expiry checks) spread over its interval.
 *
 * One timer that pinged every connection at once held the event loop for several ms every 30 s
 * (≈ 0.1 ms per socket write, 60 sockets in the benchmark, hundreds on a busy day), and every
 * edit arriving meanwhile waited for it. Here each connection gets its own turn at a random
 * phase within the interval, and a short tick picks up whoever's turn has come: the same work,
 * a few connections at a time.
 */

/** How many ticks an interval is cut into. */
export const SPREAD_STEPS = 30;
/** Shortest tick, for the short intervals tests use. */
export const MIN_TICK_MS = 20;

/** The tick period for work that repeats every `intervalMs`. */
export function spreadTickMs(intervalMs: number): number {
  return Math.min(1000, Math.max(MIN_TICK_MS, Math.floor(intervalMs / SPREAD_STEPS)));
}

/** When each item's turn comes; items are held weakly, so closed connections need no removal. */
export class SpreadSchedule<T extends object> {
  private readonly next = new WeakMap<T, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly random: () => number = Math.random
  ) {}

  /**
   * The items of `all` whose turn has come at `now`, each of which gets its next turn one
   * interval later. An item seen for the first time gets a first turn at a random point of the
   * coming interval, so a crowd that arrives together does not stay together.
   */
  due(all: Iterable<T>, now: number): T[] {
    const out: T[] = [];
    for (const item of all) {
      const at = this.next.get(item);
      if (at === undefined) {
        this.next.set(item, now + this.random() * this.intervalMs);
      } else if (at <= now) {
        out.push(item);
        // A late tick does not pile turns up: the next one is at least a tick away.
        this.next.set(item, Math.max(at + this.intervalMs, now + spreadTickMs(this.intervalMs)));
      }
    }
    return out;
  }
}
