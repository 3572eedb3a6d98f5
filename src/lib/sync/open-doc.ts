/**
 * The registry's record of one open document (doc-registry.ts): the Y.Doc and its provider,
 * the views holding it, its connection state, the pending-changes ledger, the device store's
 * outcome, and the timers that act on it. Internal to the registry's modules; not exported from
 * doc-registry.ts.
 */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ForbiddenRecheck } from './forbidden-recheck.ts';
import { PendingChanges } from './pending-changes.ts';
import { docStatus, type ConnectionState, type DocStatus } from './status.ts';

/** States that end only through `retry()`, `resume()` or a granted re-check, not socket chatter. */
export const TERMINAL: ReadonlySet<ConnectionState> = new Set(['session-expired', 'forbidden', 'error']);

/** The mutable state of one open document; the registry owns and mutates it. */
export class OpenDoc {
  refs = 0;
  closeTimer: ReturnType<typeof setTimeout> | null = null;
  /** The last view left and the delay passed; close as soon as it is safe. */
  closeDue = false;
  connection: ConnectionState = 'offline';
  errorCode: number | null = null;
  readOnly = false;
  deviceError: unknown = null;
  quarantined = 0;
  loaded = false;
  /** The current socket reached `open`. */
  opened = false;
  /** Attempts in a row whose socket closed before opening, while the network was up. */
  failedOpens = 0;
  accessCheckRunning = false;
  /** The next re-check of a `forbidden` doc, with its backoff step. */
  readonly recheck: ForbiddenRecheck;
  readonly ledger = new PendingChanges();
  readonly listeners = new Set<(status: DocStatus) => void>();
  readonly appends = new Set<Promise<void>>();
  deleteCheckTimer: ReturnType<typeof setTimeout> | null = null;
  deleteCheckDelay: number;
  status: DocStatus;
  ready: Promise<void> = Promise.resolve();
  stop: (() => void)[] = [];

  /**
   * @param recheckDelays the `forbidden` re-check backoff (non-empty).
   * @param onRecheckDue called when an armed re-check's wait ends.
   */
  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    readonly provider: WebsocketProvider,
    deleteCheckDelay: number,
    networkOnline: boolean,
    recheckDelays: readonly number[],
    onRecheckDue: () => void
  ) {
    this.deleteCheckDelay = deleteCheckDelay;
    this.status = docStatus({ connection: 'offline', pending: this.ledger.summary(), networkOnline });
    this.recheck = new ForbiddenRecheck(recheckDelays, onRecheckDue);
  }

  /** The doc's status from its current fields (not yet stored in `status`). */
  currentStatus(networkOnline: boolean): DocStatus {
    return docStatus({
      connection: this.connection,
      pending: this.ledger.summary(),
      networkOnline,
      errorCode: this.errorCode,
      readOnly: this.readOnly,
      deviceError: this.deviceError !== null,
      quarantined: this.quarantined
    });
  }

  /**
   * Whether closing now loses no edit: the server has every change, or (`hasDeviceStore`) the
   * device copy works and holds them while no connection is up or being made.
   */
  safeToClose(hasDeviceStore: boolean): boolean {
    const summary = this.ledger.summary();
    const clean = summary.count === 0 && !summary.unverified;
    // With a working device copy, unconfirmed edits survive the close, but they would only reach
    // the server when the doc is next opened: while a connection is up or being made, let them
    // finish first. Without a device copy, memory is the only place they live.
    const parked =
      hasDeviceStore &&
      this.deviceError === null &&
      (this.connection === 'offline' || TERMINAL.has(this.connection));
    return clean || parked;
  }
}
