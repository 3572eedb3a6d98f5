import { describe, expect, it } from 'vitest';
import { prng } from './case-file.ts';
import { bootstrapRatioCi, percentile, summarize } from './stats.ts';

const p99 = (sorted: readonly number[]) => percentile(sorted, 99);

/** `rounds` blocks of `n` samples from `draw`. */
function blocks(rounds: number, n: number, draw: () => number): number[][] {
  return Array.from({ length: rounds }, () => Array.from({ length: n }, draw));
}

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ p50: 3, max: 5, n: 5 });
    expect(percentile([], 50)).toBeNaN();
  });

  it('gives a ratio interval around 1 for two samples of the same distribution', () => {
    const random = prng(7);
    const a = blocks(15, 400, () => random() * 3);
    const b = blocks(15, 400, () => random() * 3);
    const ci = bootstrapRatioCi(a, b, p99, { random: prng(1), iterations: 300 });
    expect(ci.low).toBeLessThan(1);
    expect(ci.high).toBeGreaterThan(1);
  });

  it('gives an interval above 1 when one side is clearly slower', () => {
    const random = prng(9);
    const a = blocks(15, 400, () => 2 + random() * 3);
    const b = blocks(15, 400, () => random() * 3);
    const ci = bootstrapRatioCi(a, b, p99, { random: prng(2), iterations: 300 });
    expect(ci.low).toBeGreaterThan(1.3);
    expect(ci.high).toBeLessThan(1.9);
  });

  it('keeps a round together: one spoiled round widens the interval', () => {
    const random = prng(11);
    const calm = blocks(15, 400, () => random());
    const spoiled = blocks(15, 400, () => random());
    spoiled[3] = spoiled[3]!.map((x) => x * 10);
    const steady = bootstrapRatioCi(
      calm,
      blocks(15, 400, () => random()),
      p99,
      { random: prng(3), iterations: 300 }
    );
    const noisy = bootstrapRatioCi(
      spoiled,
      blocks(15, 400, () => random()),
      p99,
      { random: prng(3), iterations: 300 }
    );
    expect(noisy.high - noisy.low).toBeGreaterThan(steady.high - steady.low);
  });

  it('says nothing without rounds', () => {
    expect(bootstrapRatioCi([], [[1]], p99).low).toBeNaN();
  });
});
