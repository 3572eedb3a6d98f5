import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, NETWORK_ERROR_CODE, readCookie } from './client.ts';
import { CSRF_HEADER } from './schemas.ts';

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  return vi.fn<typeof fetch>(
    async () =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json', ...headers }
      })
  );
}

describe('readCookie', () => {
  it.each([
    ['a=1; rinnalla_csrf=abc; b=2', 'abc'],
    ['rinnalla_csrf=x%20y', 'x y'],
    ['other=1', null],
    ['', null]
  ])('%s → %s', (header, expected) => {
    expect(readCookie(header, 'rinnalla_csrf')).toBe(expected);
  });
});

describe('ApiClient', () => {
  it('sends JSON and the CSRF header from the cookie on writes only', async () => {
    const fetch = fakeFetch(200, { ok: true });
    const client = new ApiClient({ fetch, cookies: () => 'rinnalla_csrf=token-1' });
    await client.post('/api/x', { a: 1 });
    await client.get('/api/y');
    const [, postInit] = fetch.mock.calls[0]!;
    const postHeaders = postInit!.headers as Record<string, string>;
    expect(postHeaders[CSRF_HEADER]).toBe('token-1');
    expect(postHeaders['content-type']).toBe('application/json');
    expect(postInit!.body).toBe('{"a":1}');
    const getHeaders = fetch.mock.calls[1]![1]!.headers as Record<string, string>;
    expect(getHeaders[CSRF_HEADER]).toBeUndefined();
  });

  it('parses the error body into an ApiError with status, code, issues and retry-after', async () => {
    const client = new ApiClient({
      fetch: fakeFetch(
        429,
        { error: { code: 'too_many_attempts', message: 'Wait.', issues: [{ path: 'a', message: 'b' }] } },
        { 'retry-after': '120' }
      ),
      cookies: () => ''
    });
    const error = await client.post('/api/session', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'too_many_attempts',
      message: 'Wait.',
      retryAfterSeconds: 120,
      issues: [{ path: 'a', message: 'b' }]
    });
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    const client = new ApiClient({
      fetch: vi.fn<typeof fetch>(async () => {
        throw new TypeError('Failed to fetch');
      }),
      cookies: () => ''
    });
    const error = (await client.get('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error.isNetworkError).toBe(true);
    expect(error.code).toBe(NETWORK_ERROR_CODE);
  });

  it('reports a 401 to the listener unless the caller expects it', async () => {
    const client = new ApiClient({
      fetch: fakeFetch(401, { error: { code: 'unauthorized', message: 'Log in.' } }),
      cookies: () => ''
    });
    const listener = vi.fn();
    client.onUnauthorized(listener);
    await expect(client.get('/api/users')).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
    await expect(client.post('/api/session', {}, { expectUnauthorized: true })).rejects.toMatchObject({
      status: 401
    });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('resolves undefined for 204', async () => {
    const client = new ApiClient({ fetch: fakeFetch(204, undefined), cookies: () => '' });
    await expect(client.delete('/api/session')).resolves.toBeUndefined();
  });
});
