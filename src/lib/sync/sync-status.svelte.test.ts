import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { Doc } from 'yjs';
import { SyncRegistry } from './doc-registry.ts';
import { DocSyncState } from './doc-sync.svelte.ts';
import { SyncStatusState } from './sync-status.svelte.ts';
import { FakeSyncServer } from './testing/fake-sync-server.ts';

const DOC = '0192f0e0-0000-7000-8000-0000000000aa';

afterEach(() => {
  vi.useRealTimers();
});

describe('rune state over the registry', () => {
  it('follows the app status, the doc status and who is here', async () => {
    vi.useFakeTimers();
    const server = new FakeSyncServer();
    const registry = new SyncRegistry({
      url: 'ws://test/sync',
      WebSocketPolyfill: server.WebSocket,
      user: { id: 'u-1', name: 'Minna Ohjaaja' }
    });
    const app = new SyncStatusState(registry);
    expect(app.kind).toBe('idle');

    const handle = registry.open(DOC);
    const doc = new DocSyncState(handle, 'fi');
    await vi.advanceTimersByTimeAsync(0);
    server.last.accept();
    await vi.advanceTimersByTimeAsync(0);
    expect(app.kind).toBe('saved');
    expect(doc.status.kind).toBe('saved');
    expect(doc.users.map((u) => [u.name, u.self])).toEqual([['Minna Ohjaaja', true]]);

    server.autoPersist = false;
    handle.doc.getText('t').insert(0, 'x');
    expect(app.pending).toBe(1);
    expect(doc.status).toMatchObject({ kind: 'unsaved', pending: 1 });

    // Someone else arrives (the server relays their presence).
    const other = new Awareness(new Doc());
    other.setLocalState({ user: { id: 'u-2', name: 'Kalle Kokemus' } });
    applyAwarenessUpdate(handle.awareness, encodeAwarenessUpdate(other, [other.clientID]), 'server');
    expect(doc.users.map((u) => u.name)).toEqual(['Minna Ohjaaja', 'Kalle Kokemus']);

    server.last.serverClose(4401, 'session ended');
    await vi.advanceTimersByTimeAsync(0);
    expect(app.sessionExpired).toBe(true);
    app.resume();
    expect(app.sessionExpired).toBe(false);

    doc.destroy();
    app.destroy();
    other.destroy();
    await registry.destroy();
  });
});
