/**
 * A room whose stored snapshot is damaged (the bytes no longer parse, though the state vector
 * stored beside them does) must not blame the client: a client closed with 4400 stops syncing
 * the doc for good, believing the server refused its data.
 */
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { createLog } from '../log.ts';
import type { DocLogStore, DocRecord, Store } from '../store/types.ts';
import { Connection } from './connection.ts';
import { BadMessageError, updateMessage } from './messages.ts';
import { Room, type RoomHost } from './room.ts';
import { UpdateWriter } from './update-writer.ts';

const RECORD: DocRecord = { docId: 'doc-1', kind: 'group', participantId: null, createdAt: 0 };

describe('a room with a damaged snapshot', () => {
  it("treats the damage as the server's fault, not as a bad message from the client", async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    const good = Y.encodeStateAsUpdate(doc);
    // Truncated: the structs no longer decode, but the stored state vector is intact.
    const damaged = good.slice(0, good.byteLength - 4);
    const docLog: DocLogStore = {
      load: async () => [
        { seq: 3, kind: 'snapshot', update: damaged, stateVector: Y.encodeStateVector(doc) }
      ],
      appendBatch: async (entries) => entries.map((_, i) => 4 + i),
      compact: async () => {},
      history: async () => []
    };
    const host: RoomHost = {
      store: { docLog } as unknown as Store,
      writer: new UpdateWriter(docLog, () => {}, 'read'),
      log: createLog('silent'),
      options: { compactRows: 1000, compactBytes: 1 << 30, projectionDelayMs: 10, projections: [] },
      compaction: { count: 0, lastMs: 0, maxMs: 0, totalMs: 0 },
      discard: () => {}
    };
    const room = await Room.load(RECORD, host);
    const ws = { readyState: 1, send: () => {}, close: () => {} };
    const conn = new Connection(
      ws as unknown as WebSocket,
      RECORD.docId,
      { userId: 'u', userName: 'u', role: 'worker', sessionId: 's', deviceId: null },
      'write',
      0,
      () => room.persistedStateVector()
    );
    room.join(conn);
    const client = new Y.Doc();
    Y.applyUpdate(client, good);
    const before = Y.encodeStateVector(client);
    client.getText('t').insert(3, 'd');
    const update = Y.encodeStateAsUpdate(client, before);

    let thrown: unknown;
    try {
      room.receive(conn, updateMessage(update));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(BadMessageError);
    await room.destroy();
  });
});
