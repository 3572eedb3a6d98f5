import { afterEach, describe, expect, it } from 'vitest';
import {
  attachSeenStore,
  detachSeenStore,
  putSeenFingerprints,
  seenFingerprints,
  type SeenTable,
  type SeenValue
} from './seen-store.ts';

class MemoryTable implements SeenTable {
  rows = new Map<string, unknown>();
  failWrites = false;
  async put(id: string, value: SeenValue) {
    if (this.failWrites) throw new Error('locked');
    this.rows.set(id, structuredClone(value));
  }
  async list() {
    return { entries: [...this.rows].map(([id, value]) => ({ id, value })) };
  }
}

afterEach(() => detachSeenStore());

describe('seen store', () => {
  it('keeps what the user saw across a lock and an unlock', async () => {
    const table = new MemoryTable();
    await attachSeenStore(table, () => {});
    expect(seenFingerprints('case-1')).toBeUndefined();
    putSeenFingerprints('case-1', { goals: 'abc' } as SeenValue);
    await Promise.resolve();
    expect(table.rows.get('seen:case-1')).toEqual({ goals: 'abc' });

    detachSeenStore();
    expect(seenFingerprints('case-1')).toBeUndefined();

    await attachSeenStore(table, () => {});
    expect(seenFingerprints('case-1')).toEqual({ goals: 'abc' });
  });

  it('ignores other drafts and reports a failed write without throwing', async () => {
    const table = new MemoryTable();
    table.rows.set('draft:other', { text: 'x' });
    const errors: unknown[] = [];
    await attachSeenStore(table, (e) => errors.push(e));
    expect(seenFingerprints('other')).toBeUndefined();
    table.failWrites = true;
    putSeenFingerprints('case-2', { meetings: 'm' } as SeenValue);
    expect(seenFingerprints('case-2')).toEqual({ meetings: 'm' });
    await expect.poll(() => errors.length).toBe(1);
  });
});
