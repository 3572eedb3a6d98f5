/**
 * One open document's sync status and presence as rune state, for a document view.
 */
import type { DocHandle } from './doc-registry.ts';
import { presentUsers, type PresentUser } from './presence.ts';
import type { DocStatus } from './status.ts';

export class DocSyncState {
  /** The document's status; replaced on every change. */
  status = $state.raw<DocStatus>() as DocStatus;
  /** Who is here (the local user first). */
  users = $state.raw<PresentUser[]>([]);
  readonly #handle: DocHandle;
  readonly #stop: (() => void)[] = [];

  /** Follows `handle`; `locale` orders names. Does not take ownership of the handle. */
  constructor(handle: DocHandle, locale = 'fi') {
    this.#handle = handle;
    this.#stop.push(
      handle.subscribe((status) => {
        this.status = status;
      })
    );
    const awareness = handle.awareness;
    const readUsers = () => {
      this.users = presentUsers(awareness.getStates(), handle.doc.clientID, locale);
    };
    readUsers();
    awareness.on('change', readUsers);
    this.#stop.push(() => awareness.off('change', readUsers));
  }

  /** Reconnects after an error (4400, 4413, 404). */
  retry(): void {
    this.#handle.retry();
  }

  destroy(): void {
    for (const stop of this.#stop.splice(0)) stop();
  }
}
