import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Log } from '../log.ts';
import type { DocRecord, Store } from '../store/types.ts';
import { ProjectionScheduler } from './projection-scheduler.ts';
import type { Projection } from './projections.ts';

afterEach(() => vi.useRealTimers());

const record = { docId: 'd1', kind: 'case', participantId: 'p1' } as DocRecord;

function setup(settled: { value: boolean }) {
  const runs: string[] = [];
  const errors: unknown[] = [];
  const projection = (name: string, kinds: Projection['kinds'], fail = false): Projection => ({
    name,
    kinds,
    async run() {
      runs.push(name);
      if (fail) throw new Error('boom');
    }
  });
  const log = { error: (obj: unknown) => errors.push(obj) } as unknown as Log;
  const scheduler = new ProjectionScheduler(
    [projection('fails', ['case'], true), projection('case', ['case']), projection('group', ['group'])],
    100,
    {
      record,
      store: {} as Store,
      log,
      doc: () => new Y.Doc(),
      settled: () => settled.value,
      alive: () => true
    }
  );
  return { scheduler, runs, errors };
}

describe('ProjectionScheduler', () => {
  it('runs the projections of the doc kind once per delay while changes keep coming, and a failure stops none', async () => {
    vi.useFakeTimers();
    const { scheduler, runs, errors } = setup({ value: true });
    scheduler.changed();
    await vi.advanceTimersByTimeAsync(60);
    scheduler.changed(); // not sliding: the first timer still fires at 100 ms
    await vi.advanceTimersByTimeAsync(40);
    expect(runs).toEqual(['fails', 'case']);
    expect(errors).toHaveLength(1);
    expect(scheduler.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toHaveLength(2);
  });

  it('projects only durable state: with uncommitted updates it waits for the next delay', async () => {
    vi.useFakeTimers();
    const settled = { value: false };
    const { scheduler, runs } = setup(settled);
    scheduler.changed();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual([]);
    expect(scheduler.pending).toBe(true);
    settled.value = true;
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toEqual(['fails', 'case']);
  });

  it('stop() cancels a scheduled run; run() projects at once', async () => {
    vi.useFakeTimers();
    const { scheduler, runs } = setup({ value: true });
    scheduler.changed();
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toEqual([]);
    await scheduler.run();
    expect(runs).toEqual(['fails', 'case']);
  });
});
