/**
 * Scenario 1, edits: D docs × K clients × R edits per second against one server process.
 *
 * Timeline: start the server → make D docs → read its idle RSS → connect D×K providers (client
 * processes) → warm-up → measured window (server CPU and RSS sampled) → stop editing → wait
 * until every edit arrived everywhere (bounded) → compare every copy with a fresh reader's.
 */
import type { ChildProcess } from 'node:child_process';
import type { EditInit, EditResult } from '../clients/edit-client.ts';
import { nextMessage, spawnClient, stopChild } from './children.ts';
import type { Params } from './params.ts';
import { ProcessSampler, rssMiB } from './proc-stats.ts';
import { summarize } from './stats.ts';
import { startServer, type ServerInfo, type StartOptions } from './targets.ts';

export interface EditOutcome {
  server: string;
  latency: { p50: number; p95: number; p99: number; max: number; n: number };
  cpuPercent: number;
  cpuSeconds: number;
  idleRssMiB: number;
  peakRssMiB: number;
  /** (RSS at the end of the window − idle RSS) / D: one doc with its K connections. */
  rssPerDocKiB: number;
  sent: number;
  sentMeasured: number;
  lost: number;
  divergent: number;
  docs: number;
  settleMs: number;
  connectMs: number;
}

const CONNECT_TIMEOUT_MS = 60_000;
const SYNC_TIMEOUT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runEditScenario(
  info: ServerInfo,
  params: Params,
  options: StartOptions
): Promise<EditOutcome> {
  const server = await startServer(info, options);
  const clients: ChildProcess[] = [];
  try {
    const pid = server.child.pid as number;
    const docIds = await server.createDocs(params.docs);
    await sleep(500);
    const idleRssMiB = rssMiB(pid);
    const sampler = new ProcessSampler(pid);

    const processes = Math.min(params.clientProcesses, docIds.length);
    for (let p = 0; p < processes; p++) {
      clients.push(await spawnClient('bench/clients/edit-client.ts', info.label));
    }
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

    for (const child of clients) child.send({ type: 'phase', phase: 'warmup' });
    await sleep(params.warmupSeconds * 1000);
    sampler.mark();
    for (const child of clients) child.send({ type: 'phase', phase: 'measure' });
    await sleep(params.measureSeconds * 1000);
    const window = sampler.window();
    sampler.stop();

    const results = await Promise.all(
      clients.map((child) => {
        const answer = nextMessage<EditResult>(
          child,
          'result',
          params.graceMs + SYNC_TIMEOUT_MS + 30_000,
          `${info.label}: the edit clients' results`
        );
        child.send({ type: 'stop' });
        return answer;
      })
    );
    const latencies = results.flatMap((r) => r.latencies);
    return {
      server: info.name,
      latency: summarize(latencies),
      cpuPercent: window.cpuPercent,
      cpuSeconds: window.cpuSeconds,
      idleRssMiB,
      peakRssMiB: window.peakRssMiB,
      rssPerDocKiB: ((window.rssMiB - idleRssMiB) * 1024) / params.docs,
      sent: results.reduce((s, r) => s + r.sent, 0),
      sentMeasured: results.reduce((s, r) => s + r.sentMeasured, 0),
      lost: results.reduce((s, r) => s + r.lost, 0),
      divergent: results.reduce((s, r) => s + r.divergent, 0),
      docs: results.reduce((s, r) => s + r.docs, 0),
      settleMs: Math.max(...results.map((r) => r.settleMs)),
      connectMs
    };
  } finally {
    await Promise.all(clients.map((child) => stopChild(child, 2000)));
    await server.stop();
  }
}
