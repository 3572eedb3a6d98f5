/**
 * Starts the real Rinnalla server as a child process, the way an operator does
 * (`tsx server/main.ts`), on a free port with a fresh DATA_DIR, and talks to its API.
 * It serves the app from build/: run `npm run build` first (`npm run test:e2e` does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The setup code every e2e server accepts. */
export const E2E_SETUP_CODE = 'E2E-SETUP-CODE-2468';
/** The first admin the helpers create. */
export const E2E_ADMIN = {
  username: 'paakayttaja',
  displayName: 'Pirjo Pääkäyttäjä',
  password: 'admin-salasana-123'
} as const;

export type Role = 'admin' | 'coordinator' | 'worker' | 'expert';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const READY = /Rinnalla is running at (http:\/\/\S+)/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
}

/** A small API client for test set-up; it authenticates with a bearer token (no CSRF). */
export class E2eApi {
  constructor(
    readonly baseUrl: string,
    public token?: string
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    route: string,
    body?: unknown
  ): Promise<ApiResult<T>> {
    const res = await fetch(this.baseUrl + route, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {})
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Like request, but throws unless the status is the expected one. */
  async expect<T = Record<string, unknown>>(
    status: number,
    method: string,
    route: string,
    body?: unknown
  ): Promise<T> {
    const res = await this.request<T>(method, route, body);
    if (res.status !== status) {
      throw new Error(
        `${method} ${route}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`
      );
    }
    return res.body;
  }

  /** Logs in as a user; the returned client carries their token. */
  async login(username: string, password: string): Promise<E2eApi> {
    const body = await this.expect<{ token: string }>(200, 'POST', '/api/session', { username, password });
    return new E2eApi(this.baseUrl, body.token);
  }
}

export interface CreatedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The password that logs them in now. */
  password: string;
  /** True when they must still choose their own password at login (the server's default). */
  mustChangePassword: boolean;
}

export interface CreateUserOptions {
  role: Role;
  username?: string;
  displayName?: string;
  password?: string;
  /**
   * Change the admin-set password through the API, so that the user logs in without the forced
   * change. Default false: they must change it, as a real new user does.
   */
  ready?: boolean;
}

let userCounter = 0;

/** One running server with its own empty database. */
export class RinnallaServer {
  private adminApi: E2eApi | null = null;

  private constructor(
    readonly url: string,
    readonly dataDir: string,
    private readonly child: ChildProcess,
    private readonly output: () => string
  ) {}

  /** Starts a server on a free port with a fresh temporary DATA_DIR. */
  static async start(env: Record<string, string> = {}): Promise<RinnallaServer> {
    if (!fs.existsSync(path.join(ROOT, 'build', 'index.html'))) {
      throw new Error(
        'build/ is missing: run `npm run build` before the e2e tests (`npm run test:e2e` does).'
      );
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-e2e-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SETUP_CODE: E2E_SETUP_CODE,
        LOG_LEVEL: 'warn',
        APP_DIR: 'build',
        ...env
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that stop() also ends tsx's child node process.
      detached: true
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not start in ${START_TIMEOUT_MS} ms:\n${output}`)),
        START_TIMEOUT_MS
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = READY.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited with ${code} before it was ready:\n${output}`));
      });
    });
    return new RinnallaServer(url, dataDir, child, () => output);
  }

  /** Everything the server printed (for failure messages). */
  get log(): string {
    return this.output();
  }

  /** An API client, optionally with a bearer token. */
  api(token?: string): E2eApi {
    return new E2eApi(this.url, token);
  }

  /** Whether the first admin exists yet. */
  get isSetUp(): boolean {
    return this.adminApi !== null;
  }

  /**
   * Creates the first admin ({@link E2E_ADMIN}) through the API, once per server, and returns a
   * client logged in as them. Use it when a test does not itself go through the setup page.
   */
  async setupAdmin(): Promise<E2eApi> {
    if (this.adminApi) return this.adminApi;
    const api = this.api();
    const res = await api.request<{ token?: string }>('POST', '/api/setup', {
      username: E2E_ADMIN.username,
      displayName: E2E_ADMIN.displayName,
      password: E2E_ADMIN.password,
      setupCode: E2E_SETUP_CODE
    });
    if (res.status === 201) {
      this.adminApi = this.api(res.body.token);
    } else if (res.status === 409) {
      // Set up through the UI earlier in this file: log in as that admin.
      this.adminApi = await api.login(E2E_ADMIN.username, E2E_ADMIN.password);
    } else {
      throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return this.adminApi;
  }

  /** Creates a user through the admin API (setting up the admin first if needed). */
  async createUser(options: CreateUserOptions): Promise<CreatedUser> {
    const admin = await this.setupAdmin();
    userCounter += 1;
    const username = options.username ?? `${options.role}.${process.pid}.${userCounter}`;
    const displayName = options.displayName ?? `Testi Käyttäjä ${userCounter}`;
    const initial = options.password ?? `alku-salasana-${userCounter}-x`;
    const created = await admin.expect<{ id: string }>(201, 'POST', '/api/users', {
      username,
      displayName,
      role: options.role,
      password: initial,
      mustChangePassword: true
    });
    let password = initial;
    if (options.ready) {
      password = `oma-salasana-${userCounter}-x`;
      const own = await this.api().login(username, initial);
      await own.expect(204, 'POST', '/api/me/password', { currentPassword: initial, newPassword: password });
      // Leave no session behind: the tests see only the sessions they open themselves.
      await own.expect(204, 'DELETE', '/api/session');
    }
    return {
      id: created.id,
      username,
      displayName,
      role: options.role,
      password,
      mustChangePassword: !options.ready
    };
  }

  /** Stops the server (SIGTERM, then SIGKILL) and deletes its data. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signal(child, 'SIGTERM');
      const timer = setTimeout(() => signal(child, 'SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, name);
  } catch {
    // Already gone.
  }
}
