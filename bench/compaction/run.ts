/**
 * Compaction benchmark: how long compacting a case file's update log holds its room, against the
 * usual alternative, merging the stored updates with `Y.mergeUpdates` (what a server does that
 * keeps no doc in memory, e.g. y-leveldb's flush).
 *
 * For each of N case files (bench/lib/case-file.ts: profile, goals, meetings with Finnish notes;
 * `SYNC_COMPACT_ROWS` updates each, so the log is exactly at the threshold) the updates are
 * appended to a real SQLite update log one row per update, as the sync server writes them. Then
 * the real `Room.load` replays the rows and compacts them through the real writer; the time the
 * compaction holds the room (`SyncServer.stats().compaction`: encoding the loaded doc and the
 * SQL transaction that moves the attribution, deletes the rows and writes the snapshot) is what
 * an edit arriving meanwhile would wait. The same rows are merged with `Y.mergeUpdates`, and
 * the room is loaded again from the snapshot, to show what compaction buys the next load.
 *
 * `run()` returns the markdown section (bench/run.ts puts it into docs/benchmarks.md); run alone
 * with `npx tsx bench/compaction/run.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { parseConfig } from '../../server/config.ts';
import { createLog } from '../../server/log.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import type { DocRecord } from '../../server/store/types.ts';
import { Room, type RoomHost } from '../../server/sync/room.ts';
import { UpdateWriter } from '../../server/sync/update-writer.ts';
import { buildCaseFile } from '../lib/case-file.ts';
import { summarize } from '../lib/stats.ts';

/** How many case files are compacted (BENCH_COMPACTION_DOCS). */
const DEFAULT_DOCS = 40;
/** Compacting must not hold a room longer than this: an edit waits for it. */
const TARGET_HOLD_P95_MS = 10;

export interface CompactionResults {
  docs: number;
  rowsPerDoc: number;
  encodedKiB: number;
  /** ms the compaction held the room, one sample per doc. */
  holdMs: number[];
  /** ms to merge the same rows with Y.mergeUpdates (no SQL), one sample per doc. */
  mergeMs: number[];
  /** ms to load the room from the rows, and from the snapshot afterwards. */
  loadRowsMs: number[];
  loadSnapshotMs: number[];
  cpu: string;
}

function docsParam(): number {
  const raw = process.env.BENCH_COMPACTION_DOCS;
  const n = raw === undefined ? DEFAULT_DOCS : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new Error(`BENCH_COMPACTION_DOCS must be an integer from 1 to 1000, not "${raw}"`);
  }
  return n;
}

export async function measure(): Promise<CompactionResults> {
  const docs = docsParam();
  const config = parseConfig({});
  const rowsPerDoc = config.syncCompactRows;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-compaction-'));
  // As the server opens it: checkpoints on their own thread.
  const store = SqliteStore.open(dir, 'normal', {
    intervalMs: config.checkpointMs,
    onError: (message) => process.stderr.write(`checkpointer: ${message}\n`)
  });
  const log = createLog('silent');
  const writer = new UpdateWriter(store.docLog, (error) => {
    throw error;
  });
  const host: RoomHost = {
    store,
    writer,
    log,
    options: {
      compactRows: rowsPerDoc,
      compactBytes: config.syncCompactBytes,
      projectionDelayMs: 1000,
      projections: []
    },
    compaction: { count: 0, lastMs: 0, maxMs: 0, totalMs: 0 },
    discard: () => undefined
  };
  const results: CompactionResults = {
    docs,
    rowsPerDoc,
    encodedKiB: 0,
    holdMs: [],
    mergeMs: [],
    loadRowsMs: [],
    loadSnapshotMs: [],
    cpu: os.cpus()[0]?.model ?? 'unknown CPU'
  };
  try {
    let encodedBytes = 0;
    for (let i = 0; i < docs; i++) {
      const caseFile = buildCaseFile(i + 1, rowsPerDoc);
      const record: DocRecord = { docId: `bench-${i}`, kind: 'group', participantId: null, createdAt: 0 };
      store.db
        .prepare('INSERT INTO docs (doc_id, kind, participant_id, created_at) VALUES (?, ?, NULL, 0)')
        .run(record.docId, record.kind);
      for (const update of caseFile.updates) {
        await store.docLog.appendBatch([
          { docId: record.docId, userId: null, deviceId: null, at: 0, update }
        ]);
      }
      encodedBytes += caseFile.encodedSize;

      const merged = performance.now();
      Y.mergeUpdates(caseFile.updates);
      results.mergeMs.push(performance.now() - merged);

      const before = host.compaction.count;
      const loading = performance.now();
      const room = await Room.load(record, host);
      await writer.drain();
      if (host.compaction.count !== before + 1) throw new Error(`${record.docId} was not compacted`);
      results.holdMs.push(host.compaction.lastMs);
      // The load kicks the compaction off; what is left is replaying the rows.
      results.loadRowsMs.push(performance.now() - loading - host.compaction.lastMs);
      await room.destroy();

      const reloading = performance.now();
      const again = await Room.load(record, host);
      results.loadSnapshotMs.push(performance.now() - reloading);
      const rows = await store.docLog.load(record.docId);
      if (rows.length !== 1 || rows[0]?.kind !== 'snapshot')
        throw new Error(`${record.docId}: not one snapshot`);
      const copy = again.readDoc();
      if (Buffer.compare(Y.encodeStateVector(copy), caseFile.stateVector) !== 0) {
        throw new Error(`${record.docId}: the snapshot lost something`);
      }
      await again.destroy();
    }
    results.encodedKiB = encodedBytes / docs / 1024;
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

export function render(r: CompactionResults): string {
  const hold = summarize(r.holdMs);
  const merge = summarize(r.mergeMs);
  const rows = summarize(r.loadRowsMs);
  const snap = summarize(r.loadSnapshotMs);
  const met = hold.p95 <= TARGET_HOLD_P95_MS;
  return [
    '### Compaction: how long it holds a room',
    '',
    `${r.docs} case files of ${r.rowsPerDoc} updates each (≈ ${r.encodedKiB.toFixed(0)} KiB encoded; \`SYNC_COMPACT_ROWS\` = ${r.rowsPerDoc}), appended one row per update to a real SQLite log, then loaded by the real \`Room.load\`, which compacts them through the real writer. ${r.cpu}, Node ${process.version}. Command: \`npm run bench\` (alone: \`npx tsx bench/compaction/run.ts\`).`,
    '',
    '| what | p50 ms | p95 ms | max ms | vs ours |',
    '| --- | --- | --- | --- | --- |',
    `| **ours: compaction holds the room** (encode the loaded doc + one SQL transaction) | ${ms(hold.p50)} | ${ms(hold.p95)} | ${ms(hold.max)} | 1.00× |`,
    `| merging the same rows with \`Y.mergeUpdates\` (no SQL) | ${ms(merge.p50)} | ${ms(merge.p95)} | ${ms(merge.max)} | ${(merge.p50 / hold.p50).toFixed(2)}× |`,
    `| loading the room from the ${r.rowsPerDoc} rows (before compaction) | ${ms(rows.p50)} | ${ms(rows.p95)} | ${ms(rows.max)} | – |`,
    `| loading the room from the snapshot (after) | ${ms(snap.p50)} | ${ms(snap.p95)} | ${ms(snap.max)} | – |`,
    '',
    `- ${met ? '✅ met' : '❌ not met'} — a compaction holds its room ≤ ${TARGET_HOLD_P95_MS} ms (p95): ${ms(hold.p95)} ms.`,
    `- Merging the stored updates instead would hold the room ${(merge.p50 / hold.p50).toFixed(1)}× as long at the median, before any SQL.`,
    `- A room loaded from the snapshot encodes nothing until someone edits (decision D9): ${ms(snap.p50)} ms instead of ${ms(rows.p50)} ms.`
  ].join('\n');
}

export async function run(): Promise<string> {
  return render(await measure());
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  run().then(
    (section) => process.stdout.write(`${section}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    }
  );
}
