/**
 * Starts the real server in-process on port 0 with a temporary DATA_DIR, for integration tests.
 * Each call gets its own database; `stop()` closes the server and deletes the directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App, type Extension } from '../../server/app.ts';
import { parseConfig, type Config } from '../../server/config.ts';
import { createLog } from '../../server/log.ts';
import { syncExtension } from '../../server/sync/extension.ts';

export const TEST_SETUP_CODE = 'TEST-SETUP-CODE-1234';
export const ADMIN = { username: 'admin', password: 'admin-password-123' };

export interface TestServer {
  app: App;
  config: Config;
  url: string;
  wsUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: { dataDir?: string; extensions?: Extension[] } = {}
): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-test-'));
  const config = parseConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    SETUP_CODE: TEST_SETUP_CODE,
    LOG_LEVEL: 'silent',
    ...env
  });
  const app = await createApp({
    config,
    log: createLog(config.logLevel),
    extensions: options.extensions ?? [syncExtension],
    announceSetupCode: () => {}
  });
  const port = await app.listen();
  return {
    app,
    config,
    dataDir,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async stop() {
      await app.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/** A minimal API client that authenticates with a bearer token (no CSRF needed). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    public token?: string
  ) {}

  async request(method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + route, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers
      },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json as Record<string, unknown> & unknown[], headers: res.headers };
  }

  get(route: string) {
    return this.request('GET', route);
  }
  post(route: string, body?: unknown) {
    return this.request('POST', route, body ?? {});
  }
  put(route: string, body?: unknown) {
    return this.request('PUT', route, body ?? {});
  }
  patch(route: string, body?: unknown) {
    return this.request('PATCH', route, body ?? {});
  }
  delete(route: string) {
    return this.request('DELETE', route);
  }
}

/** Sets up the first admin and returns a client logged in as them. */
export async function setupAdmin(server: TestServer): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  const res = await client.post('/api/setup', { ...ADMIN, setupCode: TEST_SETUP_CODE });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  client.token = res.body.token as string;
  return client;
}

/** Creates a user through the admin API and logs them in; returns their client and id. */
export async function createUser(
  server: TestServer,
  admin: ApiClient,
  username: string,
  role: 'admin' | 'coordinator' | 'worker' | 'expert',
  password = `${username}-password-123`
): Promise<{ client: ApiClient; id: string; password: string }> {
  const created = await admin.post('/api/users', {
    username,
    password,
    role,
    displayName: `${username} (test)`
  });
  if (created.status !== 201)
    throw new Error(`create user failed: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new ApiClient(server.url);
  const login = await client.post('/api/session', { username, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  client.token = login.body.token as string;
  return { client, id: created.body.id as string, password };
}
