import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FORBIDDEN_RECHECK_MS } from './doc-registry-options.ts';
import { ForbiddenRecheck } from './forbidden-recheck.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ForbiddenRecheck', () => {
  it('defaults to 5 s, 15 s, 60 s, then 5 min', () => {
    expect(FORBIDDEN_RECHECK_MS).toEqual([5_000, 15_000, 60_000, 300_000]);
  });

  it('fires once after the delay of its step, disarmed when it fires', () => {
    const onDue = vi.fn();
    const r = new ForbiddenRecheck([100, 200], () => onDue(r.armed));
    r.schedule();
    expect(r.armed).toBe(true);
    vi.advanceTimersByTime(99);
    expect(onDue).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onDue).toHaveBeenCalledExactlyOnceWith(false);
    expect(r.armed).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(onDue).toHaveBeenCalledTimes(1);
  });

  it('walks the steps on advance(), repeats the last, and starts over on reset()', () => {
    const r = new ForbiddenRecheck([100, 200, 300], () => undefined);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      seen.push(r.nextDelay);
      r.advance();
    }
    expect(seen).toEqual([100, 200, 300, 300, 300]);
    r.reset();
    expect(r.nextDelay).toBe(100);
  });

  it('keeps at most one timer: schedule() replaces, cancel() disarms and keeps the step', () => {
    const onDue = vi.fn();
    const r = new ForbiddenRecheck([100, 200], onDue);
    r.schedule();
    vi.advanceTimersByTime(50);
    r.advance();
    r.schedule();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(199);
    expect(onDue).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onDue).toHaveBeenCalledTimes(1);

    r.schedule();
    r.cancel();
    expect(r.armed).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    expect(r.nextDelay).toBe(200);
    r.cancel();
    expect(r.armed).toBe(false);
  });
});
