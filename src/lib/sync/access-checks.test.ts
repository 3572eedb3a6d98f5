import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { accessCheckDue, noteFailedOpen, recheckForbidden, type AccessCheckHost } from './access-checks.ts';
import type { DocAccessCheck } from './doc-registry-options.ts';
import { OpenDoc } from './open-doc.ts';

/** An OpenDoc whose provider is never touched by the access checks. */
function entry(): OpenDoc {
  return new OpenDoc('doc', new Y.Doc(), {} as WebsocketProvider, 250, true, [100, 200], () => undefined);
}

function host(answer: DocAccessCheck | Error, overrides: Partial<AccessCheckHost> = {}) {
  const checkAccess = vi.fn((): Promise<DocAccessCheck> =>
    answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)
  );
  return {
    checkAccess,
    online: () => true,
    sessionExpired: () => false,
    isCurrent: () => true,
    stop: vi.fn(),
    restart: vi.fn(),
    expireSession: vi.fn(),
    ...overrides
  } satisfies AccessCheckHost;
}

describe('accessCheckDue', () => {
  it('is due on the 2nd, 4th, 8th, 16th … failure in a row', () => {
    const due = Array.from({ length: 17 }, (_, n) => n).filter(accessCheckDue);
    expect(due).toEqual([2, 4, 8, 16]);
  });
});

describe('noteFailedOpen', () => {
  it('counts failures only while online, and asks on the 2nd', async () => {
    const e = entry();
    const offline = host('forbidden', { online: () => false });
    noteFailedOpen(offline, e);
    expect(e.failedOpens).toBe(0);

    const h = host('forbidden');
    noteFailedOpen(h, e);
    expect(h.checkAccess).not.toHaveBeenCalled();
    noteFailedOpen(h, e);
    expect(e.accessCheckRunning).toBe(true);
    await vi.waitFor(() => expect(h.stop).toHaveBeenCalledWith(e, 'forbidden', null, true));
    expect(e.accessCheckRunning).toBe(false);
  });

  it('ignores the answer when the socket opened meanwhile or the doc is gone', async () => {
    const e = entry();
    e.failedOpens = 1;
    const h = host('not-found');
    noteFailedOpen(h, e);
    e.opened = true;
    await vi.waitFor(() => expect(e.accessCheckRunning).toBe(false));
    expect(h.stop).not.toHaveBeenCalled();

    const gone = host('session-ended', { isCurrent: () => false });
    const e2 = entry();
    e2.failedOpens = 3;
    noteFailedOpen(gone, e2);
    await vi.waitFor(() => expect(e2.accessCheckRunning).toBe(false));
    expect(gone.expireSession).not.toHaveBeenCalled();
  });
});

describe('recheckForbidden', () => {
  it('restarts the doc when access is back', async () => {
    const e = entry();
    e.connection = 'forbidden';
    const h = host('granted');
    recheckForbidden(h, e);
    await vi.waitFor(() => expect(h.restart).toHaveBeenCalledWith(e));
  });

  it('moves the backoff on and re-arms after an answer that says nothing, even a failed fetch', async () => {
    vi.useFakeTimers();
    try {
      const e = entry();
      e.connection = 'forbidden';
      const h = host(new Error('offline'));
      recheckForbidden(h, e);
      await vi.waitFor(() => expect(e.recheck.armed).toBe(true));
      expect(e.recheck.nextDelay).toBe(200);
      expect(h.stop).not.toHaveBeenCalled();
      expect(h.restart).not.toHaveBeenCalled();
      e.recheck.cancel();
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not ask (and disarms) while offline or expired; not at all for a doc that is not forbidden', () => {
    const e = entry();
    e.connection = 'forbidden';
    e.recheck.schedule();
    const h = host('granted', { online: () => false });
    recheckForbidden(h, e);
    expect(h.checkAccess).not.toHaveBeenCalled();
    expect(e.recheck.armed).toBe(false);

    const e2 = entry();
    const h2 = host('granted');
    recheckForbidden(h2, e2);
    expect(h2.checkAccess).not.toHaveBeenCalled();
  });
});
