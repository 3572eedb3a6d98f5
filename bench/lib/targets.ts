/**
 * The three servers under test, each started in its own child process:
 *
 * - `ours`: the real Rinnalla server (`server/main.ts`): SQLite, sessions, ACL, every update
 *   persisted before fan-out. Docs are participants' case files made through the API.
 * - `reference`: `@y/websocket-server` 0.1.1, in memory (bench/servers/reference-server.ts).
 * - `hocuspocus`: `@hocuspocus/server` 4.x, in memory, no extensions.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerSpec } from '../clients/connect.ts';
import { spawnTs, stopChild, waitForLine, withTimeout } from './children.ts';
import { INSPECT_FLAG, InspectorClient } from './inspector.ts';
import { rssMiB } from './proc-stats.ts';

export type ServerName = 'ours' | 'reference' | 'hocuspocus';

export interface ServerInfo {
  name: ServerName;
  label: string;
  /** What the server does with updates; printed beside the numbers. */
  persistence: string;
}

export const SERVERS: readonly ServerInfo[] = [
  { name: 'ours', label: 'Rinnalla (ours)', persistence: 'SQLite, every update before fan-out; auth + ACL' },
  { name: 'reference', label: '@y/websocket-server 0.1.1', persistence: 'in memory only; no auth' },
  { name: 'hocuspocus', label: 'Hocuspocus 4.x', persistence: 'in memory only (no extension); no auth' }
];

export interface RunningServer {
  info: ServerInfo;
  child: ChildProcess;
  port: number;
  spec: ServerSpec;
  /** Makes n docs the benchmark user may open; returns their ids. */
  createDocs(n: number): Promise<string[]>;
  /** Forces a full GC in the server, then reads its RSS and live JS heap (MiB). */
  memory(): Promise<Memory>;
  /** Starts sampling the server's CPU (when StartOptions.profileDir is set; else nothing). */
  startProfile(): Promise<void>;
  /** Stops sampling and writes `<profileDir>/<server>-<name>.cpuprofile` (for DevTools). */
  stopProfile(name: string): Promise<void>;
  /** Stops the process and starts it again on the same data (ours only: a cold start). */
  restart?(): Promise<void>;
  /** How long after its last client a doc is surely out of memory (ours only). */
  evictAfterMs?: number;
  stop(): Promise<void>;
}

export interface Memory {
  rssMiB: number;
  heapMiB: number;
}

export interface StartOptions {
  /** Node flags for the server process. */
  nodeArgs?: string[];
  /** Where CPU profiles of the measured parts go; no profiling without it. */
  profileDir?: string;
  /** Our server's entry point (default server/main.ts): a patched copy, for experiments. */
  oursEntry?: string;
  /** Extra environment for our server (e.g. SYNC_COMPACT_ROWS), for experiments. */
  oursEnv?: Record<string, string>;
}

/** A started server process with its inspector. */
interface Launched {
  child: ChildProcess;
  port: number;
  inspector: InspectorClient;
}

/** Lets the freed pages go back to the OS after a forced GC before RSS is read. */
const AFTER_GC_MS = 200;

async function measureMemory(launched: Launched): Promise<Memory> {
  // Twice: the first collection can leave objects that only a second one frees (weak maps,
  // finalizers), and RSS shrinks a little later than the heap.
  await launched.inspector.heapAfterGc();
  await new Promise((resolve) => setTimeout(resolve, AFTER_GC_MS));
  const heap = await launched.inspector.heapAfterGc();
  await new Promise((resolve) => setTimeout(resolve, AFTER_GC_MS));
  return { rssMiB: rssMiB(launched.child.pid as number), heapMiB: heap / 2 ** 20 };
}

/** Sampling interval of the CPU profiles, µs. */
const PROFILE_INTERVAL_US = 200;

function profiler(
  name: ServerName,
  inspector: () => InspectorClient,
  options: StartOptions
): Pick<RunningServer, 'startProfile' | 'stopProfile'> {
  const dir = options.profileDir;
  return {
    async startProfile() {
      if (!dir) return;
      await inspector().call('Profiler.enable');
      await inspector().call('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
      await inspector().call('Profiler.start');
    },
    async stopProfile(part) {
      if (!dir) return;
      const { profile } = await inspector().call<{ profile: unknown }>('Profiler.stop');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}-${part}.cpuprofile`), JSON.stringify(profile));
    }
  };
}

async function launch(
  script: string,
  what: string,
  ready: RegExp,
  options: StartOptions,
  spawnOptions: { env?: Record<string, string>; ipc?: boolean }
): Promise<Launched> {
  const child = spawnTs(script, { ...spawnOptions, nodeArgs: [INSPECT_FLAG, ...(options.nodeArgs ?? [])] });
  try {
    const inspecting = InspectorClient.attach(child, what);
    const match = await waitForLine(child, ready, START_TIMEOUT_MS, what);
    return { child, port: Number(match[1]), inspector: await inspecting };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

async function stopLaunched(launched: Launched): Promise<void> {
  launched.inspector.close();
  await stopChild(launched.child);
}

const START_TIMEOUT_MS = 30_000;
const API_TIMEOUT_MS = 30_000;
/**
 * Ours keeps an empty room this long (SYNC_ROOM_GRACE_MS; 5 s by default), shortened so the
 * pull from evicted rooms does not wait long. It changes when a room leaves, not how it loads.
 */
const ROOM_GRACE_MS = 1000;
const BENCH_SETUP_CODE = 'BENCH-SETUP-CODE-0001';
const ADMIN = { username: 'bench-admin', password: 'bench-admin-password-1' };
const WORKER = { username: 'bench-worker', password: 'bench-worker-password-1' };

export class ServerUnavailableError extends Error {
  readonly code = 'server_unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'ServerUnavailableError';
  }
}

async function api(
  base: string,
  method: string,
  route: string,
  body: unknown,
  token?: string
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await withTimeout(
    fetch(base + route, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {})
      },
      body: JSON.stringify(body)
    }),
    API_TIMEOUT_MS,
    `${method} ${route}`
  );
  const text = await res.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed };
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) {
    throw new ServerUnavailableError(
      `${what} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`
    );
  }
}

async function startOurs(info: ServerInfo, options: StartOptions): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-bench-'));
  const start = () =>
    launch(
      options.oursEntry ?? 'server/main.ts',
      'our server',
      /running at http:\/\/[^:\s]+:(\d+)/,
      options,
      {
        env: {
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          SETUP_CODE: BENCH_SETUP_CODE,
          LOG_LEVEL: 'warn',
          SYNC_ROOM_GRACE_MS: String(ROOM_GRACE_MS),
          ...options.oursEnv
        }
      }
    );
  let launched = await start();
  const base = () => `http://127.0.0.1:${launched.port}`;
  const stop = async () => {
    await stopLaunched(launched);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const setup = await api(base(), 'POST', '/api/setup', { ...ADMIN, setupCode: BENCH_SETUP_CODE });
    expectStatus(setup, 201, 'POST /api/setup');
    const adminToken = setup.body.token as string;
    const worker = { ...WORKER, role: 'worker', displayName: 'Bench Worker' };
    expectStatus(await api(base(), 'POST', '/api/users', worker, adminToken), 201, 'POST /api/users');
    const login = await api(base(), 'POST', '/api/session', WORKER);
    expectStatus(login, 200, 'POST /api/session');
    const token = login.body.token as string;
    const specFor = (port: number): ServerSpec => ({
      protocol: 'y-websocket',
      wsBase: `ws://127.0.0.1:${port}/sync`,
      token,
      persistedAck: true
    });
    const running: RunningServer = {
      info,
      child: launched.child,
      port: launched.port,
      spec: specFor(launched.port),
      async createDocs(n) {
        const ids: string[] = [];
        for (let i = 0; i < n; i++) {
          const res = await api(base(), 'POST', '/api/participants', { displayName: `Bench ${i}` }, token);
          expectStatus(res, 201, 'POST /api/participants');
          ids.push(res.body.docId as string);
        }
        return ids;
      },
      memory: () => measureMemory(launched),
      ...profiler(info.name, () => launched.inspector, options),
      // The grace period, then the eviction's own wait for pending writes, with margin.
      evictAfterMs: ROOM_GRACE_MS + 1500,
      async restart() {
        await stopLaunched(launched);
        launched = await start();
        running.child = launched.child;
        running.port = launched.port;
        running.spec = specFor(launched.port);
      },
      stop
    };
    return running;
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startInMemory(
  info: ServerInfo,
  script: string,
  options: StartOptions
): Promise<RunningServer> {
  const launched = await launch(script, info.label, /READY (\d+)/, options, { ipc: true });
  return {
    info,
    child: launched.child,
    port: launched.port,
    spec: {
      protocol: info.name === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
      wsBase: `ws://127.0.0.1:${launched.port}`
    },
    createDocs: async (n) => Array.from({ length: n }, () => randomUUID()),
    memory: () => measureMemory(launched),
    ...profiler(info.name, () => launched.inspector, options),
    stop: () => stopLaunched(launched)
  };
}

/** Starts a server in its own process; throws {@link ServerUnavailableError} if it cannot serve. */
export async function startServer(info: ServerInfo, options: StartOptions = {}): Promise<RunningServer> {
  if (info.name === 'ours') return startOurs(info, options);
  return startInMemory(
    info,
    info.name === 'reference' ? 'bench/servers/reference-server.ts' : 'bench/servers/hocuspocus-server.ts',
    options
  );
}
