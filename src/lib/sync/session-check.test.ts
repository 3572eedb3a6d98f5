import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionCheck } from './session-check.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SessionCheck', () => {
  it('asks at most once per interval, and reports an ended session', async () => {
    const check = vi.fn(() => Promise.resolve(true));
    const onEnded = vi.fn();
    const s = new SessionCheck(check, 1_000, onEnded);
    s.maybeAsk(true, false);
    await vi.advanceTimersByTimeAsync(999);
    s.maybeAsk(true, false);
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    check.mockResolvedValueOnce(false);
    s.maybeAsk(true, false);
    expect(check).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(onEnded).toHaveBeenCalledTimes(1));
  });

  it('does not ask offline, once expired, or while a question runs; a failed question is forgotten', async () => {
    let answer: (valid: boolean) => void = () => undefined;
    const check = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const onEnded = vi.fn();
    const s = new SessionCheck(check, 0, onEnded);
    s.maybeAsk(false, false);
    s.maybeAsk(true, true);
    expect(check).not.toHaveBeenCalled();

    s.maybeAsk(true, false);
    s.maybeAsk(true, false);
    expect(check).toHaveBeenCalledTimes(1);
    answer(true);
    await vi.advanceTimersByTimeAsync(1);

    check.mockRejectedValueOnce(new Error('network down'));
    s.maybeAsk(true, false);
    await vi.advanceTimersByTimeAsync(1);
    s.maybeAsk(true, false);
    expect(check).toHaveBeenCalledTimes(3);
    expect(onEnded).not.toHaveBeenCalled();
  });

  it('without a check function asks nothing', () => {
    const onEnded = vi.fn();
    new SessionCheck(undefined, 0, onEnded).maybeAsk(true, false);
    expect(onEnded).not.toHaveBeenCalled();
  });
});
