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
  /** Stops the process and starts it again on the same data (ours only: a cold start). */
  restart?(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Node flags for the server process, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

const START_TIMEOUT_MS = 30_000;
const API_TIMEOUT_MS = 30_000;
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
  const launch = async () => {
    const child = spawnTs('server/main.ts', {
      nodeArgs: options.nodeArgs,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SETUP_CODE: BENCH_SETUP_CODE,
        LOG_LEVEL: 'warn'
      }
    });
    const match = await waitForLine(
      child,
      /running at http:\/\/[^:\s]+:(\d+)/,
      START_TIMEOUT_MS,
      'our server'
    );
    return { child, port: Number(match[1]) };
  };
  const { child, port } = await launch();
  try {
    return await prepareOurs(info, dataDir, child, port, launch);
  } catch (error) {
    await stopChild(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function prepareOurs(
  info: ServerInfo,
  dataDir: string,
  firstChild: ChildProcess,
  firstPort: number,
  launch: () => Promise<{ child: ChildProcess; port: number }>
): Promise<RunningServer> {
  let child = firstChild;
  let port = firstPort;
  const base = () => `http://127.0.0.1:${port}`;

  const setup = await api(base(), 'POST', '/api/setup', { ...ADMIN, setupCode: BENCH_SETUP_CODE });
  expectStatus(setup, 201, 'POST /api/setup');
  const adminToken = setup.body.token as string;
  const created = await api(
    base(),
    'POST',
    '/api/users',
    { ...WORKER, role: 'worker', displayName: 'Bench Worker' },
    adminToken
  );
  expectStatus(created, 201, 'POST /api/users');
  const login = await api(base(), 'POST', '/api/session', WORKER);
  expectStatus(login, 200, 'POST /api/session');
  const token = login.body.token as string;
  const spec: ServerSpec = {
    protocol: 'y-websocket',
    wsBase: `ws://127.0.0.1:${port}/sync`,
    token,
    persistedAck: true
  };

  const running: RunningServer = {
    info,
    child,
    port,
    spec,
    async createDocs(n) {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const res = await api(base(), 'POST', '/api/participants', { displayName: `Bench ${i}` }, token);
        expectStatus(res, 201, 'POST /api/participants');
        ids.push(res.body.docId as string);
      }
      return ids;
    },
    async restart() {
      await stopChild(running.child);
      ({ child, port } = await launch());
      running.child = child;
      running.port = port;
      running.spec = { ...spec, wsBase: `ws://127.0.0.1:${port}/sync` };
    },
    async stop() {
      await stopChild(running.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  return running;
}

async function startInMemory(
  info: ServerInfo,
  script: string,
  options: StartOptions
): Promise<RunningServer> {
  const child = spawnTs(script, { nodeArgs: options.nodeArgs, ipc: true });
  const match = await waitForLine(child, /READY (\d+)/, START_TIMEOUT_MS, info.label);
  const port = Number(match[1]);
  return {
    info,
    child,
    port,
    spec: {
      protocol: info.name === 'hocuspocus' ? 'hocuspocus' : 'y-websocket',
      wsBase: `ws://127.0.0.1:${port}`
    },
    createDocs: async (n) => Array.from({ length: n }, () => randomUUID()),
    stop: () => stopChild(child)
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
