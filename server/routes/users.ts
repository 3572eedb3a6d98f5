/** Admin: accounts and sessions. Admins manage accounts, never case content. */
import { createUserRequest, patchUserRequest, type ActiveSession } from '../../src/lib/api/schemas.ts';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import type { ApiRouter } from '../context.ts';
import { generateOneTimePassword, hashPassword } from '../auth/passwords.ts';
import { readBody } from '../http/body.ts';
import { HttpError, conflict, notFound } from '../http/errors.ts';
import { ConflictError } from '../store/types.ts';
import { toPublicUser } from './public-user.ts';

export function registerUserRoutes(router: ApiRouter): void {
  router.add('GET', '/api/users', async ({ req, deps }) => {
    await deps.auth.requireRole(req, 'admin');
    return { status: 200, body: (await deps.store.users.list()).map(toPublicUser) };
  });

  router.add('POST', '/api/users', async ({ req, deps }) => {
    const admin = await deps.auth.requireRole(req, 'admin');
    const body = await readBody(req, createUserRequest, deps.config.maxBodyBytes);
    const user = await deps.store.users
      .create({
        id: uuidv7(),
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        passwordHash: await hashPassword(body.password),
        mustChangePassword: body.mustChangePassword ?? false
      })
      .catch((error: unknown) => {
        throw error instanceof ConflictError ? conflict(error.message, 'username_taken') : error;
      });
    await deps.store.audit.append({
      at: Date.now(),
      userId: admin.user.id,
      deviceId: admin.session.deviceId,
      action: 'user.created',
      target: user.id,
      detail: user.role
    });
    return { status: 201, body: toPublicUser(user) };
  });

  router.add('PATCH', '/api/users/:id', async ({ req, deps, params }) => {
    const admin = await deps.auth.requireRole(req, 'admin');
    const patch = await readBody(req, patchUserRequest, deps.config.maxBodyBytes);
    const target = await deps.store.users.byId(params.id!);
    if (!target) throw notFound('No such user.');
    if (target.id === admin.user.id && (patch.disabled === true || (patch.role && patch.role !== 'admin'))) {
      throw new HttpError(
        409,
        'cannot_lock_out_self',
        'You cannot disable yourself or take away your own admin role. Ask another admin.'
      );
    }
    const updated = await deps.store.users.update(target.id, patch);
    if (patch.disabled === true) await deps.auth.revokeAllForUser(target.id);
    if (patch.disabled !== undefined || patch.role !== undefined) deps.events.emit('userChanged', target.id);
    await deps.store.audit.append({
      at: Date.now(),
      userId: admin.user.id,
      deviceId: admin.session.deviceId,
      action: 'user.updated',
      target: target.id,
      detail: Object.keys(patch).join(',')
    });
    return { status: 200, body: toPublicUser(updated!) };
  });

  router.add('POST', '/api/users/:id/password-reset', async ({ req, deps, params }) => {
    const admin = await deps.auth.requireRole(req, 'admin');
    const target = await deps.store.users.byId(params.id!);
    if (!target) throw notFound('No such user.');
    const oneTimePassword = generateOneTimePassword();
    await deps.store.users.update(target.id, {
      passwordHash: await hashPassword(oneTimePassword),
      mustChangePassword: true
    });
    await deps.auth.revokeAllForUser(target.id);
    deps.events.emit('userChanged', target.id);
    await deps.store.audit.append({
      at: Date.now(),
      userId: admin.user.id,
      deviceId: admin.session.deviceId,
      action: 'user.password_reset',
      target: target.id
    });
    return { status: 200, body: { oneTimePassword } };
  });

  router.add('GET', '/api/sessions', async ({ req, deps }) => {
    const admin = await deps.auth.requireRole(req, 'admin');
    const now = Date.now();
    const users = new Map((await deps.store.users.list()).map((u) => [u.id, u]));
    const sessions: ActiveSession[] = (await deps.store.sessions.listActive(now))
      .filter((s) => deps.auth.isLive(s, now))
      .map((s) => ({
        id: s.id,
        userId: s.userId,
        username: users.get(s.userId)?.username ?? '?',
        deviceId: s.deviceId,
        userAgent: s.userAgent,
        createdAt: new Date(s.createdAt).toISOString(),
        lastSeenAt: new Date(s.lastSeenAt).toISOString(),
        current: s.id === admin.session.id
      }));
    return { status: 200, body: sessions };
  });

  router.add('DELETE', '/api/sessions/:id', async ({ req, deps, params }) => {
    const admin = await deps.auth.requireRole(req, 'admin');
    const session = await deps.store.sessions.byId(params.id!);
    if (!session || session.revokedAt !== null) throw notFound('No such active session.');
    await deps.auth.revoke(session.id);
    await deps.store.audit.append({
      at: Date.now(),
      userId: admin.user.id,
      deviceId: admin.session.deviceId,
      action: 'session.revoked',
      target: session.userId
    });
    return { status: 204 };
  });
}
