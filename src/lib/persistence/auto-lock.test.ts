import { afterEach, describe, expect, it, vi } from 'vitest';
import { AutoLock, DEFAULT_AUTO_LOCK_MS } from './auto-lock.ts';
import type { DeviceStore } from './device-store.ts';
import { openTestDevice, TEST_PASSPHRASE } from './testing.ts';

const opened: DeviceStore[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const d of opened.splice(0)) await d.close();
});

describe('AutoLock', () => {
  it('locks after the inactivity timeout (default 10 minutes), and activity postpones it', async () => {
    expect(DEFAULT_AUTO_LOCK_MS).toBe(600_000);
    const d = await openTestDevice();
    opened.push(d);
    vi.useFakeTimers();
    const autoLock = new AutoLock(d.keyring, { now: () => Date.now() });
    const reasons: string[] = [];
    d.keyring.subscribe((change) => reasons.push(change.reason));

    await vi.advanceTimersByTimeAsync(9 * 60_000);
    autoLock.activity();
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(d.keyring.state).toBe('unlocked');
    await vi.advanceTimersByTimeAsync(60_000 + 1);
    expect(d.keyring.state).toBe('locked');
    expect(reasons).toEqual(['idle']);
    autoLock.dispose();
  });

  it('re-arms after an unlock and honours a changed timeout', async () => {
    const d = await openTestDevice();
    opened.push(d);
    await d.keyring.lock();
    vi.useFakeTimers();
    const autoLock = new AutoLock(d.keyring, { timeoutMs: 60_000, now: () => Date.now() });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(d.keyring.state).toBe('locked');
    vi.useRealTimers();
    await d.keyring.unlock(TEST_PASSPHRASE);
    vi.useFakeTimers();
    autoLock.setTimeoutMs(5_000);
    await vi.advanceTimersByTimeAsync(5_001);
    expect(d.keyring.state).toBe('locked');
    autoLock.dispose();
  });
});
