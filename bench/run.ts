/**
 * `npm run bench`: our sync server against `@y/websocket-server` (in memory) and Hocuspocus (in
 * memory) on the same workloads, in one run, each server in its own process. See
 * docs/benchmarks.md for what is measured and how to read it.
 *
 * Parameters come from the environment (bench/lib/params.ts lists them all; docs/benchmarks.md
 * explains them): BENCH_QUICK=1 for a short run, BENCH_SERVERS and BENCH_SCENARIOS to run part
 * of it, BENCH_CPU_PROF=1 for CPU profiles of the servers over the measured parts, and
 * BENCH_OURS_ENTRY / BENCH_OURS_ENV to try a patched copy or other settings of our server.
 *
 * Output: the tables on stdout, bench/results/<timestamp>.json, and (full runs) the generated
 * part of docs/benchmarks.md. Traffic stays on 127.0.0.1; every phase has a timeout; every child
 * process is killed at the end, also on errors and signals.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { killAllChildren, ROOT, withTimeout } from './lib/children.ts';
import { run as runCompaction } from './compaction/run.ts';
import { runEditScenario, type EditOutcome } from './lib/edit-scenario.ts';
import { readParams } from './lib/params.ts';
import { runPullScenario, type PullOutcome } from './lib/pull-scenario.ts';
import { evaluateTargets, machine, renderReport, updateDocs, type BenchResults } from './lib/report.ts';
import { SERVERS, type ServerInfo, type StartOptions } from './lib/targets.ts';

/** The whole run is abandoned after this long, whatever is still running. */
const RUN_TIMEOUT_MS = 15 * 60_000;
const EDIT_TIMEOUT_MS = 6 * 60_000;
const PULL_TIMEOUT_MS = 8 * 60_000;
const DEVICE_STORE_TIMEOUT_MS = 5 * 60_000;
const COMPACTION_TIMEOUT_MS = 2 * 60_000;

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function deviceStoreSection(): Promise<string | undefined> {
  const file = path.join(ROOT, 'bench/device-store/run.ts');
  if (!fs.existsSync(file)) return undefined;
  log('device store benchmark (bench/device-store/run.ts)');
  const module = (await import(pathToFileURL(file).href)) as { run?: () => Promise<string> };
  if (typeof module.run !== 'function') throw new Error('bench/device-store/run.ts does not export run()');
  return withTimeout(module.run(), DEVICE_STORE_TIMEOUT_MS, 'the device store benchmark');
}

async function main(): Promise<void> {
  const params = readParams();
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const resultsDir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const profileDir = path.join(resultsDir, `profiles-${stamp}`);
  const options: StartOptions = {
    profileDir: params.cpuProfile ? profileDir : undefined,
    oursEntry: params.oursEntry,
    oursEnv: params.oursEnv
  };
  const servers: ServerInfo[] = SERVERS.filter((s) => params.servers.includes(s.name));
  const edit: EditOutcome[] = [];
  const pull: PullOutcome[] = [];
  const errors: BenchResults['errors'] = [];

  const loadStart = os.loadavg()[0] ?? 0;
  const onError = (scenario: string) => (info: ServerInfo, error: unknown) => {
    log(`${scenario} on ${info.label} failed: ${describe(error)}`);
    errors.push({ server: info.name, scenario, error: describe(error) });
  };

  if (params.scenarios.includes('edits')) {
    log(`edits: ${params.docs} docs × ${params.clientsPerDoc} clients × ${params.editsPerSecond}/s`);
    try {
      const run = runEditScenario(servers, params, options, onError('edits'), log);
      edit.push(...(await withTimeout(run, EDIT_TIMEOUT_MS, 'the edit scenario')));
    } catch (error) {
      log(`the edit scenario failed: ${describe(error)}`);
      errors.push({ server: 'all', scenario: 'edits', error: describe(error) });
      killAllChildren();
    }
  }

  if (params.scenarios.includes('pull')) {
    // A server that could not even be set up for edits will not serve a pull either.
    const pullServers = servers.filter(
      (s) => !errors.some((e) => e.server === s.name && /server_unavailable|answered 404/.test(e.error))
    );
    log(`pull: ${params.pullDocs} case files`);
    try {
      const run = runPullScenario(pullServers, params, options, onError('pull'), log);
      pull.push(...(await withTimeout(run, PULL_TIMEOUT_MS, 'the pull scenario')));
    } catch (error) {
      log(`the pull scenario failed: ${describe(error)}`);
      errors.push({ server: 'all', scenario: 'pull', error: describe(error) });
      killAllChildren();
    }
  }

  let compaction: string | undefined;
  if (params.compaction) {
    log('compaction (bench/compaction/run.ts)');
    try {
      compaction = await withTimeout(runCompaction(), COMPACTION_TIMEOUT_MS, 'the compaction benchmark');
    } catch (error) {
      log(`compaction benchmark failed: ${describe(error)}`);
      errors.push({ server: 'ours', scenario: 'compaction', error: describe(error) });
    }
  }

  let deviceStore: string | undefined;
  if (params.deviceStore) {
    try {
      deviceStore = await deviceStoreSection();
    } catch (error) {
      log(`device store benchmark failed: ${describe(error)}`);
      errors.push({ server: 'device-store', scenario: 'device store', error: describe(error) });
    }
  }

  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    load: { start: loadStart, end: os.loadavg()[0] ?? 0 },
    command: `${params.quick ? 'BENCH_QUICK=1 ' : ''}npm run bench`,
    params,
    edit,
    pull,
    errors,
    targets: evaluateTargets(edit, pull),
    deviceStore,
    compaction
  };
  const report = renderReport(results);
  process.stdout.write(`\n${report}\n`);
  if (compaction) process.stdout.write(`\n${compaction.trim()}\n`);
  if (deviceStore) process.stdout.write(`\n${deviceStore.trim()}\n`);
  const json = path.join(resultsDir, `${stamp}.json`);
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${path.relative(ROOT, json)}`);
  if (params.writeDocs) {
    await updateDocs(path.join(ROOT, 'docs/benchmarks.md'), results);
    log('updated docs/benchmarks.md');
  }
  if (params.cpuProfile) log(`CPU profiles of the measured parts: ${path.relative(ROOT, profileDir)}`);
}

const watchdog = setTimeout(() => {
  log(`the run took over ${RUN_TIMEOUT_MS / 60_000} min; stopping`);
  killAllChildren();
  process.exit(1);
}, RUN_TIMEOUT_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}
process.on('exit', killAllChildren);

main().then(
  () => {
    killAllChildren();
    process.exit(0);
  },
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAllChildren();
    process.exit(1);
  }
);
