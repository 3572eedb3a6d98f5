/** Devices: recorded at login, listed and revoked by an admin; a revoked device learns it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/lib/domain/ids.ts';
import { CLOSE_UNAUTHORIZED } from '../../src/lib/api/sync-protocol.ts';
import {
  ApiClient,
  createUser,
  setupAdmin,
  startTestServer,
  type TestServer
} from '../helpers/test-server.ts';
import { newCase, rawClient } from './sync-support.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server.stop();
});

async function loginOnDevice(username: string, password: string, deviceId: string) {
  const client = new ApiClient(server.url);
  const res = await client.post('/api/session', { username, password, deviceId });
  if (res.status === 200) client.token = res.body.token as string;
  return { client, res };
}

describe('devices', () => {
  it('records the device at login and lists it for admins only', async () => {
    const admin = await setupAdmin(server);
    const worker = await createUser(server, admin, 'olli', 'worker');
    const deviceId = uuidv7();
    const { res } = await loginOnDevice('olli', worker.password, deviceId);
    expect(res.status).toBe(200);

    const list = await admin.get('/api/devices');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ id: deviceId, lastUsername: 'olli', revoked: false, revokedAt: null })
    ]);
    expect((await worker.client.get('/api/devices')).status).toBe(403);
    expect((await new ApiClient(server.url).get('/api/devices')).status).toBe(401);
  });

  it('revoking ends the device’s sessions, closes its sockets and refuses its logins', async () => {
    const admin = await setupAdmin(server);
    const worker = await createUser(server, admin, 'olli', 'worker');
    const deviceId = uuidv7();
    const onDevice = await loginOnDevice('olli', worker.password, deviceId);
    const docId = await newCase(onDevice.client);
    const socket = await rawClient(server, onDevice.client.token!, docId);
    // The same user on another device keeps working.
    const elsewhere = await loginOnDevice('olli', worker.password, uuidv7());

    const status = new ApiClient(server.url);
    expect((await status.get(`/api/devices/${deviceId}/status`)).body).toEqual({ revoked: false });

    expect((await worker.client.post(`/api/devices/${deviceId}/revoke`)).status).toBe(403);
    expect((await admin.post(`/api/devices/${deviceId}/revoke`)).status).toBe(204);

    expect((await socket.closed).code).toBe(CLOSE_UNAUTHORIZED);
    expect((await onDevice.client.get('/api/me')).status).toBe(401);
    expect((await elsewhere.client.get('/api/me')).status).toBe(200);
    expect((await status.get(`/api/devices/${deviceId}/status`)).body).toEqual({ revoked: true });

    const again = await loginOnDevice('olli', worker.password, deviceId);
    expect(again.res.status).toBe(403);
    expect(again.res.body).toMatchObject({ error: { code: 'device_revoked' } });
  });

  it('answers 404 for an unknown device and 400 for a malformed id', async () => {
    const admin = await setupAdmin(server);
    expect((await admin.post(`/api/devices/${uuidv7()}/revoke`)).status).toBe(404);
    const anon = new ApiClient(server.url);
    expect((await anon.get('/api/devices/not-a-uuid/status')).status).toBe(400);
    expect((await anon.get(`/api/devices/${uuidv7()}/status`)).body).toEqual({ revoked: false });
  });
});
