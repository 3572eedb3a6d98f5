/**
 * Scenario 2, pull: a fresh client that knows N doc ids pulls them all.
 *
 * Timeline: start the server → make N docs → read its idle RSS → a seeding client writes N case
 * files (≈ 480 updates, ≈ 45 kB each), waits until the server has them and keeps them open
 * (Hocuspocus without storage forgets a doc when its last client leaves) → a fresh client
 * process opens all N at once; we time it until every doc is complete and count the bytes that
 * came in → read the server's RSS with all N open. For ours, which keeps docs on disk, the pull
 * is repeated after a restart (cold: every doc loads from SQLite).
 */
import type { ChildProcess } from 'node:child_process';
import type { PullRequest, PullResult, SeedRequest, SeedResult } from '../clients/pull-client.ts';
import { nextMessage, spawnClient, stopChild } from './children.ts';
import type { Params } from './params.ts';
import { rssMiB } from './proc-stats.ts';
import { startServer, type RunningServer, type ServerInfo, type StartOptions } from './targets.ts';

export interface PullOutcome {
  server: string;
  /** `warm`: right after seeding, same process; `cold`: after a restart (ours only). */
  variant: 'warm' | 'cold';
  ms: number;
  complete: number;
  docs: number;
  payloadBytes: number;
  wireBytes: number;
  encodedBytes: number;
  messages: number;
  /** (RSS with all N docs open − RSS before the docs were loaded) / N. */
  rssPerDocKiB: number;
  rssOpenMiB: number;
  seedMs: number;
  seedUpdates: number;
}

const SEED_TIMEOUT_MS = 240_000;
const PULL_TIMEOUT_MS = 60_000;
/** Settle time before reading RSS, so the last allocations are resident and counted. */
const RSS_SETTLE_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pullOnce(
  server: RunningServer,
  docIds: string[],
  expected: SeedResult['expected']
): Promise<{ result: PullResult; rssOpenMiB: number }> {
  const child: ChildProcess = await spawnClient('bench/clients/pull-client.ts', `${server.info.label}: pull`);
  try {
    const answer = nextMessage<PullResult>(
      child,
      'pulled',
      PULL_TIMEOUT_MS + 10_000,
      `${server.info.label}: pull`
    );
    const request: PullRequest = {
      type: 'pull',
      spec: server.spec,
      docIds,
      expected,
      timeoutMs: PULL_TIMEOUT_MS
    };
    child.send(request);
    const result = await answer;
    await sleep(RSS_SETTLE_MS);
    const rssOpenMiB = rssMiB(server.child.pid as number);
    if (child.connected) child.send({ type: 'close' });
    return { result, rssOpenMiB };
  } finally {
    await stopChild(child, 2000);
  }
}

export async function runPullScenario(
  info: ServerInfo,
  params: Params,
  options: StartOptions
): Promise<PullOutcome[]> {
  const server = await startServer(info, options);
  try {
    const docIds = await server.createDocs(params.pullDocs);
    await sleep(RSS_SETTLE_MS);
    const idleRssMiB = rssMiB(server.child.pid as number);

    const seeder = await spawnClient('bench/clients/pull-client.ts', `${info.label}: seeding`);
    let seeded: SeedResult;
    try {
      const answer = nextMessage<SeedResult>(seeder, 'seeded', SEED_TIMEOUT_MS, `${info.label}: seeding`);
      const request: SeedRequest = {
        type: 'seed',
        spec: server.spec,
        docIds,
        concurrency: params.seedConcurrency
      };
      seeder.send(request);
      seeded = await answer;
    } catch (error) {
      await stopChild(seeder, 2000);
      throw error;
    }

    const outcome = (
      variant: PullOutcome['variant'],
      result: PullResult,
      rssOpenMiB: number,
      baseMiB: number
    ) => ({
      server: info.name,
      variant,
      ms: result.ms,
      complete: result.complete,
      docs: result.docs,
      payloadBytes: result.payloadBytes,
      wireBytes: result.wireBytes,
      encodedBytes: result.encodedBytes,
      messages: result.messages,
      rssPerDocKiB: ((rssOpenMiB - baseMiB) * 1024) / result.docs,
      rssOpenMiB,
      seedMs: seeded.ms,
      seedUpdates: seeded.updates
    });

    const outcomes: PullOutcome[] = [];
    try {
      const warm = await pullOnce(server, docIds, seeded.expected);
      outcomes.push(outcome('warm', warm.result, warm.rssOpenMiB, idleRssMiB));
    } finally {
      // The seeder held every doc open (Hocuspocus would forget them otherwise); let go now.
      if (seeder.connected) seeder.send({ type: 'close' });
      await stopChild(seeder, 2000);
    }
    if (server.restart) {
      await server.restart();
      await sleep(RSS_SETTLE_MS);
      const restartedRssMiB = rssMiB(server.child.pid as number);
      const cold = await pullOnce(server, docIds, seeded.expected);
      outcomes.push(outcome('cold', cold.result, cold.rssOpenMiB, restartedRssMiB));
    }
    return outcomes;
  } finally {
    await server.stop();
  }
}
