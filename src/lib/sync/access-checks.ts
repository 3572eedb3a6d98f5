/**
 * The registry's questions about access to one doc (doc-registry.ts), for what a browser cannot
 * see: a refused upgrade (403, 404, 401) looks like close 1006, a server that is down.
 * - After a socket fails to open ACCESS_CHECK_AFTER_FAILURES times in a row while online, and
 *   again after 4, 8, 16 … failures, ask `checkAccess` and stop the doc on its answer.
 * - While a doc is `forbidden`, ask again on its ForbiddenRecheck backoff (or at once, when the
 *   registry wakes it); on `granted` the doc restarts.
 * At most one question per doc is in flight (`entry.accessCheckRunning`); an answer that arrives
 * after the doc closed, opened or stopped for another reason is ignored.
 */
import { ACCESS_CHECK_AFTER_FAILURES, type DocAccessCheck } from './doc-registry-options.ts';
import { TERMINAL, type OpenDoc } from './open-doc.ts';

/** What the access checks read from the registry and ask it to do. */
export interface AccessCheckHost {
  /** The registry's `checkAccess` option; without it nothing is asked. */
  readonly checkAccess: ((docId: string) => Promise<DocAccessCheck>) | undefined;
  online(): boolean;
  sessionExpired(): boolean;
  /** False once `entry` closed or the registry was destroyed: its answers are moot. */
  isCurrent(entry: OpenDoc): boolean;
  /** Stops `entry` as `forbidden` or `error` (see the registry's `#stop`). */
  stop(entry: OpenDoc, state: 'forbidden' | 'error', code: number | null, disconnect: boolean): void;
  /** Reconnects a stopped `entry` from a fresh start. */
  restart(entry: OpenDoc): void;
  /** The session ended: stop every doc. */
  expireSession(): void;
}

/** True on the failures in a row that warrant a question: 2, 4, 8, 16 … */
export function accessCheckDue(failedOpens: number): boolean {
  // Powers of two from the threshold on.
  return failedOpens >= ACCESS_CHECK_AFTER_FAILURES && (failedOpens & (failedOpens - 1)) === 0;
}

function ask(host: AccessCheckHost, entry: OpenDoc, onAnswer: (answer: DocAccessCheck) => void): void {
  const { checkAccess } = host;
  if (!checkAccess) return;
  entry.accessCheckRunning = true;
  checkAccess(entry.docId)
    .catch((): DocAccessCheck => 'unknown')
    .then((answer) => {
      entry.accessCheckRunning = false;
      if (host.isCurrent(entry)) onAnswer(answer);
    });
}

/**
 * Counts a socket of `entry` that closed before opening (only while online) and, when
 * {@link accessCheckDue}, asks whether the server refuses the doc.
 */
export function noteFailedOpen(host: AccessCheckHost, entry: OpenDoc): void {
  if (!host.online()) return;
  entry.failedOpens++;
  if (!host.checkAccess || !accessCheckDue(entry.failedOpens)) return;
  if (entry.accessCheckRunning || host.sessionExpired()) return;
  ask(host, entry, (answer) => {
    // A socket that opened meanwhile proves access, and a terminal state is already final.
    if (entry.opened || TERMINAL.has(entry.connection)) return;
    if (answer === 'forbidden') host.stop(entry, 'forbidden', null, true);
    else if (answer === 'not-found') host.stop(entry, 'error', 404, true);
    else if (answer === 'session-ended') host.expireSession();
  });
}

/**
 * Asks whether a `forbidden` `entry` may be opened again, disarming its timed re-check first.
 * Offline or with the session ended it does not ask and arms nothing: the `online` event or
 * `resume()` asks again. An answer that says nothing new moves the backoff one step on.
 */
export function recheckForbidden(host: AccessCheckHost, entry: OpenDoc): void {
  if (!host.checkAccess || !host.isCurrent(entry)) return;
  if (entry.connection !== 'forbidden' || entry.accessCheckRunning) return;
  entry.recheck.cancel();
  if (!host.online() || host.sessionExpired()) return;
  ask(host, entry, (answer) => {
    if (entry.connection !== 'forbidden') return;
    if (answer === 'granted') return host.restart(entry);
    if (answer === 'not-found') return host.stop(entry, 'error', 404, false);
    // The session check's answer: every doc stops; resume() re-checks this one.
    if (answer === 'session-ended') return host.expireSession();
    // Still refused, or no clear answer (a 5xx, the network): ask again later.
    entry.recheck.advance();
    entry.recheck.schedule();
  });
}
