import { describe, expect, it, vi } from 'vitest';
import { checkBrowserSession } from './browser.ts';
import { ManualNetwork, browserNetwork } from './network.ts';

describe('network monitors', () => {
  it('follows the window events and stops after unsubscribe', () => {
    const target = new EventTarget();
    const win = Object.assign(target, { navigator: { onLine: true } }) as unknown as Window;
    const monitor = browserNetwork(win);
    const seen: boolean[] = [];
    const stop = monitor.subscribe((online) => seen.push(online));
    target.dispatchEvent(new Event('offline'));
    target.dispatchEvent(new Event('online'));
    stop();
    target.dispatchEvent(new Event('offline'));
    expect(seen).toEqual([false, true]);
    expect(monitor.online).toBe(true);
  });

  it('calls back each time the page becomes visible, not when it is hidden, until unsubscribed', () => {
    let visibility: DocumentVisibilityState = 'hidden';
    const doc = Object.defineProperty(new EventTarget(), 'visibilityState', { get: () => visibility });
    const win = Object.assign(new EventTarget(), { navigator: { onLine: true }, document: doc });
    const onVisible = vi.fn();
    const stop = browserNetwork(win as unknown as Window).subscribeVisible?.(onVisible);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(onVisible).not.toHaveBeenCalled();
    visibility = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(onVisible).toHaveBeenCalledTimes(1);
    stop?.();
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(onVisible).toHaveBeenCalledTimes(1);
  });

  it('tells listeners only about real changes', () => {
    const net = new ManualNetwork(true);
    const listener = vi.fn();
    net.subscribe(listener);
    net.set(true);
    net.set(false);
    expect(listener).toHaveBeenCalledExactlyOnceWith(false);
  });
});

describe('checkBrowserSession', () => {
  it('says expired only on 401, and rejects when it cannot ask', async () => {
    const answer = (status: number) =>
      vi.fn(async () => new Response(null, { status })) as unknown as typeof fetch;
    await expect(checkBrowserSession(answer(200))).resolves.toBe(true);
    await expect(checkBrowserSession(answer(401))).resolves.toBe(false);
    await expect(checkBrowserSession(answer(503))).resolves.toBe(true);
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(checkBrowserSession(down)).rejects.toThrow('Failed to fetch');
  });
});
