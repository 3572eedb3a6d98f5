/** Log in and out; the caller's own account: who am I, language, password. */
import { changePasswordRequest, loginRequest, patchMeRequest } from '../../src/lib/api/schemas.ts';
import type { ApiRouter } from '../context.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { readBody } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { clearedCookies, sessionCookies } from './session-cookies.ts';
import { toMe } from './public-user.ts';

export function registerSessionRoutes(router: ApiRouter): void {
  router.add('POST', '/api/session', async ({ req, deps, address }) => {
    const body = await readBody(req, loginRequest, deps.config.maxBodyBytes);
    const login = await deps.auth.login(body.username, body.password, {
      address,
      userAgent: req.headers['user-agent'] ?? '',
      deviceId: body.deviceId
    });
    return {
      status: 200,
      headers: { 'set-cookie': sessionCookies(deps.config, login.token, login.csrfToken) },
      body: { token: login.token, csrfToken: login.csrfToken, user: toMe(login.user) }
    };
  });

  router.add('DELETE', '/api/session', async ({ req, deps }) => {
    const { session, user } = await deps.auth.require(req, { allowPendingPasswordChange: true });
    await deps.auth.revoke(session.id);
    await deps.store.audit.append({
      at: Date.now(),
      userId: user.id,
      deviceId: session.deviceId,
      action: 'logout',
      target: user.id
    });
    return { status: 204, headers: { 'set-cookie': clearedCookies(deps.config) } };
  });

  router.add('GET', '/api/me', async ({ req, deps }) => {
    const p = await deps.auth.principal(req);
    if (!p) throw new HttpError(401, 'unauthorized', 'Not logged in.');
    return { status: 200, body: toMe(p.user), headers: { 'x-csrf-token': p.session.csrfToken } };
  });

  router.add('PATCH', '/api/me', async ({ req, deps }) => {
    const { user } = await deps.auth.require(req, { allowPendingPasswordChange: true });
    const patch = await readBody(req, patchMeRequest, deps.config.maxBodyBytes);
    const updated = await deps.store.users.update(user.id, patch);
    return { status: 200, body: toMe(updated ?? user) };
  });

  router.add('POST', '/api/me/password', async ({ req, deps }) => {
    const { user, session } = await deps.auth.require(req, { allowPendingPasswordChange: true });
    const body = await readBody(req, changePasswordRequest, deps.config.maxBodyBytes);
    if (!(await verifyPassword(body.currentPassword, user.passwordHash))) {
      throw new HttpError(403, 'wrong_password', 'The current password is wrong.');
    }
    if (body.currentPassword === body.newPassword) {
      throw new HttpError(
        422,
        'password_unchanged',
        'Choose a new password that differs from the current one.'
      );
    }
    await deps.store.users.update(user.id, {
      passwordHash: await hashPassword(body.newPassword),
      mustChangePassword: false
    });
    // Other sessions of this user end: whoever knew the old password is logged out.
    await deps.auth.revokeAllForUser(user.id, session.id);
    await deps.store.audit.append({
      at: Date.now(),
      userId: user.id,
      deviceId: session.deviceId,
      action: 'password.changed',
      target: user.id
    });
    return { status: 204 };
  });
}
