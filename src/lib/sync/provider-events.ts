/**
 * Wires one open doc's y-websocket provider to the registry (doc-registry.ts): the extra
 * message handlers (MESSAGE_PERSISTED feeds the pending-changes ledger, the server's SyncStep2
 * confirms deletions, MESSAGE_AUTH marks the doc read-only) and the provider's socket events,
 * translated into connection states and the registry's hooks. It decides nothing about session
 * or access; the hooks do.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import * as decoding from 'lib0/decoding';
import { MESSAGE_AUTH, MESSAGE_PERSISTED, MESSAGE_SYNC } from '../api/sync-protocol.ts';
import type { ResolvedSyncRegistryOptions } from './doc-registry-options.ts';
import type { OpenDoc } from './open-doc.ts';
import type { ConnectionState } from './status.ts';
import { deleteRangesOfUpdate } from './yjs-changes.ts';

/** What the registry does with one doc's provider events. */
export interface ProviderHooks {
  /** The doc's ledger or flags changed: recompute and publish its status. */
  changed(): void;
  /** The socket's state moved (terminal states must ignore this). */
  connection(state: ConnectionState): void;
  /** The server still lacks a deletion; `handshake` when it was the connection's first sync. */
  awaitServerDeletes(handshake: boolean): void;
  /** Node only: the HTTP status of a refused upgrade (`null` when unreadable). */
  upgradeRefused(status: number | null): void;
  /** The socket closed (`null`: the provider closed it itself). */
  closed(event: CloseEvent | null): void;
}

/**
 * A stock provider for `docId` per the registry's options. It does not connect yet: the registry
 * connects it once the device copy is loaded.
 */
export function createProvider(
  options: ResolvedSyncRegistryOptions,
  docId: string,
  doc: Y.Doc
): WebsocketProvider {
  return new WebsocketProvider(options.url, docId, doc, {
    connect: false,
    disableBc: !options.crossTab,
    maxBackoffTime: options.maxBackoffMs,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {})
  });
}

/** Reads an HTTP status out of a Node `ws` upgrade failure ("Unexpected server response: 401"). */
export function upgradeStatus(event: unknown): number | null {
  const message = (event as { message?: unknown } | null)?.message;
  const match = typeof message === 'string' ? /Unexpected server response: (\d{3})/.exec(message) : null;
  return match ? Number(match[1]) : null;
}

/**
 * Installs the message handlers on `entry.provider` and subscribes to its events. Sets
 * `entry.opened`, `entry.failedOpens` and `entry.readOnly` itself; everything else goes through
 * `hooks`. The subscriptions end with the provider's `destroy()`.
 */
export function installProviderHandlers(entry: OpenDoc, hooks: ProviderHooks): void {
  const { provider, doc, ledger } = entry;
  // `messageHandlers` is this provider's own copy (y-websocket slices the module's array in
  // its constructor), so these assignments do not touch other providers.
  provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder) => {
    let persisted: Map<number, number>;
    try {
      persisted = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    } catch {
      // A malformed message confirms nothing; the changes stay counted as not on the server.
      return;
    }
    ledger.persisted(persisted);
    hooks.changed();
  };
  const syncHandler = provider.messageHandlers[MESSAGE_SYNC];
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
    const peek = decoding.clone(decoder);
    const handshake = !provider.synced;
    syncHandler?.(encoder, decoder, p, emitSynced, type);
    if (!ledger.awaitsServerDeletes) return;
    if (decoding.readVarUint(peek) !== syncProtocol.messageYjsSyncStep2) return;
    // A SyncStep2 from the server carries its whole delete set.
    ledger.serverDeletes(deleteRangesOfUpdate(decoding.readVarUint8Array(peek)));
    // The handshake's SyncStep2 crosses our own (which carries offline deletions) on the wire,
    // so ask again soon; after that, back off while the server still lacks a deletion.
    if (ledger.awaitsServerDeletes) hooks.awaitServerDeletes(handshake);
    hooks.changed();
  };
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, () => {
      // The server drops this connection's updates: the edits stay unsaved, and we say why.
      entry.readOnly = true;
      hooks.changed();
    });
  };

  provider.on('status', ({ status }) => {
    if (status === 'connecting') {
      entry.opened = false;
      hooks.connection('connecting');
    } else if (status === 'connected') {
      entry.opened = true;
      entry.failedOpens = 0;
      hooks.connection('syncing');
    } else {
      hooks.connection('offline');
    }
  });
  provider.on('sync', (synced: boolean) => {
    if (provider.wsconnected) hooks.connection(synced ? 'online' : 'syncing');
  });
  provider.on('connection-error', (event: Event) => hooks.upgradeRefused(upgradeStatus(event)));
  provider.on('connection-close', (event: CloseEvent | null) => hooks.closed(event));
}
