/**
 * The app-wide sync status as rune state, for the header: follows a SyncRegistry.
 */
import type { SyncRegistry } from './doc-registry.ts';
import type { AppStatus } from './status.ts';

export class SyncStatusState {
  /** The registry's app status; replaced (not mutated) on every change. */
  current = $state.raw<AppStatus>() as AppStatus;
  readonly #registry: SyncRegistry;
  readonly #unsubscribe: () => void;

  constructor(registry: SyncRegistry) {
    this.#registry = registry;
    // subscribe() calls back at once, so `current` is set before the constructor returns.
    this.#unsubscribe = registry.subscribe((status) => {
      this.current = status;
    });
  }

  get kind(): AppStatus['kind'] {
    return this.current.kind;
  }

  /** Changes not yet on the server, over all open documents. */
  get pending(): number {
    return this.current.pending;
  }

  /** The server ended the session: ask the user to log in again (nothing local is lost). */
  get sessionExpired(): boolean {
    return this.current.sessionExpired;
  }

  /** After a new login: reconnects every document. */
  resume(): void {
    this.#registry.resume();
  }

  destroy(): void {
    this.#unsubscribe();
  }
}
