/**
 * Sync status of one document and of the whole app, as plain data. The registry computes these
 * from the socket state and the pending-changes ledger; the UI only renders them.
 */
import type { PendingSummary } from './pending-changes.ts';

/** Where the connection of one document stands. */
export type ConnectionState =
  /** Not connected (network down, or waiting to retry). */
  | 'offline'
  /** Opening the socket. */
  | 'connecting'
  /** Socket open, the first exchange with the server not finished. */
  | 'syncing'
  /** Synced with the server; edits flow both ways. */
  | 'online'
  /** The server ended the session (close 4401, or HTTP 401 on reconnect). Needs a new login. */
  | 'session-expired'
  /** The user may not open this document (close 4403, or HTTP 403). Access is asked about again with backoff and the doc reconnects once it is granted (doc-registry.ts). */
  | 'forbidden'
  /** The server refused our data (4400, 4413) or the document (404). Not retried. */
  | 'error';

/** What the status line says about a document. */
export type DocStatusKind =
  | 'offline'
  | 'connecting'
  | 'syncing'
  /** All changes saved to server. */
  | 'saved'
  /** N changes not yet on the server (while connected). */
  | 'unsaved'
  | 'session-expired'
  | 'forbidden'
  | 'error';

export interface DocStatus {
  readonly kind: DocStatusKind;
  readonly connection: ConnectionState;
  /** Changes the server has not confirmed as persisted (see PendingChanges). */
  readonly pending: number;
  /** Edits loaded from the device that the server has not yet been asked about. */
  readonly unverified: boolean;
  /** For `error`: the close code (4400, 4413) or HTTP status (404). */
  readonly errorCode: number | null;
  /** The server answered that this connection is read-only: local edits will not be saved. */
  readonly readOnly: boolean;
  /** The device store failed to load or to append: edits live in memory only. */
  readonly deviceError: boolean;
  /** Records the device store could not read when loading (kept aside by the store). */
  readonly quarantined: number;
}

export interface DocStatusInput {
  connection: ConnectionState;
  pending: PendingSummary;
  networkOnline: boolean;
  errorCode?: number | null;
  readOnly?: boolean;
  deviceError?: boolean;
  quarantined?: number;
}

/** Derives a document's status. Terminal states win; then a down network reads as offline. */
export function docStatus(input: DocStatusInput): DocStatus {
  const { connection, pending, networkOnline } = input;
  let kind: DocStatusKind;
  switch (connection) {
    case 'session-expired':
    case 'forbidden':
    case 'error':
      kind = connection;
      break;
    case 'online':
      if (!networkOnline) kind = 'offline';
      else if (pending.count > 0) kind = 'unsaved';
      // Connected but the server has not yet said what it persisted: still finding out.
      else if (pending.unverified) kind = 'syncing';
      else kind = 'saved';
      break;
    default:
      kind = networkOnline ? connection : 'offline';
  }
  return {
    kind,
    connection,
    pending: pending.count,
    unverified: pending.unverified,
    errorCode: kind === 'error' ? (input.errorCode ?? null) : null,
    readOnly: input.readOnly ?? false,
    deviceError: input.deviceError ?? false,
    quarantined: input.quarantined ?? 0
  };
}

/** What the header says about the whole app. `idle` when no document is open. */
export type AppStatusKind = 'idle' | DocStatusKind;

export interface AppStatus {
  readonly kind: AppStatusKind;
  /** Sum over open documents. */
  readonly pending: number;
  /** Some open document has device edits not yet compared with the server. */
  readonly unverified: boolean;
  readonly sessionExpired: boolean;
  readonly networkOnline: boolean;
  /** Open documents. */
  readonly docs: number;
  /** Documents the user may no longer open (their edits can't reach the server). */
  readonly forbidden: number;
  /** Documents in `error`. */
  readonly errors: number;
  /** Some document's device store failed. */
  readonly deviceError: boolean;
}

/** The order in which a document's kind dominates the app's: the first present wins. */
const APP_PRECEDENCE: readonly DocStatusKind[] = [
  'session-expired',
  'error',
  'offline',
  'connecting',
  'syncing',
  'unsaved',
  'saved',
  'forbidden'
];

/** Aggregates document statuses into the app's. */
export function appStatus(
  docs: readonly DocStatus[],
  context: { networkOnline: boolean; sessionExpired: boolean }
): AppStatus {
  const kinds = new Set(docs.map((d) => d.kind));
  const kind: AppStatusKind = context.sessionExpired
    ? 'session-expired'
    : !context.networkOnline
      ? 'offline'
      : (APP_PRECEDENCE.find((k) => kinds.has(k)) ?? 'idle');
  return {
    kind,
    pending: docs.reduce((n, d) => n + d.pending, 0),
    unverified: docs.some((d) => d.unverified),
    sessionExpired: context.sessionExpired,
    networkOnline: context.networkOnline,
    docs: docs.length,
    forbidden: docs.filter((d) => d.kind === 'forbidden').length,
    errors: docs.filter((d) => d.kind === 'error').length,
    deviceError: docs.some((d) => d.deviceError)
  };
}

/** Shallow equality, so that listeners hear only real changes. */
export function sameStatus<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
