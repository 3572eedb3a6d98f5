/**
 * One websocket connected to one document, with the identity that authenticated it. It owns
 * the awareness client ids it presented and paces the "persisted" acknowledgements.
 */
import WebSocket from 'ws';
import type { Role } from '../../src/lib/api/schemas.ts';
import type { Access } from './access.ts';
import { persistedMessage } from './messages.ts';

export interface ConnectionIdentity {
  userId: string;
  userName: string;
  role: Role;
  sessionId: string;
  deviceId: string | null;
}

export class Connection {
  /** Awareness client ids this connection presented (and the server accepted). */
  readonly clientIds = new Set<number>();
  /** The last awareness clock the connection sent per client id. */
  readonly awarenessClocks = new Map<number, number>();
  /** False after a ping went unanswered. */
  alive = true;
  /** True once the server decided to close it: later frames are ignored. */
  closed = false;
  /** Whether the connection changed the doc since the last liveness check (touches the session). */
  edited = false;
  /**
   * The room's update count once this connection's last change was applied; when the room has
   * committed that many, the connection hears it is persisted. 0: it is waiting for nothing.
   */
  persistWatermark = 0;
  private persistedTimer: NodeJS.Timeout | undefined;
  private lastPersistedAt = 0;
  private lastPersistedSent: Uint8Array | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly docId: string,
    public identity: ConnectionIdentity,
    public access: Access,
    private readonly persistedIntervalMs: number,
    private readonly persistedStateVector: () => Uint8Array
  ) {}

  /**
   * Sends a frame. No write callback: a socket whose write fails emits 'error' and 'close', and
   * the close handler forgets the connection; a callback per frame only cost a tick on the path
   * every broadcast takes.
   */
  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(message);
  }

  /** Closes with `code`; the room forgets the connection on the socket's close event. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.persistedTimer);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
  }

  /**
   * Something new is persisted (or the client asked): sends the persisted state vector now, or
   * once the pacing interval has passed, at most once per interval.
   */
  notePersisted(): void {
    if (this.closed || this.persistedTimer !== undefined) return;
    const wait = this.lastPersistedAt + this.persistedIntervalMs - Date.now();
    if (wait <= 0) {
      this.sendPersisted();
    } else {
      this.persistedTimer = setTimeout(() => {
        this.persistedTimer = undefined;
        this.sendPersisted();
      }, wait);
    }
  }

  private sendPersisted(): void {
    const sv = this.persistedStateVector();
    this.lastPersistedAt = Date.now();
    if (this.lastPersistedSent !== undefined && Buffer.compare(sv, this.lastPersistedSent) === 0) return;
    this.lastPersistedSent = sv;
    this.send(persistedMessage(sv));
  }

  dispose(): void {
    this.closed = true;
    clearTimeout(this.persistedTimer);
  }
}
