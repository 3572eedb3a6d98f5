import { describe, expect, it, vi } from 'vitest';
import { checkBrowserDocAccess, docAccessCheckOf } from './browser.ts';

const DOC = '0192f0e0-0000-7000-8000-000000000001';
const error = (code: string) => ({ error: { code, message: 'x' } });

describe('docAccessCheckOf', () => {
  it.each([
    [200, { docId: DOC, access: 'write' }, 'granted'],
    [200, { docId: DOC, access: 'read' }, 'granted'],
    [200, { something: 'else' }, 'unknown'],
    [401, error('unauthorized'), 'session-ended'],
    [403, error('forbidden'), 'forbidden'],
    // A password change is due: not a refusal of this doc.
    [403, error('password_change_required'), 'unknown'],
    [404, error('not_found'), 'not-found'],
    // A server without the access route: nothing is known about the doc.
    [404, error('route_not_found'), 'unknown'],
    [404, null, 'unknown'],
    [500, error('internal'), 'unknown'],
    [502, null, 'unknown']
  ] as const)('%i %j → %s', (status, body, expected) => {
    expect(docAccessCheckOf(status, body)).toBe(expected);
  });
});

describe('checkBrowserDocAccess', () => {
  it('asks the access route of the doc, same origin, never from a cache', async () => {
    const fetcher = vi.fn(async () => Response.json(error('forbidden'), { status: 403 }));
    await expect(checkBrowserDocAccess(DOC, fetcher as unknown as typeof fetch)).resolves.toBe('forbidden');
    expect(fetcher).toHaveBeenCalledExactlyOnceWith(`/api/docs/${DOC}/access`, {
      credentials: 'same-origin',
      cache: 'no-store'
    });
  });

  it('reads a non-JSON answer by its status, and rejects when it cannot ask', async () => {
    const html = vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(checkBrowserDocAccess(DOC, html as unknown as typeof fetch)).resolves.toBe('unknown');
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(checkBrowserDocAccess(DOC, down as unknown as typeof fetch)).rejects.toThrow(
      'Failed to fetch'
    );
  });
});
