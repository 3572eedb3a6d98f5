/**
 * The browser's client for the JSON API under /api.
 *
 * - Sends and receives JSON; cookies carry the session (same origin).
 * - Adds the CSRF header (double submit: the value of the `rinnalla_csrf` cookie) on writes.
 * - Turns `{"error":{"code","message","issues"}}` and network failures into {@link ApiError}.
 * - Reports a 401 on an authenticated call to `onUnauthorized`, so the app can ask the user to
 *   log in again. Calls that expect a 401 as an answer (login, "who am I") opt out.
 *
 * It uses only `fetch` and a cookie reader that are passed in, so it runs in Node tests too.
 */
import { CSRF_COOKIE, CSRF_HEADER, type ApiErrorBody } from './schemas.ts';

/** `status` of an {@link ApiError} when the request never got an answer (offline, DNS, CORS). */
export const NETWORK_ERROR_STATUS = 0;
/** `code` of an {@link ApiError} when the request never got an answer. */
export const NETWORK_ERROR_CODE = 'network_unreachable';

/** One problem with one field, as the server reports a 422. */
export interface ApiIssue {
  path: string;
  message: string;
}

/** A failed API call: the HTTP status (0 for a network failure) and the server's error code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
    /** Seconds from the `retry-after` header of a 429, else null. */
    readonly retryAfterSeconds: number | null = null
  ) {
    super(message);
  }

  /** True when the server was not reached at all. */
  get isNetworkError(): boolean {
    return this.status === NETWORK_ERROR_STATUS;
  }
}

export interface RequestOptions {
  /** A 401 is an expected answer (wrong password, not logged in): don't report a lost session. */
  expectUnauthorized?: boolean;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** Prefix of every path; '' for the same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Reads the cookie header string (`document.cookie` in the browser). */
  cookies?: () => string;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The value of one cookie in a `document.cookie` string, or null. */
export function readCookie(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return null;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** A JSON API client. One instance serves the whole app ({@link api}). */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly cookies: () => string;
  private unauthorizedListener: ((error: ApiError) => void) | null = null;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.cookies = options.cookies ?? (() => (typeof document === 'undefined' ? '' : document.cookie));
  }

  /** Called with the error whenever an authenticated call answers 401 (the session has ended). */
  onUnauthorized(listener: ((error: ApiError) => void) | null): void {
    this.unauthorizedListener = listener;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body ?? {}, options);
  }
  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, body, options);
  }
  delete<T = void>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }

  /**
   * Sends one request. Resolves with the parsed JSON body (undefined for 204); rejects with an
   * {@link ApiError} for any non-2xx status or a network failure.
   */
  async request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (WRITE_METHODS.has(method)) {
      const csrf = readCookie(this.cookies(), CSRF_COOKIE);
      if (csrf) headers[CSRF_HEADER] = csrf;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: options.signal
      });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new ApiError(
        NETWORK_ERROR_STATUS,
        NETWORK_ERROR_CODE,
        cause instanceof Error ? cause.message : 'The server could not be reached.'
      );
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = undefined;
      }
    }
    if (response.ok) return parsed as T;

    const error = isErrorBody(parsed)
      ? new ApiError(
          response.status,
          parsed.error.code,
          parsed.error.message,
          parsed.error.issues ?? [],
          retryAfter(response)
        )
      : new ApiError(response.status, `http_${response.status}`, response.statusText || 'Request failed.');
    if (response.status === 401 && !options.expectUnauthorized) this.unauthorizedListener?.(error);
    throw error;
  }
}

function retryAfter(response: Response): number | null {
  const raw = response.headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** The app's API client (same origin). */
export const api = new ApiClient();
