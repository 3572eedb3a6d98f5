/**
 * The sync endpoint `/sync/<docId>`: the standard y-websocket protocol, authorised before the
 * upgrade, with durable rooms.
 *
 * Upgrade: the session (cookie or bearer) and the doc's access are checked first; a refusal is
 * a plain HTTP 401/403/404 written to the raw socket. An accepted upgrade loads the room (lazily,
 * from the update log) before the websocket opens, so no frame ever waits for a load.
 *
 * Revocation: `sessionRevoked`, `userChanged` and `accessChanged` re-check the affected
 * connections at once and close them with 4401 (no session or user) or 4403 (no access); a
 * timer re-checks session expiry, a few connections at a time (spread-schedule.ts), as it pings
 * them. Rooms leave memory a grace period after their last connection.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CLOSE_BAD_MESSAGE,
  CLOSE_FORBIDDEN,
  CLOSE_GOING_AWAY,
  CLOSE_UNAUTHORIZED,
  SYNC_PATH
} from '../../src/lib/api/sync-protocol.ts';
import type { UpgradeHandler } from '../app.ts';
import type { Principal } from '../auth/auth-service.ts';
import type { Deps } from '../context.ts';
import type { DocRecord } from '../store/types.ts';
import { accessTo } from './access.ts';
import { AuditBatcher } from './audit-batcher.ts';
import { Connection } from './connection.ts';
import { BadMessageError } from './messages.ts';
import { DEFAULT_PROJECTIONS } from './projections.ts';
import { Room, type CompactionStats, type RoomHost, type RoomOptions } from './room.ts';
import { UpdateWriter, type WriterStats } from './update-writer.ts';
import { docIdOf, refuseUpgrade } from './upgrade-refusal.ts';
import { SpreadSchedule, spreadTickMs } from './spread-schedule.ts';

export interface SyncOptions extends RoomOptions {
  /** How long an empty room stays loaded. */
  roomGraceMs: number;
  /** How long a doc stays live without changes before the room keeps only its encoded state. */
  docIdleMs: number;
  /** Least time between two "persisted" messages on one connection. */
  persistedIntervalMs: number;
  /** How often sessions of open connections are re-checked for expiry. */
  livenessIntervalMs: number;
  /** How often connections are pinged; one without a pong by the next ping is dropped. */
  pingIntervalMs: number;
}

export function defaultSyncOptions(config: Deps['config']): SyncOptions {
  return {
    compactRows: config.syncCompactRows,
    compactBytes: config.syncCompactBytes,
    roomGraceMs: config.syncRoomGraceMs,
    docIdleMs: config.syncDocIdleMs,
    // Registers and reports need the fields within a second or two, not per keystroke: each run
    // reads the whole case file.
    projectionDelayMs: 1000,
    projections: DEFAULT_PROJECTIONS,
    persistedIntervalMs: 100,
    livenessIntervalMs: 30_000,
    pingIntervalMs: 30_000
  };
}

export interface SyncStats {
  rooms: number;
  connections: number;
  writer: WriterStats;
  compaction: CompactionStats;
}

/** Why an upgrade was refused: maps to the HTTP status written on the socket. */
class UpgradeRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'UpgradeRefusal';
  }
}

export class SyncServer implements UpgradeHandler {
  private readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly writer: UpdateWriter;
  private readonly audit: AuditBatcher;
  private readonly compaction: CompactionStats = { count: 0, lastMs: 0, maxMs: 0, totalMs: 0 };
  private readonly host: RoomHost;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly livenessTurns: SpreadSchedule<Connection>;
  private readonly pingTurns: SpreadSchedule<Connection>;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly deps: Deps,
    readonly options: SyncOptions
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: deps.config.maxSyncMessageBytes,
      perMessageDeflate: false
    });
    this.writer = new UpdateWriter(
      deps.store.docLog,
      (error) => deps.log.error({ err: error }, 'sync write failed'),
      deps.config.durability === 'full' ? 'turn' : 'read'
    );
    this.audit = new AuditBatcher(deps.store.audit);
    this.host = {
      store: deps.store,
      writer: this.writer,
      log: deps.log,
      options,
      compaction: this.compaction,
      discard: (room) => this.discard(room)
    };
    deps.events.on('sessionRevoked', this.onSessionRevoked);
    deps.events.on('userChanged', this.onUserChanged);
    deps.events.on('accessChanged', this.onAccessChanged);
    this.livenessTurns = new SpreadSchedule(options.livenessIntervalMs);
    this.pingTurns = new SpreadSchedule(options.pingIntervalMs);
    const tickMs = spreadTickMs(Math.min(options.livenessIntervalMs, options.pingIntervalMs));
    this.timers.push(setInterval(() => this.tick(), tickMs));
    this.timers.push(setInterval(() => void this.freezeIdle(), Math.max(100, options.docIdleMs / 2)));
    for (const t of this.timers) t.unref();
  }

  stats(): SyncStats {
    let connections = 0;
    for (const room of this.rooms.values()) connections += room.conns.size;
    return {
      rooms: this.rooms.size,
      connections,
      writer: { ...this.writer.stats },
      compaction: { ...this.compaction }
    };
  }

  /** The loaded room of a doc, if any (tests and benchmarks look inside). */
  room(docId: string): Room | undefined {
    return this.rooms.get(docId);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!pathname.startsWith(SYNC_PATH)) return false;
    socket.on('error', (error) => this.deps.log.debug({ err: error }, 'upgrade socket error'));
    void this.upgrade(req, socket, head, pathname);
    return true;
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, pathname: string): Promise<void> {
    let room: Room | undefined;
    try {
      if (this.closing)
        throw new UpgradeRefusal(503, 'shutting_down', 'The server is restarting. Try again soon.');
      const principal = await this.deps.auth.principal(req);
      if (!principal) throw new UpgradeRefusal(401, 'unauthorized', 'Your session has ended. Log in again.');
      if (principal.user.mustChangePassword)
        throw new UpgradeRefusal(403, 'password_change_required', 'Choose your own password first.');
      checkOrigin(req, principal);
      const docId = docIdOf(pathname, SYNC_PATH);
      const record = docId === null ? null : await this.deps.store.directory.doc(docId);
      if (!record) throw new UpgradeRefusal(404, 'not_found', 'No such document.');
      const access = await accessTo(this.deps.store, principal.user, record);
      if (!access) throw new UpgradeRefusal(403, 'forbidden', 'You may not open this document.');
      room = await this.acquire(record);
      if (this.closing)
        throw new UpgradeRefusal(503, 'shutting_down', 'The server is restarting. Try again soon.');
      if (socket.destroyed) return;
      await this.audit.append({
        at: Date.now(),
        userId: principal.user.id,
        deviceId: principal.session.deviceId,
        action: 'doc.open',
        target: record.docId,
        detail: access
      });
      const joining = room;
      this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, joining, principal, access));
    } catch (error) {
      if (error instanceof UpgradeRefusal) {
        refuseUpgrade(socket, error.status, error.code, error.message);
      } else {
        this.deps.log.error({ err: error }, 'sync upgrade failed');
        refuseUpgrade(socket, 500, 'internal', 'The server could not open the document. Try again.');
      }
    } finally {
      if (room) {
        room.pendingJoins -= 1;
        if (room.conns.size === 0) this.scheduleEviction(room);
      }
    }
  }

  /** The loaded room, loading it once however many connections ask at the same time. */
  private async acquire(record: DocRecord): Promise<Room> {
    const existing = this.rooms.get(record.docId);
    if (existing) {
      existing.pendingJoins += 1;
      return existing;
    }
    let loading = this.loading.get(record.docId);
    if (!loading) {
      loading = Room.load(record, this.host).then(
        (room) => {
          this.loading.delete(record.docId);
          this.rooms.set(record.docId, room);
          return room;
        },
        (error: unknown) => {
          this.loading.delete(record.docId);
          throw error;
        }
      );
      this.loading.set(record.docId, loading);
    }
    const room = await loading;
    room.pendingJoins += 1;
    return room;
  }

  private attach(ws: WebSocket, room: Room, principal: Principal, access: 'write' | 'read'): void {
    const conn = new Connection(
      ws,
      room.docId,
      {
        userId: principal.user.id,
        userName: principal.user.displayName,
        role: principal.user.role,
        sessionId: principal.session.id,
        deviceId: principal.session.deviceId
      },
      access,
      this.options.persistedIntervalMs,
      () => room.persistedStateVector()
    );
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (conn.closed) return;
      if (!isBinary) {
        conn.close(CLOSE_BAD_MESSAGE, 'text frames are not part of the protocol');
        return;
      }
      try {
        room.receive(conn, toBytes(data));
      } catch (error) {
        if (error instanceof BadMessageError) {
          this.deps.log.debug(
            { docId: room.docId, reason: error.message },
            'closing a connection for bad input'
          );
          conn.close(CLOSE_BAD_MESSAGE, error.message.slice(0, 120));
        } else {
          this.deps.log.error({ err: error, docId: room.docId }, 'sync message failed');
          conn.close(1011, 'internal error');
        }
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    // Oversized frames: ws closes with 1009 itself and reports the error here.
    ws.on('error', (error) => this.deps.log.debug({ err: error, docId: room.docId }, 'sync socket error'));
    ws.on('close', () => {
      conn.dispose();
      if (room.leave(conn)) this.scheduleEviction(room);
    });
    room.join(conn);
  }

  // ---- room lifetime -----------------------------------------------------------------------

  private scheduleEviction(room: Room): void {
    if (room.destroyed || room.conns.size > 0 || room.pendingJoins > 0 || room.evictionTimer) return;
    room.evictionTimer = setTimeout(() => {
      room.evictionTimer = undefined;
      void this.evict(room);
    }, this.options.roomGraceMs);
    room.evictionTimer.unref();
  }

  private async evict(room: Room): Promise<void> {
    await this.writer.drain();
    if (room.conns.size > 0 || room.pendingJoins > 0 || room.destroyed) return;
    if (this.rooms.get(room.docId) === room) this.rooms.delete(room.docId);
    await room.compactAll();
    await room.destroy();
  }

  /** Returns the docs that nobody changed for a while to their encoded form. */
  private async freezeIdle(): Promise<void> {
    const now = Date.now();
    for (const room of [...this.rooms.values()]) {
      if (this.closing) return;
      await room.freezeIfIdle(this.options.docIdleMs, now);
    }
  }

  private discard(room: Room): void {
    if (this.rooms.get(room.docId) === room) this.rooms.delete(room.docId);
  }

  // ---- revocation --------------------------------------------------------------------------

  private connections(filter: (c: Connection) => boolean): Connection[] {
    const out: Connection[] = [];
    for (const room of this.rooms.values())
      for (const c of room.conns) if (!c.closed && filter(c)) out.push(c);
    return out;
  }

  private readonly onSessionRevoked = (sessionId: string): void => {
    for (const c of this.connections((c) => c.identity.sessionId === sessionId)) {
      c.close(CLOSE_UNAUTHORIZED, 'session ended');
    }
  };

  private readonly onUserChanged = (userId: string): void => {
    void this.recheck(this.connections((c) => c.identity.userId === userId)).catch((error: unknown) =>
      this.deps.log.error({ err: error }, 'sync re-check failed')
    );
  };

  private readonly onAccessChanged = (docIds: string[]): void => {
    const ids = new Set(docIds);
    void this.recheck(this.connections((c) => ids.has(c.docId))).catch((error: unknown) =>
      this.deps.log.error({ err: error }, 'sync re-check failed')
    );
  };

  /** Closes connections whose user is gone or disabled (4401) or who lost access (4403). */
  private async recheck(conns: Connection[]): Promise<void> {
    const { store } = this.deps;
    for (const c of conns) {
      const user = await store.users.byId(c.identity.userId);
      if (!user || user.disabled) {
        c.close(CLOSE_UNAUTHORIZED, 'account disabled');
        continue;
      }
      const room = this.rooms.get(c.docId);
      const record = room?.record ?? (await store.directory.doc(c.docId));
      const access = record ? await accessTo(store, user, record) : null;
      if (!access) {
        c.close(CLOSE_FORBIDDEN, 'access removed');
        continue;
      }
      c.access = access;
      c.identity = { ...c.identity, role: user.role, userName: user.displayName };
    }
  }

  /** Pings and liveness checks for the connections whose turn has come (spread-schedule.ts). */
  private tick(): void {
    const all = this.connections(() => true);
    if (all.length === 0) return;
    const now = Date.now();
    this.ping(this.pingTurns.due(all, now));
    const due = this.livenessTurns.due(all, now);
    if (due.length > 0) void this.checkLiveness(due, now);
  }

  /**
   * Closes connections whose session expired (idle or absolute) or ended. Connections of one
   * session (a worker with several case files open) share one lookup and one touch.
   */
  private async checkLiveness(conns: Connection[], now: number): Promise<void> {
    const bySession = new Map<string, Connection[]>();
    for (const c of conns) {
      const group = bySession.get(c.identity.sessionId);
      if (group) group.push(c);
      else bySession.set(c.identity.sessionId, [c]);
    }
    for (const [sessionId, group] of bySession) {
      try {
        const session = await this.deps.store.sessions.byId(sessionId);
        const live = session !== null && this.deps.auth.isLive(session, now);
        if (live && group.some((c) => c.edited)) {
          // Editing a document is using the session, though no HTTP request says so.
          for (const c of group) c.edited = false;
          await this.deps.store.sessions.touch(sessionId, now);
        }
        if (!live) for (const c of group) c.close(CLOSE_UNAUTHORIZED, 'session expired');
      } catch (error) {
        this.deps.log.error({ err: error }, 'session liveness check failed');
      }
    }
  }

  /** Pings each connection; one that did not answer the previous ping is dropped. */
  private ping(conns: Connection[]): void {
    for (const c of conns) {
      if (!c.alive) {
        c.dispose();
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }

  // ---- shutdown ----------------------------------------------------------------------------

  /** Stops accepting, closes every socket with 1001, writes what is pending, frees the rooms. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const t of this.timers) clearInterval(t);
      this.deps.events.off('sessionRevoked', this.onSessionRevoked);
      this.deps.events.off('userChanged', this.onUserChanged);
      this.deps.events.off('accessChanged', this.onAccessChanged);
      await Promise.allSettled(this.loading.values());
      const sockets = [...this.wss.clients];
      for (const c of this.connections(() => true)) c.close(CLOSE_GOING_AWAY, 'server shutting down');
      await this.writer.drain();
      for (const room of [...this.rooms.values()]) {
        this.rooms.delete(room.docId);
        await room.destroy();
      }
      await waitForClose(sockets, 1000);
      await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    })();
    return this.closing;
  }
}

/**
 * A browser sends its cookie with a websocket to any site that asks (cross-site websocket
 * hijacking); a cookie-authenticated upgrade must come from a page of our own origin.
 */
function checkOrigin(req: IncomingMessage, principal: Principal): void {
  if (principal.via !== 'cookie') return;
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== req.headers.host) {
    throw new UpgradeRefusal(403, 'bad_origin', 'This page may not open documents of this server.');
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

async function waitForClose(sockets: WebSocket[], ms: number): Promise<void> {
  const open = sockets.filter((ws) => ws.readyState !== ws.CLOSED);
  if (open.length === 0) return;
  await Promise.race([
    Promise.all(open.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())))),
    new Promise<void>((resolve) => setTimeout(resolve, ms).unref())
  ]);
  for (const ws of open) if (ws.readyState !== ws.CLOSED) ws.terminate();
}
