/** Small statistics helpers for the benchmark. */

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** p50/p95/p99/max of unsorted samples. */
export function summarize(samples: readonly number[]): {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
    n: sorted.length
  };
}

/**
 * A percentile-bootstrap confidence interval for `stat(a) / stat(b)`, where `a` and `b` are
 * samples in paired blocks: block k of each was measured in the same round, under the same
 * background load. Whole rounds are drawn with replacement, so what a round shares (a burst of
 * load that spoils every latency of a slice) stays together, and a server is never compared
 * with another's luckier round.
 */
export function bootstrapRatioCi(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  stat: (sorted: readonly number[]) => number,
  options: { iterations?: number; level?: number; random?: () => number } = {}
): { low: number; high: number } {
  const rounds = Math.min(a.length, b.length);
  if (rounds === 0) return { low: Number.NaN, high: Number.NaN };
  const iterations = options.iterations ?? 1000;
  const level = options.level ?? 0.95;
  const random = options.random ?? Math.random;
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const drawnA: number[] = [];
    const drawnB: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const k = Math.floor(random() * rounds);
      drawnA.push(...(a[k] as readonly number[]));
      drawnB.push(...(b[k] as readonly number[]));
    }
    drawnA.sort((x, y) => x - y);
    drawnB.sort((x, y) => x - y);
    ratios.push(stat(drawnA) / stat(drawnB));
  }
  ratios.sort((x, y) => x - y);
  const tail = ((1 - level) / 2) * 100;
  return { low: percentile(ratios, tail), high: percentile(ratios, 100 - tail) };
}
