/**
 * Sessions: log in, resolve a request to its user, log out. A session is found by the SHA-256 of
 * its token, which arrives as an HttpOnly cookie (browser) or as `Authorization: Bearer`
 * (other clients). Idle and absolute expiry are checked on every use.
 */
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../src/lib/api/schemas.ts';
import type { Config } from '../config.ts';
import type { ServerEventBus } from '../events.ts';
import type { SessionRecord, Store, UserRecord } from '../store/types.ts';
import { parseCookies } from '../http/cookies.ts';
import { HttpError, forbidden, unauthorized } from '../http/errors.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { RateLimiter } from './rate-limit.ts';
import { hashToken, newToken } from './tokens.ts';

export interface Principal {
  user: UserRecord;
  session: SessionRecord;
  /** How the request proved the session: cookies need CSRF protection, bearer tokens don't. */
  via: 'cookie' | 'bearer';
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  session: SessionRecord;
  user: UserRecord;
}

export class AuthService {
  /** Failed logins per username: 5 in 15 minutes. */
  private readonly perUsername = new RateLimiter(5, 15 * 60_000);
  /** Failed logins per address: 20 in 15 minutes. */
  private readonly perAddress = new RateLimiter(20, 15 * 60_000);
  /** Avoid a write per request: last-seen is stored at most once a minute per session. */
  private static readonly TOUCH_EVERY_MS = 60_000;

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly events: ServerEventBus,
    private readonly now: () => number = Date.now
  ) {}

  get idleMs(): number {
    return this.config.sessionIdleMinutes * 60_000;
  }

  /** Throws 429 when the username or the address has failed too often. */
  checkLoginRate(username: string, address: string): void {
    const wait = Math.max(this.perUsername.retryAfter(username), this.perAddress.retryAfter(address));
    if (wait > 0) {
      throw new HttpError(
        429,
        'too_many_attempts',
        `Too many failed logins. Try again in ${Math.ceil(wait / 60)} min.`,
        undefined,
        { 'retry-after': String(wait) }
      );
    }
  }

  /**
   * Checks the credentials and starts a session. The password is verified against a dummy hash
   * when the username is unknown, so timing does not tell which usernames exist.
   */
  async login(
    username: string,
    password: string,
    meta: { address: string; userAgent: string; deviceId?: string | undefined }
  ): Promise<LoginResult> {
    this.checkLoginRate(username, meta.address);
    if (meta.deviceId) {
      const device = await this.store.devices.byId(meta.deviceId);
      if (device?.revokedAt != null) {
        throw new HttpError(
          403,
          'device_revoked',
          'An administrator has removed this device from use. Its local data must be deleted.'
        );
      }
    }
    const user = await this.store.users.byUsername(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok || user.disabled) {
      this.perUsername.hit(username);
      this.perAddress.hit(meta.address);
      await this.store.audit.append({
        at: this.now(),
        userId: user?.id ?? null,
        deviceId: meta.deviceId ?? null,
        action: 'login.failed',
        target: null
      });
      throw new HttpError(401, 'invalid_credentials', 'Wrong username or password.');
    }
    this.perUsername.reset(username);
    if (meta.deviceId) {
      await this.store.devices.seen({
        id: meta.deviceId,
        userId: user.id,
        userAgent: meta.userAgent,
        at: this.now()
      });
    }
    return this.startSession(user, meta);
  }

  async startSession(
    user: UserRecord,
    meta: { address: string; userAgent: string; deviceId?: string | undefined }
  ): Promise<LoginResult> {
    const now = this.now();
    const token = newToken();
    const session: SessionRecord = {
      id: randomUUID(),
      userId: user.id,
      tokenHash: hashToken(token),
      csrfToken: newToken(),
      deviceId: meta.deviceId ?? null,
      userAgent: meta.userAgent.slice(0, 300),
      address: meta.address,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + this.config.sessionMaxHours * 3_600_000,
      revokedAt: null
    };
    await this.store.sessions.create(session);
    await this.store.audit.append({
      at: now,
      userId: user.id,
      deviceId: session.deviceId,
      action: 'login',
      target: user.id
    });
    return { token, csrfToken: session.csrfToken, session, user };
  }

  /** The token a request carries: the bearer header wins over the cookie. */
  tokenOf(req: IncomingMessage): { token: string; via: 'cookie' | 'bearer' } | null {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+([\w-]{20,200})$/i.exec(auth.trim());
      return m ? { token: m[1]!, via: 'bearer' } : null;
    }
    const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    return cookie ? { token: cookie, via: 'cookie' } : null;
  }

  /** Resolves a token to a live session and an enabled user, or null. */
  async resolveToken(token: string, via: 'cookie' | 'bearer'): Promise<Principal | null> {
    const session = await this.store.sessions.byTokenHash(hashToken(token));
    if (!session) return null;
    const now = this.now();
    if (!this.isLive(session, now)) return null;
    const user = await this.store.users.byId(session.userId);
    if (!user || user.disabled) return null;
    if (now - session.lastSeenAt > AuthService.TOUCH_EVERY_MS) {
      await this.store.sessions.touch(session.id, now);
      session.lastSeenAt = now;
    }
    return { user, session, via };
  }

  isLive(session: SessionRecord, now = this.now()): boolean {
    return session.revokedAt === null && session.expiresAt > now && now - session.lastSeenAt <= this.idleMs;
  }

  /** The request's principal, or null when it carries no valid session. */
  async principal(req: IncomingMessage): Promise<Principal | null> {
    const found = this.tokenOf(req);
    return found ? this.resolveToken(found.token, found.via) : null;
  }

  /**
   * The principal, or 401. Cookie-authenticated writes must also pass the CSRF check. A user who
   * logged in with a password an admin chose (new account or one-time reset) gets 403
   * `password_change_required` until they choose their own, except where `allowPendingPasswordChange`.
   */
  async require(
    req: IncomingMessage,
    options: { allowPendingPasswordChange?: boolean } = {}
  ): Promise<Principal> {
    const p = await this.principal(req);
    if (!p) throw unauthorized('Your session has ended. Log in again.');
    if (p.user.mustChangePassword && !options.allowPendingPasswordChange) {
      throw new HttpError(403, 'password_change_required', 'Choose your own password first.');
    }
    if (p.via === 'cookie' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? 'GET')) {
      const header = req.headers[CSRF_HEADER];
      const cookie = parseCookies(req.headers.cookie)[CSRF_COOKIE];
      if (typeof header !== 'string' || header !== p.session.csrfToken || cookie !== header) {
        throw new HttpError(403, 'csrf_failed', 'The request is missing its CSRF token. Reload the page.');
      }
    }
    return p;
  }

  async requireRole(req: IncomingMessage, ...roles: UserRecord['role'][]): Promise<Principal> {
    const p = await this.require(req);
    if (!roles.includes(p.user.role)) throw forbidden();
    return p;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.store.sessions.revoke(sessionId, this.now());
    this.events.emit('sessionRevoked', sessionId);
  }

  /** Ends every live session of a device (after the device was revoked). */
  async revokeDeviceSessions(deviceId: string): Promise<void> {
    for (const s of await this.store.sessions.listActive(this.now())) {
      if (s.deviceId === deviceId) await this.revoke(s.id);
    }
  }

  async revokeAllForUser(userId: string, exceptSessionId?: string): Promise<void> {
    const ids = await this.store.sessions.revokeAllForUser(userId, this.now(), exceptSessionId);
    for (const id of ids) this.events.emit('sessionRevoked', id);
  }
}
