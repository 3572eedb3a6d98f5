/**
 * Scenario 1, edits: D docs × K clients × R edits per second, on every server.
 *
 * The machine may be shared and busy, so the servers are not measured one after another (a
 * burst of background load would fall on one of them) but **interleaved**: all servers run at
 * once, each with its own client process, and the measured period is cut into short slices in
 * which only one server's clients edit, rotating. Every server thus sees the same background on
 * average.
 *
 * Timeline: start every server → make D docs each → idle memory (after a forced GC) → connect
 * D×K providers per server → warm-up (all edit) → rotating measured slices (each server's CPU
 * over its own slices; RSS sampled) → memory with the docs open (after GC) →
 * stop → wait until every edit arrived everywhere (bounded) → compare every copy with a fresh
 * reader's.
 */
import type { ChildProcess } from 'node:child_process';
import type { EditInit, EditResult } from '../clients/edit-client.ts';
import { nextMessage, spawnClient, stopChild } from './children.ts';
import type { Params } from './params.ts';
import { cpuSeconds, ProcessSampler } from './proc-stats.ts';
import { prng } from './case-file.ts';
import { bootstrapRatioCi, percentile, summarize } from './stats.ts';
import {
  startServer,
  type Memory,
  type RunningServer,
  type ServerInfo,
  type StartOptions
} from './targets.ts';

export interface EditOutcome {
  server: string;
  latency: { p50: number; p95: number; p99: number; max: number; n: number };
  /**
   * The p99 of each measured slice, and their median: a burst of background load spoils one
   * slice's p99 but barely moves the median, so this is the steadier comparison on a busy box.
   */
  sliceP99: number[];
  medianSliceP99: number;
  /**
   * 95 % interval of this server's p99 / the reference's, by drawing whole measured rounds with
   * replacement (stats.ts, bootstrapRatioCi); absent for the reference itself.
   */
  p99RatioCi?: { low: number; high: number };
  /** Server CPU in its own slices (until their edits drained), as % of one core. */
  cpuPercent: number;
  cpuSeconds: number;
  activeSeconds: number;
  idle: Memory;
  open: Memory;
  peakRssMiB: number;
  /** (RSS with the D docs and their D×K connections open − idle RSS) / D, both after a GC. */
  rssPerDocKiB: number;
  heapPerDocKiB: number;
  sent: number;
  sentMeasured: number;
  lost: number;
  divergent: number;
  docs: number;
  settleMs: number;
  connectMs: number;
}

interface Active {
  info: ServerInfo;
  server: RunningServer;
  clients: ChildProcess[];
  idle: Memory;
  connectMs: number;
  /** CPU seconds used in its own slices (from the slice start until its edits drained). */
  cpu: number;
  activeMs: number;
  sampler?: ProcessSampler;
}

const CONNECT_TIMEOUT_MS = 60_000;
const SYNC_TIMEOUT_MS = 20_000;
/** After the clients pause, let the last edits drain before the next server's slice starts. */
const DRAIN_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function broadcast(active: Active, message: object): void {
  for (const child of active.clients) if (child.connected) child.send(message);
}

async function prepare(info: ServerInfo, params: Params, options: StartOptions): Promise<Active> {
  const server = await startServer(info, options);
  const clients: ChildProcess[] = [];
  try {
    const docIds = await server.createDocs(params.docs);
    const idle = await server.memory();
    const processes = Math.min(params.clientProcesses, docIds.length);
    for (let p = 0; p < processes; p++)
      clients.push(await spawnClient('bench/clients/edit-client.ts', info.label));
    const ready = clients.map((child, p) => {
      const init: EditInit = {
        type: 'init',
        spec: server.spec,
        docIds: docIds.filter((_, i) => i % processes === p),
        clientsPerDoc: params.clientsPerDoc,
        editsPerSecond: params.editsPerSecond,
        graceMs: params.graceMs,
        syncTimeoutMs: SYNC_TIMEOUT_MS
      };
      const answer = nextMessage<{ type: 'ready'; connectMs: number }>(
        child,
        'ready',
        CONNECT_TIMEOUT_MS,
        `${info.label}: connecting the edit clients`
      );
      child.send(init);
      return answer;
    });
    const connectMs = Math.max(...(await Promise.all(ready)).map((r) => r.connectMs));
    return { info, server, clients, idle, connectMs, cpu: 0, activeMs: 0 };
  } catch (error) {
    await Promise.all(clients.map((child) => stopChild(child, 2000)));
    await server.stop();
    throw error;
  }
}

/**
 * Runs the edit scenario on all servers at once. A server that cannot start or connect is
 * reported through `onError` and left out; the others carry on.
 */
export async function runEditScenario(
  infos: readonly ServerInfo[],
  params: Params,
  options: StartOptions,
  onError: (info: ServerInfo, error: unknown) => void,
  log: (message: string) => void
): Promise<EditOutcome[]> {
  const actives: Active[] = [];
  try {
    // Set up at once: nothing is measured yet, and it saves a third of the waiting.
    await Promise.all(
      infos.map(async (info) => {
        try {
          actives.push(await prepare(info, params, options));
          log(`  ${info.label}: ${params.docs} docs × ${params.clientsPerDoc} clients connected`);
        } catch (error) {
          onError(info, error);
        }
      })
    );
    actives.sort((a, b) => infos.indexOf(a.info) - infos.indexOf(b.info));
    if (actives.length === 0) return [];

    for (const a of actives) broadcast(a, { type: 'phase', phase: 'warmup' });
    await sleep(params.warmupSeconds * 1000);
    for (const a of actives) broadcast(a, { type: 'phase', phase: 'pause' });
    await sleep(DRAIN_MS * 5);

    const sliceMs = params.sliceSeconds * 1000;
    const slices = Math.max(1, Math.round((params.measureSeconds * 1000) / sliceMs));
    log(`  measuring: ${slices} slices of ${params.sliceSeconds} s per server, rotating`);
    for (const a of actives) await a.server.startProfile();
    for (const a of actives) a.sampler = new ProcessSampler(a.server.child.pid as number);
    for (let k = 0; k < slices; k++) {
      for (let j = 0; j < actives.length; j++) {
        // Rotate the order each round, so no server always follows the same one.
        const a = actives[(j + k) % actives.length] as Active;
        const pid = a.server.child.pid as number;
        const cpuBefore = cpuSeconds(pid);
        broadcast(a, { type: 'phase', phase: 'measure', slice: k + 1 });
        await sleep(sliceMs);
        broadcast(a, { type: 'phase', phase: 'pause' });
        a.activeMs += sliceMs;
        await sleep(DRAIN_MS);
        a.cpu += cpuSeconds(pid) - cpuBefore;
      }
    }
    await sleep(DRAIN_MS * 5);

    /** Each server's latencies per measured round (slice k of every server ran in round k). */
    const rounds = new Map<string, number[][]>();
    const measured = [];
    for (const a of actives) {
      const cpu = a.cpu;
      await a.server.stopProfile('edits');
      const window = a.sampler?.window();
      a.sampler?.stop();
      const open = await a.server.memory();
      measured.push({ a, cpu, peakRssMiB: window?.peakRssMiB ?? Number.NaN, open });
    }

    const outcomes = await Promise.all(
      measured.map(async ({ a, cpu, peakRssMiB, open }): Promise<EditOutcome | undefined> => {
        let results: EditResult[];
        try {
          results = await Promise.all(
            a.clients.map((child) => {
              const answer = nextMessage<EditResult>(
                child,
                'result',
                params.graceMs + SYNC_TIMEOUT_MS + 30_000,
                `${a.info.label}: the edit clients' results`
              );
              child.send({ type: 'stop' });
              return answer;
            })
          );
        } catch (error) {
          onError(a.info, error);
          return undefined;
        }
        const bySlice = new Map<number, number[]>();
        for (const r of results) {
          r.latencies.forEach((ms, i) => {
            const k = r.slices[i] as number;
            const list = bySlice.get(k) ?? [];
            list.push(ms);
            bySlice.set(k, list);
          });
        }
        rounds.set(
          a.info.name,
          Array.from({ length: slices }, (_, k) => bySlice.get(k + 1) ?? [])
        );
        const sliceP99 = [...bySlice.entries()]
          .sort((x, y) => x[0] - y[0])
          .map(([, ms]) => summarize(ms).p99);
        const outcome: EditOutcome = {
          server: a.info.name,
          latency: summarize(results.flatMap((r) => r.latencies)),
          sliceP99,
          medianSliceP99: summarize(sliceP99).p50,
          cpuPercent: (100 * cpu) / (a.activeMs / 1000),
          cpuSeconds: cpu,
          activeSeconds: a.activeMs / 1000,
          idle: a.idle,
          open,
          peakRssMiB,
          rssPerDocKiB: ((open.rssMiB - a.idle.rssMiB) * 1024) / params.docs,
          heapPerDocKiB: ((open.heapMiB - a.idle.heapMiB) * 1024) / params.docs,
          sent: results.reduce((s, r) => s + r.sent, 0),
          sentMeasured: results.reduce((s, r) => s + r.sentMeasured, 0),
          lost: results.reduce((s, r) => s + r.lost, 0),
          divergent: results.reduce((s, r) => s + r.divergent, 0),
          docs: results.reduce((s, r) => s + r.docs, 0),
          settleMs: Math.max(...results.map((r) => r.settleMs)),
          connectMs: a.connectMs
        };
        return outcome;
      })
    );
    const reference = rounds.get('reference');
    for (const o of outcomes) {
      const own = rounds.get(o?.server ?? '');
      if (!o || o.server === 'reference' || !reference || !own) continue;
      // Seeded: the same results give the same interval.
      o.p99RatioCi = bootstrapRatioCi(own, reference, (sorted) => percentile(sorted, 99), {
        random: prng(1)
      });
    }
    return outcomes.filter((o) => o !== undefined);
  } finally {
    for (const a of actives) {
      a.sampler?.stop();
      await Promise.all(a.clients.map((child) => stopChild(child, 2000)));
      await a.server.stop();
    }
  }
}
