/**
 * Devices. Admins list and revoke them; a device asks whether it has been revoked, so that a lost
 * tablet wipes its local data the next time it reaches the server.
 */
import { z } from 'zod';
import type { ApiRouter } from '../context.ts';
import { badRequest, notFound } from '../http/errors.ts';

const deviceId = z.uuid();

export function registerDeviceRoutes(router: ApiRouter): void {
  router.add('GET', '/api/devices', async ({ req, deps }) => {
    await deps.auth.requireRole(req, 'admin');
    const users = new Map((await deps.store.users.list()).map((u) => [u.id, u]));
    const devices = (await deps.store.devices.list()).map((d) => ({
      id: d.id,
      lastUsername: users.get(d.lastUserId)?.username ?? '?',
      lastUserDisplayName: users.get(d.lastUserId)?.displayName ?? '?',
      userAgent: d.userAgent,
      firstSeenAt: new Date(d.firstSeenAt).toISOString(),
      lastSeenAt: new Date(d.lastSeenAt).toISOString(),
      revoked: d.revokedAt !== null,
      revokedAt: d.revokedAt === null ? null : new Date(d.revokedAt).toISOString()
    }));
    return { status: 200, body: devices };
  });

  router.add('POST', '/api/devices/:id/revoke', async ({ req, deps, params }) => {
    const admin = await deps.auth.requireRole(req, 'admin');
    const id = params.id!;
    if (!(await deps.store.devices.revoke(id, admin.user.id, Date.now()))) throw notFound('No such device.');
    await deps.auth.revokeDeviceSessions(id);
    await deps.store.audit.append({
      at: Date.now(),
      userId: admin.user.id,
      deviceId: admin.session.deviceId,
      action: 'device.revoked',
      target: id
    });
    return { status: 204 };
  });

  // No session needed: a revoked device has none, and must still learn that it should wipe.
  // The answer tells nothing but whether this id was revoked.
  router.add('GET', '/api/devices/:id/status', async ({ deps, params }) => {
    const parsed = deviceId.safeParse(params.id);
    if (!parsed.success) throw badRequest('A device id is a UUID.');
    const device = await deps.store.devices.byId(parsed.data);
    return { status: 200, body: { revoked: device?.revokedAt != null } };
  });
}
