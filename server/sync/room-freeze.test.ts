/**
 * A room against an in-memory update log whose compaction can be held open: what happens when an
 * update arrives while an idle doc is being compacted and frozen, when a write fails right after
 * an encoded room built its doc, and what "persisted" says after a freeze and a rebuild.
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_PERSISTED, MESSAGE_SYNC } from '../../src/lib/api/sync-protocol.ts';
import { createLog } from '../log.ts';
import type { DocLogEntry, DocLogRow, DocLogStore, DocRecord, Store } from '../store/types.ts';
import { Connection } from './connection.ts';
import { syncStep1Message, updateMessage } from './messages.ts';
import { Room, type RoomHost } from './room.ts';
import { UpdateWriter } from './update-writer.ts';

/** An update log in memory; `holdCompaction` makes the next compactions wait for `release`. */
class MemoryDocLog implements DocLogStore {
  rows: DocLogRow[] = [];
  compactions = 0;
  failNextAppend = false;
  private seq = 0;
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  holdCompaction(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  async appendBatch(entries: readonly DocLogEntry[]): Promise<number[]> {
    if (this.failNextAppend) {
      this.failNextAppend = false;
      throw new Error('disk full');
    }
    return entries.map((e) => {
      this.seq += 1;
      this.rows.push({ seq: this.seq, kind: 'update', update: e.update, stateVector: null });
      return this.seq;
    });
  }

  async load(): Promise<DocLogRow[]> {
    return [...this.rows];
  }

  async compact(
    _docId: string,
    snapshot: Uint8Array,
    uptoSeq: number,
    stateVector?: Uint8Array
  ): Promise<void> {
    this.compactions += 1;
    await this.gate;
    const kept = this.rows.filter((r) => r.seq > uptoSeq);
    this.rows = [
      { seq: uptoSeq, kind: 'snapshot', update: snapshot, stateVector: stateVector ?? null },
      ...kept
    ];
  }

  async history(): Promise<never[]> {
    return [];
  }

  /** The doc the log replays to. */
  replay(): Y.Doc {
    const doc = new Y.Doc();
    for (const r of this.rows) Y.applyUpdate(doc, r.update);
    return doc;
  }
}

const RECORD: DocRecord = { docId: 'doc-1', kind: 'group', participantId: null, createdAt: 0 };

function setup() {
  const docLog = new MemoryDocLog();
  const errors: unknown[] = [];
  const writer = new UpdateWriter(docLog, (e) => errors.push(e), 'read');
  const discarded: Room[] = [];
  const host: RoomHost = {
    store: { docLog } as unknown as Store,
    writer,
    log: createLog('silent'),
    options: { compactRows: 1000, compactBytes: 1 << 30, projectionDelayMs: 10, projections: [] },
    compaction: { count: 0, lastMs: 0, maxMs: 0, totalMs: 0 },
    discard: (room) => discarded.push(room)
  };
  return { docLog, writer, host, errors, discarded };
}

/** A socket that records what the server sends and how it was closed. */
function fakeSocket() {
  const ws = {
    readyState: 1,
    sent: [] as Uint8Array[],
    closedWith: null as number | null,
    send(message: Uint8Array, cb?: (error?: Error) => void) {
      ws.sent.push(message);
      cb?.();
    },
    close(code: number) {
      ws.closedWith = code;
      ws.readyState = 3;
    }
  };
  return ws;
}

function connect(room: Room, name: string) {
  const ws = fakeSocket();
  const conn = new Connection(
    ws as unknown as WebSocket,
    room.docId,
    { userId: name, userName: name, role: 'worker', sessionId: name, deviceId: null },
    'write',
    0,
    () => room.persistedStateVector()
  );
  room.join(conn);
  return { conn, ws };
}

/** The broadcasts, SyncStep2 answers and persisted state vectors among the frames a socket got. */
function received(ws: { sent: Uint8Array[] }) {
  const updates: Uint8Array[] = [];
  const step2: Uint8Array[] = [];
  const persisted: Map<number, number>[] = [];
  for (const frame of ws.sent) {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    if (type === MESSAGE_PERSISTED) persisted.push(Y.decodeStateVector(decoding.readVarUint8Array(d)));
    if (type !== MESSAGE_SYNC) continue;
    const sub = decoding.readVarUint(d);
    if (sub === syncProtocol.messageYjsUpdate) updates.push(decoding.readVarUint8Array(d));
    if (sub === syncProtocol.messageYjsSyncStep2) step2.push(decoding.readVarUint8Array(d));
  }
  return { updates, step2, persisted };
}

/** An update by a client of its own, made on top of `base`. */
function edit(base: Uint8Array, clientID: number, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  Y.applyUpdate(doc, base);
  const before = Y.encodeStateVector(doc);
  change(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

function textOf(doc: Y.Doc): string {
  return doc.getText('t').toString();
}

describe('Room: freezing, rebuilding and failing writes', () => {
  it('an update that arrives while an idle doc is being compacted keeps it live, and is gated until committed', async () => {
    const { docLog, writer, host } = setup();
    // Two rows: the room is loaded live.
    const first = edit(new Uint8Array([0, 0]), 11, (d) => d.getText('t').insert(0, 'abc'));
    const second = edit(first, 12, (d) => d.getText('t').insert(3, 'def'));
    await docLog.appendBatch([{ docId: RECORD.docId, userId: null, deviceId: null, at: 0, update: first }]);
    await docLog.appendBatch([{ docId: RECORD.docId, userId: null, deviceId: null, at: 0, update: second }]);
    const room = await Room.load(RECORD, host);
    expect(room.live).toBe(true);
    const a = connect(room, 'a');
    const b = connect(room, 'b');

    docLog.holdCompaction();
    const freezing = room.freezeIfIdle(0, Date.now() + 1);
    await expect.poll(() => docLog.compactions).toBe(1);

    const state = Y.encodeStateAsUpdate(room.readDoc());
    room.receive(a.conn, updateMessage(edit(state, 22, (d) => d.getText('t').insert(0, '>'))));
    // Not committed yet (the writer waits behind the compaction): nobody hears of it.
    expect(received(b.ws).updates).toHaveLength(0);
    expect(received(a.ws).persisted).toHaveLength(0);

    docLog.release();
    expect(await freezing).toBe(false);
    expect(room.live).toBe(true);
    await writer.drain();
    expect(received(b.ws).updates).toHaveLength(1);
    expect(received(a.ws).persisted.at(-1)?.get(22)).toBe(1);
    expect(textOf(docLog.replay())).toBe('>abcdef');
    expect(textOf(room.readDoc())).toBe('>abcdef');
    await room.destroy();
  });

  it('after a freeze and a rebuild, "persisted" and SyncStep2 say exactly what the log holds', async () => {
    const { docLog, writer, host } = setup();
    const first = edit(new Uint8Array([0, 0]), 11, (d) => d.getText('t').insert(0, 'abc'));
    await docLog.appendBatch([{ docId: RECORD.docId, userId: null, deviceId: null, at: 0, update: first }]);
    const room = await Room.load(RECORD, host);
    expect(room.live).toBe(false);
    const a = connect(room, 'a');
    room.receive(a.conn, updateMessage(edit(first, 22, (d) => d.getText('t').insert(3, 'd'))));
    expect(room.live).toBe(true);
    await writer.drain();
    expect(await room.freezeIfIdle(0, Date.now() + 1)).toBe(true);
    expect(docLog.rows.map((r) => r.kind)).toEqual(['snapshot']);

    // A delete-only edit of the frozen doc: rebuilt, written, reported.
    const held = Y.encodeStateAsUpdate(room.readDoc());
    room.receive(a.conn, updateMessage(edit(held, 23, (d) => d.getText('t').delete(1, 2))));
    expect(room.live).toBe(true);
    await writer.drain();
    expect(textOf(docLog.replay())).toBe('ad');
    const persisted = received(a.ws).persisted.at(-1)!;
    expect(Object.fromEntries(persisted)).toEqual(
      Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(docLog.replay())))
    );

    // A fresh client's SyncStep1 answer is the log's state.
    const c = connect(room, 'c');
    room.receive(c.conn, syncStep1Message(new Uint8Array([0])));
    const fresh = new Y.Doc();
    for (const u of received(c.ws).step2) Y.applyUpdate(fresh, u);
    expect(textOf(fresh)).toBe('ad');
    await room.destroy();
  });

  it('a write that fails right after an encoded room built its doc reaches no one and closes the room', async () => {
    const { docLog, writer, host, discarded } = setup();
    const first = edit(new Uint8Array([0, 0]), 11, (d) => d.getText('t').insert(0, 'abc'));
    await docLog.appendBatch([{ docId: RECORD.docId, userId: null, deviceId: null, at: 0, update: first }]);
    const room = await Room.load(RECORD, host);
    const a = connect(room, 'a');
    const b = connect(room, 'b');
    docLog.failNextAppend = true;
    room.receive(a.conn, updateMessage(edit(first, 22, (d) => d.getText('t').insert(0, 'x'))));
    // b asks for the state meanwhile: its answer holds the unwritten edit, so it waits too.
    room.receive(b.conn, syncStep1Message(Y.encodeStateVector(docOf(first))));
    await writer.drain();
    expect(received(b.ws).updates).toHaveLength(0);
    expect(received(b.ws).step2).toHaveLength(0);
    expect(received(a.ws).persisted).toHaveLength(0);
    expect(a.ws.closedWith).toBe(1011);
    expect(b.ws.closedWith).toBe(1011);
    expect(discarded).toEqual([room]);
    expect(textOf(docLog.replay())).toBe('abc');
  });
});

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
