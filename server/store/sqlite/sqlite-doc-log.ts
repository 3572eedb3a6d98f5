/**
 * The SQLite implementation of {@link DocLogStore}. Two tables: `doc_updates` holds the bytes
 * (compaction replaces old rows by one snapshot row), and each update row also carries who /
 * when / which device / how big; when compaction removes update rows it first moves that
 * attribution to `doc_update_meta`, which is never compacted. So an append is ONE row (migration
 * 7), and the history of a doc is `doc_update_meta` plus the update rows still in the log.
 */
import type { DocLogEntry, DocLogRow, DocLogStore, DocUpdateMeta } from '../types.ts';
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

export class SqliteDocLog implements DocLogStore {
  private readonly maxSeq;
  private readonly insertUpdate;
  private readonly selectRows;
  private readonly appendTx;

  constructor(private readonly db: Db) {
    // Compaction replaces rows up to a seq by a snapshot row AT that seq, so the log's last row
    // is always the doc's last seq; UNIQUE (doc_id, seq) makes this one index probe.
    this.maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM doc_updates WHERE doc_id = ?');
    this.insertUpdate = db.prepare(
      `INSERT INTO doc_updates (doc_id, seq, kind, data, user_id, device_id, at, size)
       VALUES (?, ?, 'update', ?, ?, ?, ?, ?)`
    );
    this.selectRows = db.prepare(
      'SELECT seq, kind, data, state_vector FROM doc_updates WHERE doc_id = ? ORDER BY seq'
    );
    this.appendTx = db.transaction((entries: readonly DocLogEntry[]): number[] => {
      const next = new Map<string, number>();
      return entries.map((e) => {
        let seq = next.get(e.docId);
        if (seq === undefined) seq = (this.maxSeq.get(e.docId) as { seq: number }).seq;
        seq += 1;
        next.set(e.docId, seq);
        this.insertUpdate.run(e.docId, seq, e.update, e.userId, e.deviceId, e.at, e.update.byteLength);
        return seq;
      });
    });
  }

  async appendBatch(entries: readonly DocLogEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    return this.appendTx.immediate(entries);
  }

  async load(docId: string): Promise<DocLogRow[]> {
    const rows = this.selectRows.all(docId) as {
      seq: number;
      kind: DocLogRow['kind'];
      data: Buffer;
      state_vector: Buffer | null;
    }[];
    return rows.map((r) => ({
      seq: r.seq,
      kind: r.kind,
      update: bytesOf(r.data),
      stateVector: r.state_vector === null ? null : bytesOf(r.state_vector)
    }));
  }

  async compact(
    docId: string,
    snapshot: Uint8Array,
    uptoSeq: number,
    stateVector?: Uint8Array
  ): Promise<void> {
    this.db
      .transaction(() => {
        // Attribution outlives the bytes. (Rows from before migration 7 have theirs already.)
        prepared(
          this.db,
          `INSERT OR IGNORE INTO doc_update_meta (doc_id, seq, user_id, device_id, at, size)
             SELECT doc_id, seq, user_id, device_id, at, size FROM doc_updates
              WHERE doc_id = ? AND seq <= ? AND kind = 'update' AND at IS NOT NULL`
        ).run(docId, uptoSeq);
        prepared(this.db, 'DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?').run(docId, uptoSeq);
        prepared(
          this.db,
          `INSERT INTO doc_updates (doc_id, seq, kind, data, state_vector) VALUES (?, ?, 'snapshot', ?, ?)`
        ).run(docId, uptoSeq, snapshot, stateVector ?? null);
      })
      .immediate();
  }

  async history(docId: string, limit = 500): Promise<DocUpdateMeta[]> {
    return (
      this.db
        .prepare(
          `SELECT doc_id, seq, user_id, device_id, at, size FROM doc_update_meta WHERE doc_id = @docId
           UNION ALL
           SELECT doc_id, seq, user_id, device_id, at, size FROM doc_updates
            WHERE doc_id = @docId AND kind = 'update' AND at IS NOT NULL
           ORDER BY seq DESC LIMIT @limit`
        )
        .all({ docId, limit }) as {
        doc_id: string;
        seq: number;
        user_id: string | null;
        device_id: string | null;
        at: number;
        size: number;
      }[]
    ).map((r) => ({
      docId: r.doc_id,
      seq: r.seq,
      userId: r.user_id,
      deviceId: r.device_id,
      at: r.at,
      size: r.size
    }));
  }
}

function bytesOf(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
