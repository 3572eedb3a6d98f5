/**
 * A scripted in-memory sync server for the registry's unit tests: a WebSocket class whose
 * sockets the test opens, fails and closes by hand, and a server Y.Doc that answers the
 * y-websocket protocol plus MESSAGE_PERSISTED. The integration tests use the real server;
 * this exists so that timing (backoff, delayed close) can run under fake timers.
 *
 * Frames are delivered on a microtask, as a real socket would never call back synchronously.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_PERSISTED, MESSAGE_SYNC } from '../../api/sync-protocol.ts';
import type { WebSocketClass } from '../doc-registry.ts';

type Handler<E> = ((event: E) => void) | null;

export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  onopen: Handler<unknown> = null;
  onmessage: Handler<{ data: ArrayBuffer }> = null;
  onclose: Handler<{ code: number; reason: string }> = null;
  onerror: Handler<unknown> = null;
  /** Frames the client sent. */
  readonly sent: Uint8Array[] = [];

  constructor(
    readonly url: string,
    private readonly server: FakeSyncServer
  ) {}

  send(data: ArrayBufferLike | Uint8Array): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    const frame = data instanceof Uint8Array ? new Uint8Array(data) : new Uint8Array(data);
    this.sent.push(frame);
    queueMicrotask(() => this.server.receive(this, frame));
  }

  /** The client closes. */
  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    queueMicrotask(() => this.onclose?.({ code: 1000, reason: '' }));
  }

  // ---- what the test (or the fake server) does ----

  /** The upgrade succeeds; the server greets with its SyncStep1. */
  accept(): void {
    this.readyState = 1;
    this.onopen?.({});
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.server.doc);
    this.deliver(encoding.toUint8Array(encoder));
  }

  /** The connection fails before opening (network down, or an HTTP refusal a browser hides). */
  fail(message = 'connect ECONNREFUSED'): void {
    this.readyState = 3;
    this.onerror?.({ message });
    this.onclose?.({ code: 1006, reason: '' });
  }

  /** The server closes an open socket with `code`. */
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  deliver(frame: Uint8Array): void {
    queueMicrotask(() => {
      if (this.readyState !== 1) return;
      this.onmessage?.({ data: frame.slice().buffer });
    });
  }
}

export class FakeSyncServer {
  readonly doc = new Y.Doc();
  readonly sockets: FakeSocket[] = [];
  /** Send MESSAGE_PERSISTED after every update and SyncStep2 (as the real server does). */
  autoPersist = true;
  /** Frames the server received, decoded to their sync message type (-1 for non-sync). */
  readonly received: { socket: FakeSocket; type: number; syncType: number }[] = [];
  readonly WebSocket: WebSocketClass;

  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the class below needs its server
    const server = this;
    class BoundSocket extends FakeSocket {
      constructor(url: string) {
        super(url, server);
        server.sockets.push(this);
      }
    }
    this.WebSocket = BoundSocket as unknown as WebSocketClass;
  }

  /** The newest socket. */
  get last(): FakeSocket {
    const s = this.sockets[this.sockets.length - 1];
    if (!s) throw new Error('no socket was opened');
    return s;
  }

  receive(socket: FakeSocket, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type !== MESSAGE_SYNC) {
      this.received.push({ socket, type, syncType: -1 });
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, socket);
    this.received.push({ socket, type, syncType });
    if (encoding.length(encoder) > 1) socket.deliver(encoding.toUint8Array(encoder));
    if (this.autoPersist) this.persisted(socket);
  }

  /** Another client's update arrives at the server, which applies it and relays it to all. */
  relay(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const frame = encoding.toUint8Array(encoder);
    for (const s of this.sockets) s.deliver(frame);
  }

  /** Sends the server's state vector as persisted to `socket` (default: every open socket). */
  persisted(socket?: FakeSocket): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_PERSISTED);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(this.doc));
    const frame = encoding.toUint8Array(encoder);
    for (const s of socket ? [socket] : this.sockets) s.deliver(frame);
  }
}
