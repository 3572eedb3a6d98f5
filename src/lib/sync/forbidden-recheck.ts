/**
 * The timer that asks again about a `forbidden` doc: after 5 s, 15 s, 60 s, then every 5 min
 * (FORBIDDEN_RECHECK_MS, or the registry's `forbiddenRecheckMs`). One per open doc. It only
 * keeps time and the step of the backoff; what a re-check asks and does with the answer is the
 * registry's (doc-registry.ts), which also fires it at once on online, a visible page or a login.
 */
import { FORBIDDEN_RECHECK_MS } from './doc-registry-options.ts';

/** Backoff steps and at most one armed timer for the re-checks of one `forbidden` doc. */
export class ForbiddenRecheck {
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Index into the delays: how many re-checks in a row still found no access. */
  #step = 0;

  /**
   * @param delays the waits before each re-check, in order; the last repeats. Must not be empty.
   * @param onDue called when an armed wait ends (the timer is already disarmed then).
   */
  constructor(
    private readonly delays: readonly number[],
    private readonly onDue: () => void
  ) {}

  /** True while a re-check is armed. */
  get armed(): boolean {
    return this.#timer !== null;
  }

  /** The wait the next {@link schedule} arms. */
  get nextDelay(): number {
    return this.delays[Math.min(this.#step, this.delays.length - 1)] ?? FORBIDDEN_RECHECK_MS[0] ?? 0;
  }

  /** Starts the backoff over (the doc has just become `forbidden`). Does not arm. */
  reset(): void {
    this.#step = 0;
  }

  /** Moves one step on (a re-check still found no access). Does not arm. */
  advance(): void {
    this.#step++;
  }

  /** Arms the re-check at the current step, replacing one already armed. */
  schedule(): void {
    this.cancel();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.onDue();
    }, this.nextDelay);
  }

  /** Disarms the re-check, if armed. Keeps the step. */
  cancel(): void {
    if (this.#timer === null) return;
    clearTimeout(this.#timer);
    this.#timer = null;
  }
}
