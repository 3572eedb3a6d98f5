import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '$lib/api/client';
import { LocaleState } from '$lib/i18n/locale.svelte';
import { SessionState } from './session.svelte.ts';

type Route = (init: RequestInit | undefined) => { status: number; body?: unknown };

/** A fake server: one handler per "METHOD /path". Unknown routes answer 404. */
function fakeServer(routes: Record<string, Route>) {
  const calls: string[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    calls.push(key);
    const route = routes[key];
    const { status, body } = route
      ? route(init)
      : { status: 404, body: { error: { code: 'nf', message: '' } } };
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  return { api: new ApiClient({ fetch, cookies: () => 'rinnalla_csrf=c' }), calls };
}

const worker = { id: 'u1', username: 'olli', role: 'worker', displayName: 'Olli', language: 'en' } as const;
const unauthorized = { status: 401, body: { error: { code: 'unauthorized', message: 'Log in.' } } };

describe('SessionState', () => {
  it('goes to setup while no account exists', async () => {
    const { api } = fakeServer({
      'GET /api/setup': () => ({ status: 200, body: { needed: true, demo: false } })
    });
    const s = new SessionState(api, new LocaleState());
    await s.load();
    expect(s.phase).toBe('setup');
  });

  it('is anonymous on 401 and ready with the user, adopting their language', async () => {
    const { api } = fakeServer({
      'GET /api/setup': () => ({ status: 200, body: { needed: false, demo: true } }),
      'GET /api/me': () => ({ status: 200, body: worker })
    });
    const locale = new LocaleState();
    const s = new SessionState(api, locale);
    await s.load();
    expect(s.phase).toBe('ready');
    expect(s.demo).toBe(true);
    expect(locale.current).toBe('en');
  });

  it('sends a user who must change their password to the change', async () => {
    const { api } = fakeServer({
      'GET /api/setup': () => ({ status: 200, body: { needed: false, demo: false } }),
      'GET /api/me': () => ({ status: 200, body: { ...worker, mustChangePassword: true } }),
      'POST /api/me/password': () => ({ status: 204 })
    });
    const s = new SessionState(api, new LocaleState());
    await s.load();
    expect(s.phase).toBe('must-change-password');
    await s.changePassword('old-password-1', 'new-password-1');
    expect(s.phase).toBe('ready');
    expect(s.me?.mustChangePassword).toBeUndefined();
  });

  it('ends the session when an authenticated call answers 401', async () => {
    let alive = true;
    const { api } = fakeServer({
      'GET /api/setup': () => ({ status: 200, body: { needed: false, demo: false } }),
      'GET /api/me': () => (alive ? { status: 200, body: worker } : unauthorized)
    });
    const s = new SessionState(api, new LocaleState());
    await s.load();
    alive = false;
    await s.revalidate();
    expect(s.phase).toBe('anonymous');
    expect(s.notice).toBe('session-ended');
    expect(s.me).toBeNull();
  });

  it('does not end the session on a wrong password at login', async () => {
    const { api } = fakeServer({
      'GET /api/setup': () => ({ status: 200, body: { needed: false, demo: false } }),
      'GET /api/me': () => unauthorized,
      'POST /api/session': () => ({
        status: 401,
        body: { error: { code: 'invalid_credentials', message: 'x' } }
      })
    });
    const s = new SessionState(api, new LocaleState());
    await s.load();
    await expect(s.login('olli', 'wrong-password')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(s.phase).toBe('anonymous');
    expect(s.notice).toBeNull();
  });

  it('saves a language chosen before login to the account', async () => {
    const patched: unknown[] = [];
    const { api } = fakeServer({
      'GET /api/setup': () => ({ status: 200, body: { needed: false, demo: false } }),
      'GET /api/me': () => unauthorized,
      'POST /api/session': () => ({ status: 200, body: { user: { ...worker, language: 'fi' } } }),
      'PATCH /api/me': (init) => {
        patched.push(JSON.parse(String(init?.body)));
        return { status: 200, body: worker };
      }
    });
    const locale = new LocaleState();
    const s = new SessionState(api, locale);
    await s.load();
    await s.setLanguage('en');
    await s.login('olli', 'password-123');
    expect(locale.current).toBe('en');
    await vi.waitFor(() => expect(patched).toEqual([{ language: 'en' }]));
  });

  it('learns whether the workspace is the demo when the device restores a session', async () => {
    const { api } = fakeServer({
      'GET /api/setup': () => ({ status: 200, body: { needed: false, demo: true } })
    });
    const s = new SessionState(api, new LocaleState());
    s.restore(worker);
    expect(s.phase).toBe('ready');
    await vi.waitFor(() => expect(s.demo).toBe(true));
  });

  it('is unreachable when the server does not answer', async () => {
    const api = new ApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      cookies: () => ''
    });
    const s = new SessionState(api, new LocaleState());
    await s.load();
    expect(s.phase).toBe('unreachable');
  });
});
