import { CSRF_COOKIE, SESSION_COOKIE } from '../../src/lib/api/schemas.ts';
import type { Config } from '../config.ts';
import { serializeCookie } from '../http/cookies.ts';

/** The session cookie (HttpOnly) and the CSRF cookie the page reads and echoes in a header. */
export function sessionCookies(config: Config, token: string, csrfToken: string): string[] {
  const maxAge = config.sessionMaxHours * 3600;
  return [
    serializeCookie(SESSION_COOKIE, token, { httpOnly: true, secure: config.secureCookies, maxAge }),
    serializeCookie(CSRF_COOKIE, csrfToken, { httpOnly: false, secure: config.secureCookies, maxAge })
  ];
}

export function clearedCookies(config: Config): string[] {
  return [
    serializeCookie(SESSION_COOKIE, '', { httpOnly: true, secure: config.secureCookies, maxAge: 0 }),
    serializeCookie(CSRF_COOKIE, '', { httpOnly: false, secure: config.secureCookies, maxAge: 0 })
  ];
}
