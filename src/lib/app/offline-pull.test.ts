import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocHandle } from '$lib/sync/doc-registry';
import { ManualNetwork } from '$lib/sync/network';
import { docStatus, type ConnectionState, type DocStatus } from '$lib/sync/status';
import { countMissing, pullDocs } from './offline-pull.ts';

function status(connection: ConnectionState, pending = 0): DocStatus {
  return docStatus({ connection, pending: { count: pending, unverified: false }, networkOnline: true });
}

/** A registry whose docs reach the status `script(docId)` says, a moment after opening. */
class FakeRegistry {
  open = 0;
  maxOpen = 0;
  released: string[] = [];
  stored = 0;
  handles = new Map<string, (s: DocStatus) => void>();
  constructor(private readonly script: (docId: string) => DocStatus | null) {}

  openDoc = (docId: string): DocHandle => {
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    const listeners = new Set<(s: DocStatus) => void>();
    let current = status('connecting');
    const emit = (s: DocStatus) => {
      current = s;
      for (const l of [...listeners]) l(s);
    };
    this.handles.set(docId, emit);
    const next = this.script(docId);
    if (next) setTimeout(() => emit(next), 5);
    return {
      docId,
      doc: new Y.Doc(),
      provider: undefined as never,
      awareness: undefined as never,
      ready: Promise.resolve(),
      get status() {
        return current;
      },
      subscribe(listener) {
        listeners.add(listener);
        listener(current);
        return () => listeners.delete(listener);
      },
      retry() {},
      release: () => {
        this.open--;
        this.released.push(docId);
      }
    };
  };

  get registry() {
    return {
      open: this.openDoc,
      whenStored: async () => {
        this.stored++;
      }
    };
  }
}

describe('pullDocs', () => {
  it('syncs every doc with bounded concurrency, waits for the store, and releases each', async () => {
    const fake = new FakeRegistry(() => status('online'));
    const ids = Array.from({ length: 10 }, (_, i) => `doc-${i}`);
    const synced: string[] = [];
    const result = await pullDocs({
      ids,
      registry: fake.registry,
      network: new ManualNetwork(true),
      concurrency: 3,
      timeoutMs: 1_000,
      isCurrent: () => true,
      onSynced: (id) => synced.push(id)
    });
    expect(result).toEqual({ synced: expect.arrayContaining(ids), failed: [], offline: false });
    expect(synced.sort()).toEqual([...ids].sort());
    expect(fake.maxOpen).toBe(3);
    expect(fake.released.sort()).toEqual([...ids].sort());
    expect(fake.stored).toBe(10);
  });

  it('reports forbidden, erroring and stuck docs as failed', async () => {
    const fake = new FakeRegistry((id) =>
      id === 'gone'
        ? status('forbidden')
        : id === 'bad'
          ? status('error')
          : id === 'stuck'
            ? null
            : status('online')
    );
    const result = await pullDocs({
      ids: ['ok', 'gone', 'bad', 'stuck'],
      registry: fake.registry,
      network: new ManualNetwork(true),
      concurrency: 4,
      timeoutMs: 50,
      isCurrent: () => true
    });
    expect(result.synced).toEqual(['ok']);
    expect(result.failed.sort()).toEqual(['bad', 'gone', 'stuck']);
  });

  it('stops when the network goes away, and when the device locks', async () => {
    const network = new ManualNetwork(true);
    const fake = new FakeRegistry(() => null);
    const running = pullDocs({
      ids: ['a', 'b', 'c'],
      registry: fake.registry,
      network,
      concurrency: 1,
      timeoutMs: 5_000,
      isCurrent: () => true
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    network.set(false);
    fake.handles.get('a')!(
      docStatus({ connection: 'offline', pending: { count: 0, unverified: false }, networkOnline: false })
    );
    expect(await running).toEqual({ synced: [], failed: [], offline: true });
    expect(fake.released).toEqual(['a']);

    let current = true;
    const locking = new FakeRegistry(() => {
      current = false;
      return status('online');
    });
    const stopped = await pullDocs({
      ids: ['a', 'b', 'c'],
      registry: locking.registry,
      network: new ManualNetwork(true),
      concurrency: 1,
      timeoutMs: 1_000,
      isCurrent: () => current
    });
    expect(stopped.synced).toEqual(['a']);
  });
});

describe('countMissing', () => {
  it('counts listed docs neither covered by the last full pull, nor stored, nor synced now; failures count', () => {
    expect(countMissing({ listed: ['a', 'b', 'c', 'd'], covered: ['a'], stored: ['b'], synced: ['c'] })).toBe(
      1
    );
    expect(countMissing({ listed: ['a', 'b'], stored: ['a', 'b'], failed: ['b'] })).toBe(1);
    expect(countMissing({ listed: [], stored: ['x'] })).toBe(0);
  });
});
