/**
 * When a room runs its projections (projections.ts): a while after its doc changed — not a
 * sliding debounce, so a steady stream of edits still projects once per delay — and only on
 * durable state: a run that finds uncommitted updates waits for the next delay. Runs never
 * overlap; a failing projection is logged (doc id and projection name only) and the others run.
 */
import type * as Y from 'yjs';
import type { Log } from '../log.ts';
import type { DocRecord, Store } from '../store/types.ts';
import type { Projection } from './projections.ts';

/** What the scheduler needs from its room. */
export interface ProjectionTarget {
  readonly record: DocRecord;
  readonly store: Store;
  readonly log: Log;
  /** The live doc, or null when there is none to read (encoded or gone). */
  doc(): Y.Doc | null;
  /** True when everything applied to the doc is committed. */
  settled(): boolean;
  /** False once the room is destroyed. */
  alive(): boolean;
}

export class ProjectionScheduler {
  private readonly projections: readonly Projection[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;

  /** Keeps only the projections that read the target's kind of doc. */
  constructor(
    projections: readonly Projection[],
    private readonly delayMs: number,
    private readonly target: ProjectionTarget
  ) {
    this.projections = projections.filter((p) => p.kinds.includes(target.record.kind));
  }

  /** True while a change has not been projected yet. */
  get pending(): boolean {
    return this.dirty;
  }

  /** The doc changed: project it within the delay. */
  changed(): void {
    if (this.projections.length === 0 || !this.target.alive()) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.delayMs);
  }

  /** Runs the projections now if the doc changed since they last ran (and is committed). */
  async run(): Promise<void> {
    await this.running;
    const doc = this.target.doc();
    if (!this.dirty || !this.target.alive() || !doc) return;
    if (!this.target.settled()) {
      // Project only what is durable; try again after the commit.
      this.changed();
      return;
    }
    this.dirty = false;
    const { record, store, log } = this.target;
    const runAll = async () => {
      for (const p of this.projections) {
        try {
          await p.run({ doc, record, store, now: Date.now() });
        } catch (error) {
          log.error({ err: error, docId: record.docId, projection: p.name }, 'projection failed');
        }
      }
    };
    this.running = runAll();
    await this.running;
    this.running = undefined;
  }

  /** Cancels a scheduled run (a run in progress finishes). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
