/**
 * Asks the server for its delete set when a deletion is not yet confirmed. A delete-only edit
 * changes no state vector, so MESSAGE_PERSISTED cannot confirm it; a SyncStep1 from us makes the
 * server answer with a SyncStep2 that carries its whole delete set (see pending-changes.ts).
 * The wait starts at `deleteCheckDelayMs` and doubles up to MAX_DELETE_CHECK_MS while the server
 * still lacks a deletion.
 */
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { MESSAGE_SYNC } from '../api/sync-protocol.ts';
import { MAX_DELETE_CHECK_MS } from './doc-registry-options.ts';
import type { OpenDoc } from './open-doc.ts';

/**
 * Arms (or re-arms) `entry`'s delete check: after `baseMs` when `fresh` (a new edit, a new
 * connection's handshake), else after twice the last wait, capped. Sends nothing while the socket
 * is not open: the SyncStep1 y-websocket sends on reconnect does the same job.
 */
export function scheduleDeleteCheck(entry: OpenDoc, fresh: boolean, baseMs: number): void {
  if (fresh) entry.deleteCheckDelay = baseMs;
  else entry.deleteCheckDelay = Math.min(entry.deleteCheckDelay * 2, MAX_DELETE_CHECK_MS);
  if (entry.deleteCheckTimer !== null) clearTimeout(entry.deleteCheckTimer);
  entry.deleteCheckTimer = setTimeout(() => {
    entry.deleteCheckTimer = null;
    const ws = entry.provider.ws;
    if (!entry.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, entry.doc);
    ws.send(encoding.toUint8Array(encoder));
  }, entry.deleteCheckDelay);
}
