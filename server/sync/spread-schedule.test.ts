import { describe, expect, it } from 'vitest';
import { SpreadSchedule, spreadTickMs } from './spread-schedule.ts';

const item = () => ({});

describe('SpreadSchedule', () => {
  it('gives every item one turn per interval, at its own phase', () => {
    const phases = [0.1, 0.5, 0.9];
    let i = 0;
    const schedule = new SpreadSchedule<object>(1000, () => phases[i++]!);
    const items = [item(), item(), item()];
    expect(schedule.due(items, 0)).toEqual([]);
    const turns = new Map<object, number[]>(items.map((x) => [x, []]));
    for (let now = 0; now <= 3000; now += spreadTickMs(1000)) {
      for (const x of schedule.due(items, now)) turns.get(x)!.push(now);
    }
    // Turns at ≈ 100, 500 and 900 ms, then every 1000 ms: three each, never all in the same tick.
    expect(items.map((x) => turns.get(x)!.length)).toEqual([3, 3, 3]);
    const firstTurns = items.map((x) => turns.get(x)![0]!);
    expect(new Set(firstTurns).size).toBe(3);
    for (const x of items) {
      const t = turns.get(x)!;
      expect(t[1]! - t[0]!).toBeGreaterThanOrEqual(1000 - spreadTickMs(1000));
      expect(t[1]! - t[0]!).toBeLessThanOrEqual(1000 + spreadTickMs(1000));
    }
  });

  it('spreads a crowd that arrives at once over the interval', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const schedule = new SpreadSchedule<object>(30_000, random);
    const crowd = Array.from({ length: 300 }, item);
    schedule.due(crowd, 0);
    let largestTick = 0;
    for (let now = 0; now <= 30_000; now += spreadTickMs(30_000)) {
      largestTick = Math.max(largestTick, schedule.due(crowd, now).length);
    }
    // 300 connections over 30 ticks: about 10 a tick; all at once would be 300.
    expect(largestTick).toBeLessThan(30);
  });

  it('does not pile up turns after a late tick', () => {
    const schedule = new SpreadSchedule<object>(100, () => 0);
    const x = item();
    schedule.due([x], 0);
    expect(schedule.due([x], 1000)).toEqual([x]);
    expect(schedule.due([x], 1001)).toEqual([]);
    expect(schedule.due([x], 1000 + spreadTickMs(100))).toEqual([x]);
  });

  it('ticks a thirtieth of the interval, within bounds', () => {
    expect(spreadTickMs(30_000)).toBe(1000);
    expect(spreadTickMs(3_000)).toBe(100);
    expect(spreadTickMs(100)).toBe(20);
    expect(spreadTickMs(3_600_000)).toBe(1000);
  });
});
