import { describe, expect, it, vi } from 'vitest';
import {
  loadWhenReachable,
  PERIODIC_RETRY_MS,
  type ReachabilityCues,
  type RetryTimers
} from './load-when-reachable.ts';

/** Cues fired by hand; counts its subscribers. */
function manualCues() {
  const listeners = new Set<() => void>();
  const cues: ReachabilityCues = {
    subscribe(cue) {
      listeners.add(cue);
      return () => listeners.delete(cue);
    }
  };
  return { cues, fire: () => [...listeners].forEach((cue) => cue()), listeners };
}

/** Timers fired by hand. */
function manualTimers() {
  const intervals = new Map<number, () => void>();
  let next = 0;
  const timers: RetryTimers = {
    setInterval(callback, ms) {
      expect(ms).toBe(PERIODIC_RETRY_MS);
      intervals.set(++next, callback);
      return next;
    },
    clearInterval(handle) {
      intervals.delete(handle as number);
    }
  };
  return { timers, tick: () => [...intervals.values()].forEach((f) => f()), intervals };
}

/** A load that fails `failures` times, then gives `value`. */
function flakyLoad(failures: number, value = 'editor') {
  let calls = 0;
  const load = vi.fn(() => {
    calls += 1;
    return calls <= failures ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(value);
  });
  return load;
}

describe('loadWhenReachable', () => {
  it('loads at once when it can, subscribing to nothing', async () => {
    const { cues, listeners } = manualCues();
    const { timers, intervals } = manualTimers();
    const loaded = vi.fn();
    const waiting = vi.fn();
    loadWhenReachable(flakyLoad(0), cues, { loaded, waiting }, timers);
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledWith('editor'));
    expect(waiting).not.toHaveBeenCalled();
    expect(listeners.size).toBe(0);
    expect(intervals.size).toBe(0);
  });

  it('after a failure waits for a cue, tries again and stops listening once loaded', async () => {
    const { cues, fire, listeners } = manualCues();
    const { timers, intervals } = manualTimers();
    const load = flakyLoad(2);
    const loaded = vi.fn();
    const waiting = vi.fn();
    loadWhenReachable(load, cues, { loaded, waiting }, timers);
    await vi.waitFor(() => expect(waiting).toHaveBeenCalledTimes(1));
    expect(load).toHaveBeenCalledTimes(1);
    expect(listeners.size).toBe(1);

    fire(); // e.g. `online`, but the network is still flaky
    await vi.waitFor(() => expect(waiting).toHaveBeenCalledTimes(2));
    expect(listeners.size).toBe(1);

    fire(); // e.g. the service worker now controls the page
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledWith('editor'));
    expect(load).toHaveBeenCalledTimes(3);
    expect(listeners.size).toBe(0);
    expect(intervals.size).toBe(0);
  });

  it('tries one load at a time however many cues come', async () => {
    const { cues, fire } = manualCues();
    const { timers } = manualTimers();
    let release: (value: string) => void = () => {};
    let calls = 0;
    const load = vi.fn(() => {
      calls += 1;
      if (calls === 1) return Promise.reject(new TypeError('Failed to fetch'));
      return new Promise<string>((resolve) => (release = resolve));
    });
    const loaded = vi.fn();
    const waiting = vi.fn();
    loadWhenReachable(load, cues, { loaded, waiting }, timers);
    await vi.waitFor(() => expect(waiting).toHaveBeenCalledTimes(1));
    fire();
    fire();
    fire();
    expect(load).toHaveBeenCalledTimes(2);
    release('editor');
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledTimes(1));
  });

  it('tries again periodically without any cue (a Wi-Fi without internet says it is online)', async () => {
    const { cues } = manualCues();
    const { timers, tick, intervals } = manualTimers();
    const loaded = vi.fn();
    loadWhenReachable(flakyLoad(1), cues, { loaded, waiting: () => {} }, timers);
    await vi.waitFor(() => expect(intervals.size).toBe(1));
    tick();
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledWith('editor'));
    expect(intervals.size).toBe(0);
  });

  it('reports nothing and stops trying once cancelled', async () => {
    const { cues, fire, listeners } = manualCues();
    const { timers, intervals } = manualTimers();
    const load = flakyLoad(1);
    const loaded = vi.fn();
    const waiting = vi.fn();
    const cancel = loadWhenReachable(load, cues, { loaded, waiting }, timers);
    await vi.waitFor(() => expect(waiting).toHaveBeenCalledTimes(1));
    cancel();
    expect(listeners.size).toBe(0);
    expect(intervals.size).toBe(0);
    fire();
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1);
    expect(loaded).not.toHaveBeenCalled();
  });

  it('drops the result of a load that ends after cancelling', async () => {
    const { cues } = manualCues();
    const { timers } = manualTimers();
    let release: (value: string) => void = () => {};
    const loaded = vi.fn();
    const cancel = loadWhenReachable(
      () => new Promise<string>((resolve) => (release = resolve)),
      cues,
      { loaded, waiting: () => {} },
      timers
    );
    cancel();
    release('editor');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(loaded).not.toHaveBeenCalled();
  });
});
