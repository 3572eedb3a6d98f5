/**
 * Benchmark parameters, from the environment. `BENCH_QUICK=1` gives a short run (≤ 1 min) for
 * checking the harness; the defaults are the full run (≤ ~3 min) whose numbers go in the docs.
 */
import type { ServerName } from './targets.ts';

export interface Params {
  quick: boolean;
  /** Which scenarios run (BENCH_SCENARIOS=edits,pull). */
  scenarios: ('edits' | 'pull')[];
  servers: ServerName[];
  /** Edit scenario: docs, clients per doc, edits per second per client. */
  docs: number;
  clientsPerDoc: number;
  editsPerSecond: number;
  /**
   * Edits before the measurement. 10 s (≈ 1 200 edits per server): with the 3 s used before, the
   * first slices still caught the servers' code before V8 had optimised it, and the p99 of all
   * three servers came mostly from those (an arrival-time dump of the slow edits showed them
   * bunched in the first slices).
   */
  warmupSeconds: number;
  /** Measured seconds per server, cut into slices that rotate between the servers. */
  measureSeconds: number;
  sliceSeconds: number;
  /** How long after the last edit every edit must have arrived everywhere. */
  graceMs: number;
  /** Client processes for the edit scenario (all clients of a doc share a process). */
  clientProcesses: number;
  /** Pull scenario: number of case files, and how many are seeded at once. */
  pullDocs: number;
  seedConcurrency: number;
  /** Pulls per server (fresh client each time, servers rotating); the median is reported. */
  pullRepeats: number;
  /** Write CPU profiles of the servers over the measured parts (bench/results/profiles-*). */
  cpuProfile: boolean;
  /** Write docs/benchmarks.md (default: full runs only). */
  writeDocs: boolean;
  /** Run bench/device-store if it exists. */
  deviceStore: boolean;
  /** The compaction benchmark (bench/compaction/run.ts; BENCH_COMPACTION=0 leaves it out). */
  compaction: boolean;
  /** Our server's entry point, when not server/main.ts (a patched copy, for experiments). */
  oursEntry: string | undefined;
  /** Extra environment for our server, from BENCH_OURS_ENV="NAME=value NAME=value". */
  oursEnv: Record<string, string>;
}

export class ParamError extends Error {
  readonly code = 'bench_param_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ParamError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ParamError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  return ['1', 'true', 'yes', 'on'].includes(raw);
}

function pairs(env: Env, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (env[name] ?? '').split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new ParamError(`${name} takes NAME=value pairs separated by spaces; got "${pair}".`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

const ALL_SERVERS: ServerName[] = ['ours', 'reference', 'hocuspocus'];

/** Reads the parameters; throws {@link ParamError} on a bad value. */
export function readParams(env: Env = process.env): Params {
  const quick = flag(env, 'BENCH_QUICK', false);
  const servers = (env.BENCH_SERVERS?.trim() || ALL_SERVERS.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of servers) {
    if (!ALL_SERVERS.includes(s as ServerName)) {
      throw new ParamError(`BENCH_SERVERS lists "${s}"; choose from ${ALL_SERVERS.join(', ')}.`);
    }
  }
  const scenarios = (env.BENCH_SCENARIOS?.trim() || 'edits,pull').split(',').map((s) => s.trim());
  for (const s of scenarios) {
    if (s !== 'edits' && s !== 'pull')
      throw new ParamError(`BENCH_SCENARIOS lists "${s}"; choose from edits, pull.`);
  }
  return {
    quick,
    scenarios: scenarios as Params['scenarios'],
    servers: servers as ServerName[],
    docs: int(env, 'BENCH_DOCS', quick ? 10 : 20, 1, 2000),
    clientsPerDoc: int(env, 'BENCH_CLIENTS', 3, 2, 50),
    editsPerSecond: int(env, 'BENCH_RATE', 2, 1, 100),
    warmupSeconds: int(env, 'BENCH_WARMUP', quick ? 1 : 10, 0, 600),
    measureSeconds: int(env, 'BENCH_SECONDS', quick ? 4 : 30, 1, 3600),
    sliceSeconds: int(env, 'BENCH_SLICE', 2, 1, 60),
    graceMs: int(env, 'BENCH_GRACE_MS', 5000, 100, 600_000),
    clientProcesses: int(env, 'BENCH_CLIENT_PROCS', 1, 1, 16),
    pullDocs: int(env, 'BENCH_PULL_DOCS', quick ? 20 : 100, 1, 10_000),
    seedConcurrency: int(env, 'BENCH_SEED_CONCURRENCY', 10, 1, 1000),
    pullRepeats: int(env, 'BENCH_PULL_REPEATS', quick ? 2 : 5, 1, 50),
    cpuProfile: flag(env, 'BENCH_CPU_PROF', false),
    writeDocs: flag(env, 'BENCH_WRITE_DOCS', !quick),
    deviceStore: flag(env, 'BENCH_DEVICE_STORE', true),
    compaction: flag(env, 'BENCH_COMPACTION', true),
    oursEntry: env.BENCH_OURS_ENTRY?.trim() || undefined,
    oursEnv: pairs(env, 'BENCH_OURS_ENV')
  };
}
