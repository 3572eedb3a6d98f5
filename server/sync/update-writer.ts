/**
 * Group commit for the sync update log.
 *
 * Rooms hand every accepted update to {@link UpdateWriter.append} synchronously. The writer
 * gathers what arrives together and writes it in ONE transaction. How long it gathers depends
 * on what a commit costs:
 * - `turn` (DB_DURABILITY=full, where every commit is an fsync): everything read in the same
 *   event-loop turn, from all sockets and rooms — one fsync per turn instead of one per update;
 * - `read` (the default, where a commit is a write to the WAL, ≈ 25 µs): the frames of one
 *   socket read, committed as soon as that read is handled, so the broadcast does not also wait
 *   for every other socket read in the same turn.
 * Only when
 * that transaction has committed does it tell each room, which then releases the broadcasts and
 * "persisted" acknowledgements it held back: nothing leaves the server before it is on disk.
 *
 * Writes never overlap: batches and exclusive tasks (compaction) run one after another on a
 * single promise chain, so a task sees every earlier batch committed.
 */
import type { DocLogEntry, DocLogStore } from '../store/types.ts';

/** What the writer needs from a room. */
export interface WriterRoom {
  readonly docId: string;
  /** The room's state vector now; taken when a batch starts, it is what the batch persists. */
  stateVector(): Uint8Array;
  /** Called in commit order: `count` updates of this room are durable, the last one at `lastSeq`. */
  committed(count: number, lastSeq: number, bytes: number, stateVector: Uint8Array): void;
  /** The batch holding this room's updates failed: the room must not serve them. */
  writeFailed(error: unknown): void;
}

export interface WriterStats {
  batches: number;
  updates: number;
  bytes: number;
  largestBatch: number;
  /** Time spent in the store's append, in ms (sum and max). */
  writeMsTotal: number;
  writeMsMax: number;
}

/** See the module comment. */
export type BatchWindow = 'turn' | 'read';

export class UpdateWriter {
  private pending: { entry: DocLogEntry; room: WriterRoom }[] = [];
  private scheduled = false;
  private tail: Promise<void> = Promise.resolve();
  private readonly statsValue: WriterStats = {
    batches: 0,
    updates: 0,
    bytes: 0,
    largestBatch: 0,
    writeMsTotal: 0,
    writeMsMax: 0
  };

  constructor(
    private readonly log: DocLogStore,
    private readonly onError: (error: unknown) => void,
    private readonly window: BatchWindow = 'turn'
  ) {}

  get stats(): Readonly<WriterStats> {
    return this.statsValue;
  }

  /** Queues an update; it is written with the rest of this turn's updates. */
  append(entry: DocLogEntry, room: WriterRoom): void {
    this.pending.push({ entry, room });
    if (!this.scheduled) {
      this.scheduled = true;
      const flush = () => {
        this.scheduled = false;
        this.queueBatch();
      };
      // setImmediate runs after the poll phase: every frame read in this turn is in the batch.
      // A microtask runs once the current socket read (all its frames) is handled.
      if (this.window === 'turn') setImmediate(flush);
      else queueMicrotask(flush);
    }
  }

  /** Runs `task` after every batch queued so far, and before any later one. */
  exclusive<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      (error: unknown) => this.onError(error)
    );
    return result;
  }

  /** Resolves when every update appended so far is written (or has failed). */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.scheduled) {
      if (!this.scheduled) this.queueBatch();
      this.scheduled = false;
      await this.tail;
    }
    await this.tail;
  }

  /**
   * Chains the next batch. The chain must never stay rejected: every later batch and exclusive
   * task would be skipped, and no room would hear of a commit again.
   */
  private queueBatch(): void {
    this.tail = this.tail.then(() => this.writeBatch()).catch((error: unknown) => this.onError(error));
  }

  private async writeBatch(): Promise<void> {
    let batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    // Taken before the write: the rooms hold exactly this batch and earlier ones right now. A
    // room that cannot say (its state is gone) fails its own updates, not the others'.
    const rooms = new Map<WriterRoom, Uint8Array>();
    const broken = new Set<WriterRoom>();
    for (const { room } of batch) {
      if (rooms.has(room) || broken.has(room)) continue;
      try {
        rooms.set(room, room.stateVector());
      } catch (error) {
        broken.add(room);
        this.onError(error);
        room.writeFailed(error);
      }
    }
    if (broken.size > 0) batch = batch.filter(({ room }) => !broken.has(room));
    if (batch.length === 0) return;
    const started = performance.now();
    let seqs: number[];
    try {
      seqs = await this.log.appendBatch(batch.map((b) => b.entry));
    } catch (error) {
      this.onError(error);
      for (const room of rooms.keys()) room.writeFailed(error);
      return;
    }
    const ms = performance.now() - started;
    const s = this.statsValue;
    s.batches += 1;
    s.updates += batch.length;
    s.largestBatch = Math.max(s.largestBatch, batch.length);
    s.writeMsTotal += ms;
    s.writeMsMax = Math.max(s.writeMsMax, ms);
    const perRoom = new Map<WriterRoom, { count: number; lastSeq: number; bytes: number }>();
    batch.forEach(({ room, entry }, i) => {
      const r = perRoom.get(room) ?? { count: 0, lastSeq: 0, bytes: 0 };
      r.count += 1;
      r.lastSeq = seqs[i]!;
      r.bytes += entry.update.byteLength;
      s.bytes += entry.update.byteLength;
      perRoom.set(room, r);
    });
    for (const [room, r] of perRoom) {
      try {
        room.committed(r.count, r.lastSeq, r.bytes, rooms.get(room)!);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
