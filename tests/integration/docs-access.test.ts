/**
 * `GET /api/docs/:docId/access`: the sync upgrade's answer as plain HTTP, for browsers that cannot
 * see why an upgrade was refused. Each case is checked against a real upgrade attempt too, so the
 * route and the upgrade cannot drift apart. Then the 404 of an unknown API route, which must not
 * read as "no such doc". Last, the sync client's registry with a socket that hides the upgrade's
 * status the way a browser does, against the real route: refused, and given access back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { docAccessResponse } from '../../src/lib/api/schemas.ts';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import { checkBrowserDocAccess } from '../../src/lib/sync/browser.ts';
import {
  SyncRegistry,
  type SyncRegistryOptions,
  type WebSocketClass
} from '../../src/lib/sync/doc-registry.ts';
import {
  ApiClient,
  createUser,
  setupAdmin,
  startTestServer,
  type TestServer
} from '../helpers/test-server.ts';
import { newCase } from './sync-support.ts';

type User = Awaited<ReturnType<typeof createUser>>;

let server: TestServer;
let admin: ApiClient;
let worker: User;
let expert: User;
let reader: User;
let outsider: User;
let coordinator: User;
let docId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setupAdmin(server);
  worker = await createUser(server, admin, 'worker', 'worker');
  expert = await createUser(server, admin, 'expert', 'expert');
  reader = await createUser(server, admin, 'reader', 'worker');
  outsider = await createUser(server, admin, 'outsider', 'worker');
  coordinator = await createUser(server, admin, 'coordinator', 'coordinator');
  docId = await newCase(worker.client, { workers: [worker.id], experts: [expert.id], readers: [reader.id] });
});

afterAll(async () => {
  await server.stop();
});

/** The HTTP status of a sync upgrade for `docId` (101 when the socket opened). */
function upgradeStatus(token: string | undefined, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.wsUrl}/sync/${encodeURIComponent(id)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {}
    });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

function access(client: ApiClient, id: string) {
  return client.get(`/api/docs/${encodeURIComponent(id)}/access`);
}

describe('an API route the server does not have', () => {
  it('answers 404 route_not_found, while a missing doc or participant keeps not_found', async () => {
    for (const [method, route] of [
      ['GET', '/api/no-such-route'],
      ['GET', `/api/docs/${docId}/acces`],
      ['POST', `/api/participants/${docId}/no-such-action`]
    ] as const) {
      const res = await worker.client.request(method, route);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        error: { code: 'route_not_found', message: `No such API route: ${method} ${route}` }
      });
    }
    // Without a session too: which routes exist is no secret, and the answer is the same.
    expect((await new ApiClient(server.url).get('/api/no-such-route')).body).toMatchObject({
      error: { code: 'route_not_found' }
    });

    expect((await access(worker.client, uuidv7())).body).toMatchObject({ error: { code: 'not_found' } });
    const team = await worker.client.put(`/api/participants/${uuidv7()}/team`, {
      workers: [worker.id],
      experts: []
    });
    expect(team.status).toBe(404);
    expect(team.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('reads as unknown to the sync client, not as a missing doc (a server without the access route)', async () => {
    // The access question sent to a route this server does not have, as an older server would answer.
    const olderServer: typeof fetch = (input, init) =>
      fetch(new URL(String(input).replace(/\/access$/, '/access-v0'), server.url), {
        ...init,
        headers: { authorization: `Bearer ${worker.client.token}` }
      });
    await expect(checkBrowserDocAccess(uuidv7(), olderServer)).resolves.toBe('unknown');
    const current: typeof fetch = (input, init) =>
      fetch(new URL(String(input), server.url), {
        ...init,
        headers: { authorization: `Bearer ${worker.client.token}` }
      });
    await expect(checkBrowserDocAccess(uuidv7(), current)).resolves.toBe('not-found');
  });
});

describe('GET /api/docs/:docId/access', () => {
  it('answers write to workers and experts on the team and read to readers, like the upgrade', async () => {
    for (const [user, expected] of [
      [worker, 'write'],
      [expert, 'write'],
      [reader, 'read']
    ] as const) {
      const res = await access(user.client, docId);
      expect(res.status).toBe(200);
      expect(docAccessResponse.parse(res.body)).toEqual({ docId, access: expected });
      expect(await upgradeStatus(user.client.token, docId)).toBe(101);
    }
  });

  it('answers 403 to everyone the upgrade refuses: off the team, a coordinator off the team, an admin', async () => {
    for (const client of [outsider.client, coordinator.client, admin]) {
      const res = await access(client, docId);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
      expect(await upgradeStatus(client.token, docId)).toBe(403);
    }
  });

  it('follows a team change at once: a worker taken off the team gets 403', async () => {
    const id = await newCase(worker.client, { workers: [worker.id, outsider.id], experts: [] });
    expect((await access(outsider.client, id)).status).toBe(200);
    expect(
      (await worker.client.put(`/api/participants/${id}/team`, { workers: [worker.id], experts: [] })).status
    ).toBe(200);
    expect((await access(outsider.client, id)).status).toBe(403);
  });

  it('answers 404 for an unknown or malformed doc id, like the upgrade', async () => {
    for (const id of [uuidv7(), 'not a doc id', 'x'.repeat(101)]) {
      const res = await access(worker.client, id);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'not_found' } });
    }
    expect(await upgradeStatus(worker.client.token, uuidv7())).toBe(404);
  });

  it('answers 401 without a session and 403 password_change_required before the password change', async () => {
    const anonymous = await access(new ApiClient(server.url), docId);
    expect(anonymous.status).toBe(401);
    expect(await upgradeStatus(undefined, docId)).toBe(401);

    const created = await admin.post('/api/users', {
      username: 'newcomer',
      password: 'newcomer-password-123',
      role: 'worker',
      displayName: 'Newcomer',
      mustChangePassword: true
    });
    expect(created.status).toBe(201);
    const newcomer = new ApiClient(server.url);
    const login = await newcomer.post('/api/session', {
      username: 'newcomer',
      password: 'newcomer-password-123'
    });
    newcomer.token = login.body.token as string;
    const res = await access(newcomer, docId);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'password_change_required' } });
  });
});

/**
 * A `ws` socket that reports a refused upgrade the way a browser does: an error without the HTTP
 * status (ws would say "Unexpected server response: 403"), then close 1006. With a listener for
 * `unexpected-response`, ws leaves the refused handshake to us; terminating it reports only
 * "closed before the connection was established".
 */
function browserLikeSocket(token: string): WebSocketClass {
  return class BrowserLikeWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { authorization: `Bearer ${token}` } });
      this.on('unexpected-response', () => this.terminate());
    }
  } as unknown as WebSocketClass;
}

describe('the sync client against the route (a browser-like socket)', () => {
  const registries: SyncRegistry[] = [];
  afterAll(async () => {
    for (const r of registries) await r.destroy();
  });

  function registry(
    client: ApiClient,
    withCheck: boolean,
    tuning: Partial<SyncRegistryOptions> = {}
  ): SyncRegistry {
    const bearerFetch: typeof fetch = (input, init) =>
      fetch(new URL(String(input), server.url), {
        ...init,
        headers: { authorization: `Bearer ${client.token}` }
      });
    const r = new SyncRegistry({
      url: `${server.wsUrl}/sync`,
      WebSocketPolyfill: browserLikeSocket(client.token!),
      maxBackoffMs: 100,
      ...(withCheck ? { checkAccess: (docId: string) => checkBrowserDocAccess(docId, bearerFetch) } : {}),
      ...tuning
    });
    registries.push(r);
    return r;
  }

  it('stops a refused doc as forbidden, an unknown one as not found, and syncs an allowed one', async () => {
    const refused = registry(outsider.client, true).open(docId);
    const unknown = registry(worker.client, true).open(uuidv7());
    const allowed = registry(worker.client, true).open(docId);
    await expect.poll(() => refused.status.kind, { timeout: 5_000 }).toBe('forbidden');
    await expect
      .poll(() => unknown.status, { timeout: 5_000 })
      .toMatchObject({ kind: 'error', errorCode: 404 });
    await expect.poll(() => allowed.status.kind, { timeout: 5_000 }).toBe('saved');
    for (const h of [refused, unknown, allowed]) h.release();
  });

  it('without the check, the same refusal looks like a server that is down (the gap it closes)', async () => {
    const r = registry(outsider.client, false);
    const h = r.open(docId);
    let attempts = 0;
    h.provider.on('connection-close', () => attempts++);
    await expect.poll(() => attempts, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    expect(['offline', 'connecting']).toContain(h.status.kind);
    h.release();
  });

  it('reconnects a refused doc by itself once its user is back on the team, and sends the edits kept meanwhile', async () => {
    const id = await newCase(worker.client, { workers: [worker.id], experts: [] });
    const refused = registry(outsider.client, true, { forbiddenRecheckMs: [100] }).open(id);
    await expect.poll(() => refused.status.kind, { timeout: 5_000 }).toBe('forbidden');
    refused.doc.getText('t').insert(0, 'written while refused');

    const back = await worker.client.put(`/api/participants/${id}/team`, {
      workers: [worker.id, outsider.id],
      experts: []
    });
    expect(back.status).toBe(200);
    await expect.poll(() => refused.status, { timeout: 5_000 }).toMatchObject({ kind: 'saved', pending: 0 });

    const seen = registry(worker.client, true).open(id);
    await expect
      .poll(() => seen.doc.getText('t').toString(), { timeout: 5_000 })
      .toBe('written while refused');
    for (const h of [refused, seen]) h.release();
  });
});
