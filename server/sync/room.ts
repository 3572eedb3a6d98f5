/**
 * A room: one document in memory with the connections that have it open.
 *
 * Durable before fan-out. A client's update is validated (it must decode), then applied to the
 * room's Y.Doc. The doc's `update` event hands exactly what was integrated to the group-commit
 * writer, and every message that could reveal it — the broadcast to the other connections, a
 * SyncStep2 answering someone's SyncStep1 — is held back ("gated") until the writer reports the
 * commit. So nothing another client sees, and nothing reported as persisted, can be lost by a
 * crash. Gated messages are released in order.
 *
 * Compaction. When the log rows since the last snapshot pass a row or byte threshold, and the
 * doc holds nothing uncommitted, the room encodes its whole state (Y.encodeStateAsUpdate of the
 * loaded doc: one pass, no merging of thousands of small updates) and replaces those rows by one
 * snapshot row. That runs on the writer's chain between two batches; the time it holds the room
 * is measured and reported.
 *
 * Encoded until edited ({@link DocState}). A room whose log is one row (a snapshot: every room
 * is compacted when it leaves memory) serves that row's bytes and builds no `Y.Doc` until a
 * connection sends something new. A room whose writers have been quiet for a while is
 * compacted and goes back to its encoded form ({@link Room.freezeIfIdle}).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Log } from '../log.ts';
import type { DocRecord, Store } from '../store/types.ts';
import { AwarenessGuard, decodeAwarenessUpdate } from './awareness-guard.ts';
import type { Connection } from './connection.ts';
import { DocState, DocStateError } from './doc-state.ts';
import {
  BadMessageError,
  awarenessMessage,
  checkStateVector,
  decodeClientMessage,
  inspectUpdate,
  permissionDeniedMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage
} from './messages.ts';
import { ProjectionScheduler } from './projection-scheduler.ts';
import type { Projection } from './projections.ts';
import type { UpdateWriter, WriterRoom } from './update-writer.ts';

export interface RoomOptions {
  compactRows: number;
  compactBytes: number;
  projectionDelayMs: number;
  projections: readonly Projection[];
}

export interface CompactionStats {
  count: number;
  lastMs: number;
  maxMs: number;
  totalMs: number;
}

/** What a room shares with the server that owns it. */
export interface RoomHost {
  store: Store;
  writer: UpdateWriter;
  log: Log;
  options: RoomOptions;
  compaction: CompactionStats;
  /** The room can no longer serve (its writes failed): the server must forget it. */
  discard(room: Room): void;
}

/** Transaction origin of updates replayed from the log: they are not written again. */
const LOAD_ORIGIN = Symbol('load');

/** The state of a doc nobody wrote: no structs, no deletions. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

export const READ_ONLY_REASON = 'read-only: this connection may not change the document';

export class Room implements WriterRoom {
  readonly awareness: awarenessProtocol.Awareness;
  readonly conns = new Set<Connection>();
  /** Upgrades that have this room but whose socket is not attached yet; they block eviction. */
  pendingJoins = 0;
  evictionTimer: NodeJS.Timeout | undefined;
  destroyed = false;

  private readonly guard: AwarenessGuard;
  private readonly state: DocState;
  /** When the doc last changed (ms since the epoch); a quiet live doc goes back to bytes. */
  private lastChangeAt = Date.now();
  private freezing = false;
  private enqueued = 0;
  private committedCount = 0;
  private gated: { watermark: number; send: () => void }[] = [];
  private lastSeq: number;
  private tailRows: number;
  private tailBytes: number;
  private persistedSv: Uint8Array;
  private compacting = false;
  /** Whether the log starts with a snapshot row. */
  private hasSnapshot: boolean;
  private readonly projector: ProjectionScheduler;

  private constructor(
    readonly docId: string,
    readonly record: DocRecord,
    private readonly host: RoomHost,
    loaded: { state: DocState; lastSeq: number; tailRows: number; tailBytes: number; hasSnapshot: boolean }
  ) {
    this.state = loaded.state;
    this.hasSnapshot = loaded.hasSnapshot;
    this.lastSeq = loaded.lastSeq;
    this.tailRows = loaded.tailRows;
    this.tailBytes = loaded.tailBytes;
    this.persistedSv = this.state.stateVector();
    // Presence needs a doc only for its own client id; it is never the content's doc, which
    // may not exist while the state is encoded.
    // (A guid of our own spares Yjs making a random one.)
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc({ guid: `awareness:${docId}` }));
    // The server itself has no presence.
    this.awareness.setLocalState(null);
    this.guard = new AwarenessGuard(this.awareness);
    this.state.doc?.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.projector = new ProjectionScheduler(host.options.projections, host.options.projectionDelayMs, {
      record,
      store: host.store,
      log: host.log,
      doc: () => this.state.doc,
      settled: () => this.settled,
      alive: () => !this.destroyed
    });
  }

  /**
   * Loads a room from the update log. A log of one row (a snapshot, or a single update) stays
   * encoded; a longer one is replayed into a doc: the snapshot row, then the updates after it.
   */
  static async load(record: DocRecord, host: RoomHost): Promise<Room> {
    const rows = await host.store.docLog.load(record.docId);
    const only = rows.length === 1 ? rows[0]! : undefined;
    if (only || rows.length === 0) {
      let state = new DocState(only?.update ?? EMPTY_UPDATE, only?.stateVector);
      try {
        state.stateVector();
      } catch (error) {
        // Rows are validated before they are written; this means damage on disk.
        host.log.error({ err: error, docId: record.docId, seq: only?.seq }, 'a stored update does not apply');
        state = DocState.live(new Y.Doc({ gc: true }));
      }
      return new Room(record.docId, record, host, {
        state,
        lastSeq: only?.seq ?? 0,
        tailRows: only?.kind === 'update' ? 1 : 0,
        tailBytes: only?.kind === 'update' ? only.update.byteLength : 0,
        hasSnapshot: only?.kind === 'snapshot'
      });
    }
    const doc = new Y.Doc({ gc: true });
    let tailRows = 0;
    let tailBytes = 0;
    doc.transact(() => {
      for (const row of rows) {
        try {
          Y.applyUpdate(doc, row.update, LOAD_ORIGIN);
        } catch (error) {
          // Rows are validated before they are written; this means damage on disk. Keep the rest.
          host.log.error({ err: error, docId: record.docId, seq: row.seq }, 'a stored update does not apply');
        }
        if (row.kind === 'update') {
          tailRows += 1;
          tailBytes += row.update.byteLength;
        }
      }
    }, LOAD_ORIGIN);
    const room = new Room(record.docId, record, host, {
      state: DocState.live(doc),
      lastSeq: rows.at(-1)?.seq ?? 0,
      tailRows,
      tailBytes,
      hasSnapshot: rows[0]?.kind === 'snapshot'
    });
    room.maybeCompact();
    return room;
  }

  // ---- the WriterRoom side ----------------------------------------------------------------

  stateVector(): Uint8Array {
    return this.state.stateVector();
  }

  committed(count: number, lastSeq: number, bytes: number, stateVector: Uint8Array): void {
    if (this.destroyed) return;
    this.committedCount += count;
    this.lastSeq = lastSeq;
    this.tailRows += count;
    this.tailBytes += bytes;
    this.persistedSv = stateVector;
    let released = 0;
    while (released < this.gated.length && this.gated[released]!.watermark <= this.committedCount) {
      this.gated[released]!.send();
      released += 1;
    }
    if (released > 0) this.gated = this.gated.slice(released);
    // Only the connections that sent something are waiting to hear it is saved; the others
    // received only what was already persisted.
    for (const c of this.conns) {
      if (c.persistWatermark > 0 && c.persistWatermark <= this.committedCount) {
        c.persistWatermark = 0;
        c.notePersisted();
      }
    }
    this.maybeCompact();
  }

  writeFailed(error: unknown): void {
    if (this.destroyed) return;
    this.host.log.error({ err: error, docId: this.docId }, 'could not write updates; closing the room');
    for (const c of this.conns) c.close(1011, 'the server could not save; reconnect to send again');
    this.host.discard(this);
    this.abandon();
  }

  /** The state vector that is durably written. */
  persistedStateVector(): Uint8Array {
    return this.persistedSv;
  }

  /** True when every update applied to the doc is committed. */
  get settled(): boolean {
    return this.enqueued === this.committedCount;
  }

  // ---- connections -------------------------------------------------------------------------

  /** Adds a connection and greets it: our SyncStep1, then everyone's presence. */
  join(conn: Connection): void {
    this.conns.add(conn);
    clearTimeout(this.evictionTimer);
    this.evictionTimer = undefined;
    conn.send(syncStep1Message(this.state.stateVector()));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) {
      conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    }
  }

  /** Removes a connection and its presence. Returns true when the room is now empty. */
  leave(conn: Connection): boolean {
    if (!this.conns.delete(conn)) return this.conns.size === 0;
    conn.dispose();
    this.guard.release(conn, conn.clientIds);
    if (conn.clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], conn);
    }
    return this.conns.size === 0;
  }

  /**
   * Handles one frame from `conn`. Throws {@link BadMessageError} for input that must close the
   * connection; the room itself is unaffected.
   */
  receive(conn: Connection, frame: Uint8Array): void {
    const message = decodeClientMessage(frame);
    switch (message.type) {
      case 'sync-step1': {
        checkStateVector(message.stateVector);
        const reply = syncStep2Message(this.state.missingFor(message.stateVector));
        this.sendAfterCommit(() => {
          conn.send(reply);
          conn.notePersisted();
        });
        return;
      }
      case 'sync-update':
        this.receiveUpdate(conn, message.update);
        return;
      case 'awareness': {
        const entries = decodeAwarenessUpdate(message.update);
        this.guard.accept(
          conn,
          { id: conn.identity.userId, name: conn.identity.userName },
          conn.clientIds,
          conn.awarenessClocks,
          entries,
          (update) => awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn)
        );
        return;
      }
      case 'query-awareness': {
        const states = [...this.awareness.getStates().keys()];
        conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
        return;
      }
      case 'unknown':
        // A newer client's extension: ignore, as stock clients do with ours.
        return;
    }
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    if (conn.access === 'read') {
      if (!this.holds(update)) conn.send(permissionDeniedMessage(READ_ONLY_REASON));
      return;
    }
    const before = this.enqueued;
    // A reconnecting client repeats what the room has (at least its delete set): that must
    // not build the doc of an encoded room.
    const doc = this.state.doc ?? (this.holds(update) ? null : this.materialize());
    if (doc) {
      inspectUpdate(update);
      try {
        Y.applyUpdate(doc, update, conn);
      } catch (error) {
        // Whatever Yjs integrated before it threw went through onDocUpdate and is logged
        // like any other update, so the room and the log stay the same.
        throw new BadMessageError(
          `the update does not apply: ${error instanceof Error ? error.message : String(error)}`
        );
      }
    }
    if (this.enqueued === before) {
      // Nothing new (the server had it all): still tell the client where persistence stands.
      this.sendAfterCommit(() => conn.notePersisted());
    } else {
      conn.edited = true;
      conn.persistWatermark = this.enqueued;
    }
  }

  /**
   * Whether the room already holds everything in `update`; throws {@link BadMessageError} on
   * bytes that don't decode. Damage to the room's own bytes is not the client's bad message:
   * a client closed with 4400 would stop syncing the doc for good.
   */
  private holds(update: Uint8Array): boolean {
    try {
      return this.state.contains(update);
    } catch (error) {
      if (error instanceof DocStateError) throw error;
      throw new BadMessageError(
        `the update does not decode: ${error instanceof Error ? error.message : String(error)}`
      );
    }
  }

  /** Builds the room's doc from its encoded state, for a change. */
  private materialize(): Y.Doc {
    const doc = this.state.materialize(LOAD_ORIGIN);
    doc.on('update', this.onDocUpdate);
    return doc;
  }

  /** Runs `send` once everything applied so far is committed (now, if it already is). */
  private sendAfterCommit(send: () => void): void {
    if (this.settled) send();
    else this.gated.push({ watermark: this.enqueued, send });
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN || this.destroyed) return;
    this.state.changed();
    this.lastChangeAt = Date.now();
    const conn = this.conns.has(origin as Connection) ? (origin as Connection) : null;
    this.enqueued += 1;
    this.host.writer.append(
      {
        docId: this.docId,
        userId: conn?.identity.userId ?? null,
        deviceId: conn?.identity.deviceId ?? null,
        at: Date.now(),
        update
      },
      this
    );
    const message = updateMessage(update);
    this.sendAfterCommit(() => {
      for (const c of this.conns) if (c !== conn) c.send(message);
    });
    this.projector.changed();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown
  ): void => {
    const changed = added.concat(updated, removed);
    if (changed.length === 0) return;
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    // Presence is not persisted and reveals no content: it needs no gate.
    for (const c of this.conns) if (c !== origin) c.send(message);
  };

  // ---- compaction --------------------------------------------------------------------------

  /**
   * Compacts whatever the log holds beyond one row, whatever the thresholds: called when the
   * room leaves memory, so that the next load reads one snapshot instead of many small rows.
   */
  async compactAll(): Promise<void> {
    if (this.tailRows + (this.hasSnapshot ? 1 : 0) <= 1) return;
    await this.host.writer
      .exclusive(() => this.compact())
      .catch((error: unknown) => this.host.log.error({ err: error, docId: this.docId }, 'compaction failed'));
  }

  private maybeCompact(): void {
    const { compactRows, compactBytes } = this.host.options;
    if (this.compacting || this.destroyed) return;
    if (this.tailRows < compactRows && this.tailBytes < compactBytes) return;
    this.compacting = true;
    void this.host.writer
      .exclusive(() => this.compact())
      .catch((error: unknown) => this.host.log.error({ err: error, docId: this.docId }, 'compaction failed'))
      .finally(() => {
        this.compacting = false;
      });
  }

  /** Replaces the rows up to the last committed one by a snapshot of the doc. */
  private async compact(): Promise<void> {
    // With uncommitted updates the doc is ahead of the log; the next commit tries again. An
    // encoded room holds exactly one row: nothing to compact.
    if (this.destroyed || !this.settled || this.lastSeq === 0 || !this.state.doc) return;
    const started = performance.now();
    const rows = this.tailRows;
    // Also the cached answer to the next fresh client.
    const snapshot = this.state.encodeAll();
    await this.host.store.docLog.compact(this.docId, snapshot, this.lastSeq, this.state.stateVector());
    this.tailRows = 0;
    this.tailBytes = 0;
    this.hasSnapshot = true;
    const ms = performance.now() - started;
    const s = this.host.compaction;
    s.count += 1;
    s.lastMs = ms;
    s.maxMs = Math.max(s.maxMs, ms);
    s.totalMs += ms;
    this.host.log.debug(
      { docId: this.docId, rows, snapshotBytes: snapshot.byteLength, upToSeq: this.lastSeq, ms },
      'compacted the update log'
    );
  }

  // ---- back to bytes -------------------------------------------------------------------------

  /**
   * Compacts a live doc that has not changed for `idleMs` and keeps only its encoded state.
   * Returns true when it did. The next change builds the doc again.
   */
  async freezeIfIdle(idleMs: number, now = Date.now()): Promise<boolean> {
    if (!this.state.doc || this.destroyed || this.freezing || now - this.lastChangeAt < idleMs) return false;
    this.freezing = true;
    try {
      await this.projector.run();
      return await this.host.writer.exclusive(async () => {
        if (!this.state.doc || this.destroyed || !this.settled || this.gated.length > 0) return false;
        const marker = this.enqueued;
        if (this.tailRows > 0) await this.compact();
        // A change that arrived meanwhile keeps the doc live.
        const doc = this.state.doc;
        if (this.enqueued !== marker || !this.settled || this.projector.pending || this.tailRows > 0)
          return false;
        doc.off('update', this.onDocUpdate);
        this.state.freeze();
        return true;
      });
    } catch (error) {
      this.host.log.error({ err: error, docId: this.docId }, 'could not release an idle doc');
      return false;
    } finally {
      this.freezing = false;
    }
  }

  /** Whether the room holds a live doc (false while it serves its encoded state). */
  get live(): boolean {
    return this.state.doc !== null;
  }

  /** A doc with the room's current state, for tests and tools: the live doc, or a new copy. */
  readDoc(): Y.Doc {
    if (this.state.doc) return this.state.doc;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, this.state.encodeAll());
    return copy;
  }

  /**
   * Frees the doc at once, without projecting: for a room whose writes failed, whose doc may
   * hold what the log lacks. The clients still have it and send it again after reconnecting.
   */
  abandon(): void {
    this.destroyed = true;
    this.gated = [];
    clearTimeout(this.evictionTimer);
    this.projector.stop();
    this.state.doc?.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.awareness.doc.destroy();
    this.state.destroy();
  }

  /** Runs pending projections and frees the doc. The caller has made sure no one is inside. */
  async destroy(): Promise<void> {
    clearTimeout(this.evictionTimer);
    this.projector.stop();
    await this.projector.run();
    this.destroyed = true;
    this.projector.stop();
    this.state.doc?.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.awareness.doc.destroy();
    this.state.destroy();
  }
}
