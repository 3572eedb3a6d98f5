import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api/client';
import type { Me } from '$lib/api/schemas';
import { fetchDeviceRevoked, reconnectServer } from './device-server.ts';

const user = { id: 'u1', username: 'aino' };
const me = (id: string): Me => ({
  id,
  username: 'aino',
  role: 'worker',
  displayName: 'Aino',
  language: 'fi'
});

/** An API whose GET answers `answer` (or throws it), recording the paths asked. */
function fakeApi(answer: unknown) {
  const paths: string[] = [];
  return {
    paths,
    get: async <T>(path: string): Promise<T> => {
      paths.push(path);
      if (answer instanceof Error) throw answer;
      return answer as T;
    }
  };
}

/** A session whose login succeeds (setting `me`) or throws `loginError`. */
function fakeSession(loginError?: Error) {
  const logins: Array<[string, string]> = [];
  const session = {
    logins,
    me: null as Me | null,
    login: async (username: string, password: string) => {
      logins.push([username, password]);
      if (loginError) throw loginError;
      session.me = me(user.id);
    }
  };
  return session;
}

describe('device server checks', () => {
  beforeEach(() => vi.stubGlobal('navigator', { onLine: true }));
  afterEach(() => vi.unstubAllGlobals());

  it('keeps a live session of the same user without logging in', async () => {
    const session = fakeSession();
    const result = await reconnectServer(fakeApi(me('u1')), session, user, 'pw');
    expect(result).toEqual({ me: me('u1'), passwordChanged: false });
    expect(session.logins).toEqual([]);
  });

  it('logs in again when nobody (401) or someone else is logged in', async () => {
    for (const answer of [new ApiError(401, 'unauthorized', 'no session'), me('someone-else')]) {
      const session = fakeSession();
      const result = await reconnectServer(fakeApi(answer), session, user, 'pw');
      expect(result).toEqual({ me: me('u1'), passwordChanged: false });
      expect(session.logins).toEqual([['aino', 'pw']]);
    }
  });

  it('does not log in when the server cannot answer, and reports a refused password', async () => {
    const unreachable = fakeSession();
    const down = await reconnectServer(
      fakeApi(new ApiError(503, 'unavailable', 'down')),
      unreachable,
      user,
      'pw'
    );
    expect(down).toEqual({ me: null, passwordChanged: false });
    expect(unreachable.logins).toEqual([]);

    const noSession = new ApiError(401, 'unauthorized', 'no session');
    const refused = await reconnectServer(
      fakeApi(noSession),
      fakeSession(new ApiError(401, 'bad_credentials', 'no')),
      user,
      'old'
    );
    expect(refused).toEqual({ me: null, passwordChanged: true });
    const failed = await reconnectServer(fakeApi(noSession), fakeSession(new Error('network')), user, 'pw');
    expect(failed).toEqual({ me: null, passwordChanged: false });
  });

  it('offline: neither reconnects nor asks about revocation', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const api = fakeApi(me('u1'));
    const session = fakeSession();
    expect(await reconnectServer(api, session, user, 'pw')).toEqual({ me: null, passwordChanged: false });
    expect(await fetchDeviceRevoked(api, 'dev')).toBe(false);
    expect(api.paths).toEqual([]);
    expect(session.logins).toEqual([]);
  });

  it('reports revoked only on a clear answer, asking about this device', async () => {
    const api = fakeApi({ revoked: true });
    expect(await fetchDeviceRevoked(api, 'dev/1')).toBe(true);
    expect(api.paths).toEqual(['/api/devices/dev%2F1/status']);
    expect(await fetchDeviceRevoked(fakeApi({ revoked: false }), 'dev')).toBe(false);
    expect(await fetchDeviceRevoked(fakeApi({}), 'dev')).toBe(false);
    expect(await fetchDeviceRevoked(fakeApi(new ApiError(500, 'internal', 'boom')), 'dev')).toBe(false);
  });
});
