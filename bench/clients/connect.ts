/**
 * One client connection to a doc, the same shape whatever the server: the stock y-websocket
 * `WebsocketProvider` for ours and the reference server, `HocuspocusProvider` for Hocuspocus.
 *
 * Sockets are `ws` sockets wrapped to count what arrives: the websocket payload bytes and the
 * TCP bytes read (handshake and framing included), so the pull benchmark can report bytes on
 * the wire.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { MESSAGE_PERSISTED } from '../../src/lib/api/sync-protocol.ts';

/** How a client reaches a server: sent from the orchestrator to client processes. */
export interface ServerSpec {
  /** Which client library speaks to it. */
  protocol: 'y-websocket' | 'hocuspocus';
  /** Base websocket URL; y-websocket appends `/<docId>`. */
  wsBase: string;
  /** Bearer token for the upgrade (ours). */
  token?: string;
  /** The server sends the MESSAGE_PERSISTED extension (ours). */
  persistedAck?: boolean;
}

/** Bytes received by a set of sockets. */
export class ByteCounter {
  payload = 0;
  messages = 0;
  private sockets: Socket[] = [];

  track(ws: WebSocket): void {
    ws.on('upgrade', (res: IncomingMessage) => this.sockets.push(res.socket as Socket));
    ws.on('message', (data: WebSocket.RawData) => {
      this.messages++;
      this.payload += Array.isArray(data)
        ? data.reduce((sum, b) => sum + b.byteLength, 0)
        : (data as ArrayBuffer | Buffer).byteLength;
    });
  }

  /** TCP bytes read so far by all tracked sockets, handshake and framing included. */
  wire(): number {
    return this.sockets.reduce((sum, s) => sum + s.bytesRead, 0);
  }
}

/** Errors of every socket this process opened (e.g. "Unexpected server response: 401"). */
export const socketErrors: string[] = [];

/** Errors before which a wait for connections gives up: a refusing server will not change. */
const GIVE_UP_AFTER_ERRORS = 3;

/**
 * Resolves with `promise`, or rejects as soon as sockets keep failing (refused upgrades,
 * closed ports) instead of letting the providers retry until a timeout.
 */
export function failFast<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const failing = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (socketErrors.length >= GIVE_UP_AFTER_ERRORS) {
        reject(new Error(`${what}: the sockets fail: ${[...new Set(socketErrors)].slice(0, 3).join('; ')}`));
      }
    }, 100);
  });
  return Promise.race([promise, failing]).finally(() => clearInterval(timer));
}

/** A `ws` WebSocket class that sends the headers and reports to the counter. */
function webSocketClass(token: string | undefined, counter: ByteCounter | undefined): typeof WebSocket {
  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        perMessageDeflate: false
      });
      counter?.track(this);
      this.on('error', (error: Error) => socketErrors.push(error.message));
    }
  }
  return CountingWebSocket as unknown as typeof WebSocket;
}

export interface Connection {
  readonly doc: Y.Doc;
  /** Resolves when the first sync with the server is done. */
  synced: Promise<void>;
  /**
   * Resolves once the server has taken in every update this client sent so far: for ours when
   * MESSAGE_PERSISTED covers the local state vector; for the reference after a SyncStep1 round
   * trip (the server answers in order); for Hocuspocus when it has acknowledged every change.
   */
  barrier(): Promise<void>;
  destroy(): void;
}

function stateCovers(persisted: Map<number, number>, local: Map<number, number>): boolean {
  for (const [client, clock] of local) if ((persisted.get(client) ?? 0) < clock) return false;
  return true;
}

/** Opens a y-websocket connection (ours or the reference server). */
function connectYWebsocket(spec: ServerSpec, docId: string, doc: Y.Doc, counter?: ByteCounter): Connection {
  const provider = new WebsocketProvider(spec.wsBase, docId, doc, {
    WebSocketPolyfill: webSocketClass(spec.token, counter) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 1000
  });
  // A client of ours handles the persisted extension (docs/sync-protocol.md); without a handler
  // the stock provider logs "Unable to compute message" to stderr for every one of them.
  if (spec.persistedAck) provider.messageHandlers[MESSAGE_PERSISTED] = () => {};
  // Watch the raw frames for the barrier: SyncStep2 answers and our persisted extension.
  let persisted = new Map<number, number>();
  const waiters = new Set<() => void>();
  const onFrame = (data: ArrayBuffer) => {
    const bytes = new Uint8Array(data);
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_PERSISTED && spec.persistedAck) {
      persisted = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    } else if (type !== 0 || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) {
      return;
    }
    for (const wake of waiters) wake();
  };
  const attach = () =>
    provider.ws?.addEventListener('message', (event) => onFrame(event.data as ArrayBuffer));
  // A reconnect makes a new socket; it announces itself with 'connecting'.
  provider.on('status', ({ status }) => {
    if (status === 'connecting') attach();
  });
  attach();
  // 'sync' also fires with false when the socket drops; only true means synced.
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) resolve();
    });
  });
  return {
    doc,
    synced,
    barrier() {
      if (spec.persistedAck) {
        return new Promise<void>((resolve) => {
          const check = () => {
            if (stateCovers(persisted, Y.decodeStateVector(Y.encodeStateVector(doc)))) {
              waiters.delete(check);
              resolve();
            }
          };
          waiters.add(check);
          check();
        });
      }
      return new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        syncProtocol.writeSyncStep1(encoder, doc);
        provider.ws?.send(encoding.toUint8Array(encoder));
      });
    },
    destroy: () => provider.destroy()
  };
}

/** Opens a Hocuspocus connection, on its own socket or on a shared (multiplexed) one. */
function connectHocuspocus(
  spec: ServerSpec,
  docId: string,
  doc: Y.Doc,
  counter?: ByteCounter,
  shared?: HocuspocusProviderWebsocket
): Connection {
  const socket = shared ?? hocuspocusSocket(spec, counter);
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: docId,
    document: doc,
    token: spec.token ?? null
  });
  provider.attach();
  const synced = new Promise<void>((resolve) => {
    if (provider.isSynced) resolve();
    provider.on('synced', ({ state }: { state: boolean }) => {
      if (state) resolve();
    });
  });
  return {
    doc,
    synced,
    barrier: () =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (provider.unsyncedChanges === 0) {
            provider.off('unsyncedChanges', check);
            resolve();
          }
        };
        provider.on('unsyncedChanges', check);
        check();
      }),
    destroy: () => {
      provider.destroy();
      if (!shared) socket.destroy();
    }
  };
}

/** A Hocuspocus socket; shared by many docs, it is how one Hocuspocus client device works. */
export function hocuspocusSocket(spec: ServerSpec, counter?: ByteCounter): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({
    url: spec.wsBase,
    WebSocketPolyfill: webSocketClass(spec.token, counter)
  });
}

/** Opens one client connection to `docId` with the right provider for the server. */
export function connect(
  spec: ServerSpec,
  docId: string,
  doc = new Y.Doc(),
  options: { counter?: ByteCounter; sharedSocket?: HocuspocusProviderWebsocket } = {}
): Connection {
  return spec.protocol === 'hocuspocus'
    ? connectHocuspocus(spec, docId, doc, options.counter, options.sharedSocket)
    : connectYWebsocket(spec, docId, doc, options.counter);
}
