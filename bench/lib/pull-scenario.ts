/**
 * Scenario 2, pull: a fresh client that knows N doc ids pulls them all.
 *
 * Timeline: start every server → make N docs each → idle memory (after a forced GC) → a seeding
 * client per server writes the N case files (≈ 480 updates, ≈ 45 kB each), waits until the
 * server has them, and keeps them open (Hocuspocus without storage forgets a doc when its last
 * client leaves) → memory with the N docs open → pulls: a pull client per server opens all N at
 * once with nothing local, timed until every doc holds the complete state, bytes counted; one
 * uncounted warm-up pull, then repetitions with the servers rotating, median reported → for
 * ours, which keeps docs on disk: pulls after the rooms left memory (a warm process loads them
 * from SQLite), and after restarts (a new process loads them).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PullRequest, PullResult, SeedRequest, SeedResult } from '../clients/pull-client.ts';
import { writeCaseFiles } from './case-file-io.ts';
import { nextMessage, spawnClient, stopChild } from './children.ts';
import { cpuSeconds } from './proc-stats.ts';
import type { Params } from './params.ts';
import { summarize } from './stats.ts';
import {
  startServer,
  type Memory,
  type RunningServer,
  type ServerInfo,
  type StartOptions
} from './targets.ts';

export interface PullOutcome {
  server: string;
  /**
   * Where the docs come from: `memory` (loaded, the seeding client holds them open), `evicted`
   * (ours: the rooms left memory, loaded from SQLite by a warm process), `restarted` (ours: a
   * new process loads them from SQLite).
   */
  variant: 'memory' | 'evicted' | 'restarted';
  /** Median time to all synced, and every repetition's. */
  ms: number;
  runs: number[];
  /**
   * Median CPU time the server process spent on one pull. Unlike wall time it barely depends
   * on what else the machine is doing, so it is the steadier comparison on a busy machine.
   */
  serverCpuMs: number;
  /** The fewest docs complete in any repetition. */
  complete: number;
  docs: number;
  payloadBytes: number;
  wireBytes: number;
  encodedBytes: number;
  messages: number;
  idle: Memory;
  open: Memory;
  /** (memory with the N docs open, one connection each − idle) / N, both after a GC. */
  rssPerDocKiB: number;
  heapPerDocKiB: number;
  /**
   * The "memory" variant only: what one more open doc costs, (memory with N docs − with N/2) /
   * (N − N/2), both seeded the same way and read after a GC. Unlike the average above it leaves
   * out what a server pays once, whatever the number of docs: code paged in by the first writes,
   * a database page cache filling up to its bound.
   */
  marginalRssPerDocKiB?: number;
  marginalHeapPerDocKiB?: number;
  seedMs: number;
  seedMessages: number;
}

const SEED_TIMEOUT_MS = 240_000;
const PULL_TIMEOUT_MS = 30_000;

interface Seeded {
  info: ServerInfo;
  server: RunningServer;
  docIds: string[];
  seeder: ChildProcess;
  puller: ChildProcess;
  seed: SeedResult;
  idle: Memory;
  /** Memory with the first `halfDocs` docs seeded and open. */
  half: Memory;
  halfDocs: number;
  open: Memory;
  pulls: Pulled[];
}

/** A pull as the client saw it, with the server's CPU time for it. */
type Pulled = PullResult & { serverCpuMs: number };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One pull; with `whileOpen`, called with all N docs still open on the client. */
async function pullOnce(s: Seeded, whileOpen?: () => Promise<void>): Promise<Pulled> {
  const what = `${s.info.label}: pull`;
  const answer = nextMessage<PullResult>(s.puller, 'pulled', PULL_TIMEOUT_MS + 10_000, what);
  const request: PullRequest = {
    type: 'pull',
    spec: s.server.spec,
    docIds: s.docIds,
    expected: s.seed.expected,
    timeoutMs: PULL_TIMEOUT_MS
  };
  const pid = s.server.child.pid as number;
  const cpuBefore = cpuSeconds(pid);
  s.puller.send(request);
  const result = { ...(await answer), serverCpuMs: 0 };
  result.serverCpuMs = (cpuSeconds(pid) - cpuBefore) * 1000;
  await whileOpen?.();
  const released = nextMessage(s.puller, 'released', 10_000, what);
  s.puller.send({ type: 'release' });
  await released;
  if (result.complete < result.docs) {
    throw new Error(
      `${what}: only ${result.complete} of ${result.docs} docs complete after ${PULL_TIMEOUT_MS} ms`
    );
  }
  return result;
}

async function seed(
  info: ServerInfo,
  params: Params,
  options: StartOptions,
  caseFiles: string
): Promise<Seeded> {
  const server = await startServer(info, options);
  const children: ChildProcess[] = [];
  try {
    const docIds = await server.createDocs(params.pullDocs);
    const idle = await server.memory();
    const seeder = await spawnClient('bench/clients/pull-client.ts', `${info.label}: seeding`);
    children.push(seeder);
    // In two halves, with memory read between, so that what one more open doc costs can be told
    // from what the server pays once (see PullOutcome.marginalRssPerDocKiB).
    const halfDocs = Math.floor(docIds.length / 2);
    const seedPart = async (offset: number, ids: string[]): Promise<SeedResult> => {
      const answer = nextMessage<SeedResult>(seeder, 'seeded', SEED_TIMEOUT_MS, `${info.label}: seeding`);
      const request: SeedRequest = {
        type: 'seed',
        spec: server.spec,
        docIds: ids,
        offset,
        concurrency: params.seedConcurrency,
        // The same writes for every server: a case file's ≈ 480 updates, one per message. (Ours
        // needs them for a log that holds the rows a real case file's would; the in-memory
        // servers would hold the same doc from one merged update, but then their memory after
        // seeding would miss what 48 000 messages leave behind and ours would not.)
        granularity: 'updates',
        caseFiles
      };
      seeder.send(request);
      return answer;
    };
    const first = await seedPart(0, docIds.slice(0, halfDocs));
    const half = await server.memory();
    const second = await seedPart(halfDocs, docIds.slice(halfDocs));
    const result: SeedResult = {
      type: 'seeded',
      ms: first.ms + second.ms,
      messages: first.messages + second.messages,
      expected: [...first.expected, ...second.expected]
    };
    const open = await server.memory();
    const puller = await spawnClient('bench/clients/pull-client.ts', `${info.label}: pull`);
    children.push(puller);
    return { info, server, docIds, seeder, puller, seed: result, idle, half, halfDocs, open, pulls: [] };
  } catch (error) {
    await Promise.all(children.map((child) => stopChild(child, 2000)));
    await server.stop();
    throw error;
  }
}

function outcome(
  s: Seeded,
  variant: PullOutcome['variant'],
  pulls: Pulled[],
  idle: Memory,
  open: Memory
): PullOutcome {
  const first = pulls[0] as Pulled;
  const docs = first.docs;
  return {
    server: s.info.name,
    variant,
    ms: summarize(pulls.map((p) => p.ms)).p50,
    runs: pulls.map((p) => p.ms),
    serverCpuMs: summarize(pulls.map((p) => p.serverCpuMs)).p50,
    complete: Math.min(...pulls.map((p) => p.complete)),
    docs,
    payloadBytes: first.payloadBytes,
    wireBytes: first.wireBytes,
    encodedBytes: first.encodedBytes,
    messages: first.messages,
    idle,
    open,
    rssPerDocKiB: ((open.rssMiB - idle.rssMiB) * 1024) / docs,
    heapPerDocKiB: ((open.heapMiB - idle.heapMiB) * 1024) / docs,
    ...(variant === 'memory'
      ? {
          marginalRssPerDocKiB: ((s.open.rssMiB - s.half.rssMiB) * 1024) / (docs - s.halfDocs),
          marginalHeapPerDocKiB: ((s.open.heapMiB - s.half.heapMiB) * 1024) / (docs - s.halfDocs)
        }
      : {}),
    seedMs: s.seed.ms,
    seedMessages: s.seed.messages
  };
}

/**
 * Pulls `repeats` times, each after `before()`; memory is read around the first pull: idle
 * before it, and with its N docs open (one connection each).
 */
async function pullSeries(
  s: Seeded,
  variant: PullOutcome['variant'],
  repeats: number,
  before: () => Promise<void>
): Promise<PullOutcome> {
  const pulls: Pulled[] = [];
  let idle: Memory | undefined;
  let open: Memory | undefined;
  for (let r = 0; r < repeats; r++) {
    await before();
    const idleNow = await s.server.memory();
    if (r === 0) await s.server.startProfile();
    const result = await pullOnce(s, async () => {
      if (open) return;
      await s.server.stopProfile(`pull-${variant}`);
      idle = idleNow;
      open = await s.server.memory();
    });
    pulls.push(result);
  }
  return outcome(s, variant, pulls, idle as Memory, open as Memory);
}

/**
 * Runs the pull scenario on all servers. A server that fails is reported through `onError` and
 * left out; the others carry on.
 */
export async function runPullScenario(
  infos: readonly ServerInfo[],
  params: Params,
  options: StartOptions,
  onError: (info: ServerInfo, error: unknown) => void,
  log: (message: string) => void
): Promise<PullOutcome[]> {
  const seeded: Seeded[] = [];
  const outcomes: PullOutcome[] = [];
  // Build the case files once for all seeders (it is CPU work that a busy machine makes slow).
  const caseFiles = path.join(os.tmpdir(), `rinnalla-bench-case-files-${process.pid}.bin`);
  writeCaseFiles(caseFiles, params.pullDocs);
  try {
    // Seed all servers at once: nothing is measured yet (the seeding times are not compared).
    await Promise.all(
      infos.map(async (info) => {
        try {
          const s = await seed(info, params, options, caseFiles);
          seeded.push(s);
          log(
            `  ${info.label}: seeded ${s.docIds.length} case files (${s.seed.messages} messages) in ${(s.seed.ms / 1000).toFixed(1)} s`
          );
        } catch (error) {
          onError(info, error);
        }
      })
    );
    seeded.sort((a, b) => infos.indexOf(a.info) - infos.indexOf(b.info));

    const failed = new Set<Seeded>();
    for (const s of seeded) await s.server.startProfile();
    // Round -1 is the uncounted warm-up: the first pull pays for JIT-compiling the paths that
    // serve a big doc, which a long-running server has long done.
    for (let r = -1; r < params.pullRepeats; r++) {
      // Rotate the order each round, so no server always follows the same one.
      for (let j = 0; j < seeded.length; j++) {
        const s = seeded[(j + Math.max(r, 0)) % seeded.length] as Seeded;
        if (failed.has(s)) continue;
        try {
          const result = await pullOnce(s);
          if (r >= 0) s.pulls.push(result);
        } catch (error) {
          onError(s.info, error);
          failed.add(s);
        }
      }
    }
    for (const s of seeded) {
      await s.server.stopProfile('pull-memory');
      if (!failed.has(s)) outcomes.push(outcome(s, 'memory', s.pulls, s.idle, s.open));
    }
    log(`  pulled from memory, ${params.pullRepeats} times each`);

    // Only a server that keeps docs on disk can serve them after they leave memory.
    for (const s of seeded) {
      const { evictAfterMs, restart } = s.server;
      if (evictAfterMs === undefined || !restart || failed.has(s)) continue;
      if (s.seeder.connected) s.seeder.send({ type: 'close' });
      await stopChild(s.seeder, 2000);
      try {
        // Evicted: the rooms left memory after their last client; the process is warm.
        const repeats = Math.ceil(params.pullRepeats / 2);
        outcomes.push(await pullSeries(s, 'evicted', repeats, () => sleep(evictAfterMs)));
        log(`  ${s.info.label}: pulled after the rooms left memory`);
        // Restarted: a new process loads every doc from disk.
        outcomes.push(await pullSeries(s, 'restarted', repeats, restart));
        log(`  ${s.info.label}: pulled after restarts`);
      } catch (error) {
        onError(s.info, error);
      }
    }
    return outcomes;
  } finally {
    fs.rmSync(caseFiles, { force: true });
    for (const s of seeded) {
      for (const child of [s.seeder, s.puller]) if (child.connected) child.send({ type: 'close' });
      await Promise.all([stopChild(s.seeder, 2000), stopChild(s.puller, 2000)]);
      await s.server.stop();
    }
  }
}
