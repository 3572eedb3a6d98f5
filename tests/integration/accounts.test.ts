/**
 * The foundation's HTTP API against the real server on port 0: every account route and each of
 * its statuses, cookies and CSRF, rate limits, security headers and body limits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  ApiClient,
  TEST_SETUP_CODE,
  createUser,
  setupAdmin,
  startTestServer,
  type TestServer
} from '../helpers/test-server.ts';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

function cookiesFrom(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    out[pair!.slice(0, eq)] = pair!.slice(eq + 1);
  }
  return out;
}

describe('GET /api/health', () => {
  it('answers ok with the package version', async () => {
    const res = await new ApiClient(server.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, version: server.app.deps.version });
    expect(server.app.deps.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers 503 when the database does not', async () => {
    await server.app.deps.store.close();
    const res = await new ApiClient(server.url).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'database_unavailable' } });
  });
});

describe('POST /api/setup', () => {
  it('reports that setup is needed, creates the first admin once, then answers 409', async () => {
    const anon = new ApiClient(server.url);
    expect((await anon.get('/api/setup')).body).toEqual({ needed: true, demo: false });

    const res = await anon.post('/api/setup', { ...ADMIN, setupCode: TEST_SETUP_CODE });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'admin', role: 'admin', language: 'fi' });
    expect(typeof res.body.token).toBe('string');
    expect(cookiesFrom(res.headers)).toHaveProperty('rinnalla_session');

    expect((await anon.get('/api/setup')).body).toEqual({ needed: false, demo: false });
    const again = await anon.post('/api/setup', {
      username: 'other',
      password: 'other-password-1',
      setupCode: TEST_SETUP_CODE
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'already_set_up' } });
  });

  it('refuses a wrong setup code with 403 and accepts it in any case and spacing', async () => {
    const anon = new ApiClient(server.url);
    const wrong = await anon.post('/api/setup', { ...ADMIN, setupCode: 'WRONG-CODE' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: 'invalid_setup_code' } });
    const ok = await anon.post('/api/setup', {
      ...ADMIN,
      setupCode: TEST_SETUP_CODE.toLowerCase().replace(/-/g, ' ')
    });
    expect(ok.status).toBe(201);
  });

  it('answers 422 naming the bad fields', async () => {
    const res = await new ApiClient(server.url).post('/api/setup', {
      username: 'A B',
      password: 'short',
      setupCode: TEST_SETUP_CODE
    });
    expect(res.status).toBe(422);
    const paths = (res.body.error as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('rate limits wrong setup codes per address with 429', async () => {
    const anon = new ApiClient(server.url);
    for (let i = 0; i < 10; i++) {
      expect((await anon.post('/api/setup', { ...ADMIN, setupCode: `WRONG-${i}-CODE` })).status).toBe(403);
    }
    const res = await anon.post('/api/setup', { ...ADMIN, setupCode: TEST_SETUP_CODE });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('sessions', () => {
  it('logs in with a token and a strict HttpOnly cookie, and logs out with 204', async () => {
    await setupAdmin(server);
    const anon = new ApiClient(server.url);
    const res = await anon.post('/api/session', ADMIN);
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[\w-]{40,}$/);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('rinnalla_session='))!;
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure');

    const client = new ApiClient(server.url, res.body.token as string);
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: expect.any(String),
      username: 'admin',
      role: 'admin',
      displayName: 'admin',
      language: 'fi'
    });
    expect((await client.delete('/api/session')).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);
    expect((await client.delete('/api/session')).status).toBe(401);
  });

  it('sets Secure cookies and HSTS behind TLS', async () => {
    const tls = await startTestServer({ SECURE_COOKIES: 'true' });
    try {
      const res = await new ApiClient(tls.url).post('/api/setup', { ...ADMIN, setupCode: TEST_SETUP_CODE });
      expect(res.headers.getSetCookie().every((c) => c.includes('Secure'))).toBe(true);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await tls.stop();
    }
  });

  it('answers 401 for a wrong password and an unknown user alike', async () => {
    await setupAdmin(server);
    const anon = new ApiClient(server.url);
    const wrong = await anon.post('/api/session', { username: 'admin', password: 'not-the-password' });
    const unknown = await anon.post('/api/session', { username: 'nobody', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
  });

  it('rate limits failed logins per username with 429', async () => {
    await setupAdmin(server);
    const anon = new ApiClient(server.url);
    for (let i = 0; i < 5; i++) {
      expect(
        (await anon.post('/api/session', { username: 'admin', password: `wrong-${i}-xxxxx` })).status
      ).toBe(401);
    }
    const blocked = await anon.post('/api/session', ADMIN);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: { code: 'too_many_attempts' } });
  });

  it('rate limits failed logins per address across usernames', async () => {
    await setupAdmin(server);
    const anon = new ApiClient(server.url);
    for (let i = 0; i < 20; i++) {
      expect(
        (await anon.post('/api/session', { username: `user${i}`, password: 'wrong-password' })).status
      ).toBe(401);
    }
    expect((await anon.post('/api/session', ADMIN)).status).toBe(429);
  });

  it('ends a session after the idle time and after the absolute limit', async () => {
    const admin = await setupAdmin(server);
    const db = (server.app.deps.store as SqliteStore).db;
    expect((await admin.get('/api/me')).status).toBe(200);
    db.prepare('UPDATE sessions SET last_seen_at = last_seen_at - ?').run(
      (server.config.sessionIdleMinutes + 1) * 60_000
    );
    expect((await admin.get('/api/me')).status).toBe(401);

    const second = new ApiClient(server.url);
    second.token = (await second.post('/api/session', ADMIN)).body.token as string;
    expect((await second.get('/api/me')).status).toBe(200);
    db.prepare('UPDATE sessions SET expires_at = ?').run(Date.now() - 1);
    expect((await second.get('/api/me')).status).toBe(401);
  });
});

describe('CSRF protection of cookie-authenticated writes', () => {
  async function cookieSession() {
    await setupAdmin(server);
    const res = await new ApiClient(server.url).post('/api/session', ADMIN);
    const cookies = cookiesFrom(res.headers);
    return {
      cookie: `rinnalla_session=${cookies.rinnalla_session}; rinnalla_csrf=${cookies.rinnalla_csrf}`,
      csrf: cookies.rinnalla_csrf!
    };
  }

  it('lets cookie reads through without a token', async () => {
    const { cookie } = await cookieSession();
    const res = await new ApiClient(server.url).request('GET', '/api/me', undefined, { cookie });
    expect(res.status).toBe(200);
  });

  it('refuses a cookie write without the CSRF header, and accepts it with the header', async () => {
    const { cookie, csrf } = await cookieSession();
    const anon = new ApiClient(server.url);
    const body = { language: 'en' };
    const refused = await anon.request('PATCH', '/api/me', body, { cookie });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'csrf_failed' } });
    const forged = await anon.request('PATCH', '/api/me', body, {
      cookie,
      'x-csrf-token': 'forged-token-value'
    });
    expect(forged.status).toBe(403);
    const ok = await anon.request('PATCH', '/api/me', body, { cookie, 'x-csrf-token': csrf });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ language: 'en' });
  });
});

describe('/api/me', () => {
  it('answers 401 without a session', async () => {
    const res = await new ApiClient(server.url).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('remembers the language per user and refuses unknown languages', async () => {
    const admin = await setupAdmin(server);
    expect((await admin.patch('/api/me', { language: 'sv' })).status).toBe(422);
    expect((await admin.patch('/api/me', { language: 'en' })).status).toBe(200);
    const again = new ApiClient(server.url);
    again.token = (await again.post('/api/session', ADMIN)).body.token as string;
    expect((await again.get('/api/me')).body).toMatchObject({ language: 'en' });
  });

  it('changes the password, ending the other sessions', async () => {
    const admin = await setupAdmin(server);
    const other = new ApiClient(server.url);
    other.token = (await other.post('/api/session', ADMIN)).body.token as string;
    const wrong = await admin.post('/api/me/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'brand-new-password'
    });
    expect(wrong.status).toBe(403);
    const weak = await admin.post('/api/me/password', {
      currentPassword: ADMIN.password,
      newPassword: 'short'
    });
    expect(weak.status).toBe(422);
    const ok = await admin.post('/api/me/password', {
      currentPassword: ADMIN.password,
      newPassword: 'brand-new-password'
    });
    expect(ok.status).toBe(204);
    expect((await admin.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await new ApiClient(server.url).post('/api/session', ADMIN)).status).toBe(401);
    expect(
      (
        await new ApiClient(server.url).post('/api/session', {
          username: 'admin',
          password: 'brand-new-password'
        })
      ).status
    ).toBe(200);
  });
});

describe('admin: users and sessions', () => {
  it('creates, lists and updates users; a non-admin gets 403', async () => {
    const admin = await setupAdmin(server);
    const created = await admin.post('/api/users', {
      username: 'Olli',
      password: 'olli-password-1',
      role: 'worker',
      displayName: 'Olli Ohjaaja',
      mustChangePassword: true
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      username: 'olli',
      role: 'worker',
      disabled: false,
      mustChangePassword: true
    });
    expect(created.body).not.toHaveProperty('passwordHash');

    const taken = await admin.post('/api/users', {
      username: 'olli',
      password: 'olli-password-1',
      role: 'worker',
      displayName: 'X'
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: { code: 'username_taken' } });
    expect(
      (await admin.post('/api/users', { username: 'x', password: 'p', role: 'boss', displayName: '' })).status
    ).toBe(422);

    const list = await admin.get('/api/users');
    expect(list.status).toBe(200);
    expect((list.body as unknown as { username: string }[]).map((u) => u.username)).toEqual([
      'admin',
      'olli'
    ]);

    const patched = await admin.patch(`/api/users/${created.body.id as string}`, {
      role: 'expert',
      displayName: 'Olli K.'
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ role: 'expert', displayName: 'Olli K.' });
    expect(
      (await admin.patch('/api/users/00000000-0000-7000-8000-000000000000', { role: 'worker' })).status
    ).toBe(404);
    expect(
      (await admin.patch(`/api/users/${created.body.id as string}`, { password: 'sneaky' })).status
    ).toBe(422);

    const worker = await createUser(server, admin, 'vilma', 'worker');
    expect((await worker.client.get('/api/users')).status).toBe(403);
    expect(
      (
        await worker.client.post('/api/users', {
          username: 'evil',
          password: 'evil-password-1',
          role: 'admin',
          displayName: 'E'
        })
      ).status
    ).toBe(403);
    expect((await worker.client.patch(`/api/users/${worker.id}`, { role: 'admin' })).status).toBe(403);
    expect((await new ApiClient(server.url).get('/api/users')).status).toBe(401);
  });

  it('disabling a user ends their sessions and refuses their login', async () => {
    const admin = await setupAdmin(server);
    const worker = await createUser(server, admin, 'olli', 'worker');
    expect((await worker.client.get('/api/me')).status).toBe(200);
    expect((await admin.patch(`/api/users/${worker.id}`, { disabled: true })).status).toBe(200);
    expect((await worker.client.get('/api/me')).status).toBe(401);
    expect(
      (await new ApiClient(server.url).post('/api/session', { username: 'olli', password: worker.password }))
        .status
    ).toBe(401);
    expect((await admin.patch(`/api/users/${worker.id}`, { disabled: false })).status).toBe(200);
    expect(
      (await new ApiClient(server.url).post('/api/session', { username: 'olli', password: worker.password }))
        .status
    ).toBe(200);
  });

  it('an admin cannot lock themselves out', async () => {
    const admin = await setupAdmin(server);
    const me = await admin.get('/api/me');
    expect((await admin.patch(`/api/users/${me.body.id as string}`, { disabled: true })).status).toBe(409);
    expect((await admin.patch(`/api/users/${me.body.id as string}`, { role: 'worker' })).status).toBe(409);
  });

  it('issues a one-time password that must be changed at the next login', async () => {
    const admin = await setupAdmin(server);
    const worker = await createUser(server, admin, 'olli', 'worker');
    const reset = await admin.post(`/api/users/${worker.id}/password-reset`);
    expect(reset.status).toBe(200);
    const otp = reset.body.oneTimePassword as string;
    expect(otp).toMatch(/^[a-z2-9-]{19}$/);
    expect((await worker.client.get('/api/me')).status).toBe(401);
    const login = await new ApiClient(server.url).post('/api/session', { username: 'olli', password: otp });
    expect(login.status).toBe(200);
    const client = new ApiClient(server.url, login.body.token as string);
    expect((await client.get('/api/me')).body).toMatchObject({ mustChangePassword: true });
    expect(
      (await client.post('/api/me/password', { currentPassword: otp, newPassword: 'olli-own-password' }))
        .status
    ).toBe(204);
    expect((await client.get('/api/me')).body).not.toHaveProperty('mustChangePassword');
    expect((await admin.post('/api/users/00000000-0000-7000-8000-000000000000/password-reset')).status).toBe(
      404
    );
  });

  it('a user with an admin-chosen password may only change it until they do', async () => {
    const admin = await setupAdmin(server);
    const created = await admin.post('/api/users', {
      username: 'olli',
      password: 'admin-chose-this',
      role: 'worker',
      displayName: 'Olli',
      mustChangePassword: true
    });
    const login = await new ApiClient(server.url).post('/api/session', {
      username: 'olli',
      password: 'admin-chose-this'
    });
    const olli = new ApiClient(server.url, login.body.token as string);
    expect((await olli.get('/api/me')).body).toMatchObject({ id: created.body.id, mustChangePassword: true });
    const blocked = await olli.get('/api/participants');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ error: { code: 'password_change_required' } });
    expect((await olli.patch('/api/me', { language: 'en' })).status).toBe(200);
    expect(
      (
        await olli.post('/api/me/password', {
          currentPassword: 'admin-chose-this',
          newPassword: 'olli-chose-this'
        })
      ).status
    ).toBe(204);
    expect((await olli.get('/api/participants')).status).toBe(200);
  });

  it('lists active sessions and revokes one', async () => {
    const admin = await setupAdmin(server);
    const worker = await createUser(server, admin, 'olli', 'worker');
    const sessions = await admin.get('/api/sessions');
    expect(sessions.status).toBe(200);
    const list = sessions.body as unknown as { id: string; username: string; current: boolean }[];
    expect(list.map((s) => s.username).sort()).toEqual(['admin', 'olli']);
    expect(list.find((s) => s.username === 'admin')!.current).toBe(true);
    const target = list.find((s) => s.username === 'olli')!;
    expect((await admin.delete(`/api/sessions/${target.id}`)).status).toBe(204);
    expect((await worker.client.get('/api/me')).status).toBe(401);
    expect((await admin.delete(`/api/sessions/${target.id}`)).status).toBe(404);
    expect((await worker.client.get('/api/sessions')).status).toBe(401);
  });
});

describe('demo workspace', () => {
  it('loads fictional demo users of every role once, only into an empty workspace', async () => {
    const admin = await setupAdmin(server);
    const res = await admin.post('/api/demo');
    expect(res.status).toBe(201);
    const users = res.body.users as unknown as { username: string; role: string; displayName: string }[];
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['coordinator', 'worker', 'expert']));
    expect(users.every((u) => u.displayName.includes('(demo)'))).toBe(true);
    expect((await new ApiClient(server.url).get('/api/setup')).body).toEqual({ needed: false, demo: true });
    const login = await new ApiClient(server.url).post('/api/session', {
      username: users[0]!.username,
      password: res.body.password
    });
    expect(login.status).toBe(200);
    expect((await admin.post('/api/demo')).status).toBe(409);
  });

  it('never loads into a workspace that holds real data', async () => {
    const admin = await setupAdmin(server);
    await createUser(server, admin, 'olli', 'worker');
    const res = await admin.post('/api/demo');
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'workspace_not_empty' } });
    expect((await new ApiClient(server.url).get('/api/setup')).body).toMatchObject({ demo: false });
  });

  it('is for admins only', async () => {
    const admin = await setupAdmin(server);
    const worker = await createUser(server, admin, 'olli', 'worker');
    expect((await worker.client.post('/api/demo')).status).toBe(403);
  });
});

describe('HTTP conventions', () => {
  it('sends security headers on API and app responses', async () => {
    for (const route of ['/api/health', '/']) {
      const res = await fetch(server.url + route);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('answers 413 for an oversized body, 400 for malformed JSON, 415 for another type', async () => {
    const big = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(server.config.maxBodyBytes) })
    });
    expect(big.status).toBe(413);
    const malformed = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": '
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'malformed_json' } });
    const form = await fetch(`${server.url}/api/session`, { method: 'POST', body: 'username=x' });
    expect(form.status).toBe(415);
  });

  it('answers 404 for unknown API routes and 405 for a wrong method', async () => {
    const anon = new ApiClient(server.url);
    expect((await anon.get('/api/nothing-here')).status).toBe(404);
    const wrongMethod = await anon.request('PUT', '/api/health');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});
