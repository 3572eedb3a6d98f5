/**
 * `GET /api/staff` against the real server: which roles may read the staff directory, what it
 * holds (staff only, no login data) and how disabled colleagues are marked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  createUser,
  setupAdmin,
  startTestServer,
  type TestServer
} from '../helpers/test-server.ts';

let server: TestServer;
let admin: ApiClient;
let ids: Record<'coordinator' | 'worker' | 'expert' | 'gone', string>;
let clients: Record<'coordinator' | 'worker' | 'expert', ApiClient>;

beforeAll(async () => {
  server = await startTestServer();
  admin = await setupAdmin(server);
  const coordinator = await createUser(server, admin, 'coord', 'coordinator');
  const worker = await createUser(server, admin, 'worker', 'worker');
  const expert = await createUser(server, admin, 'expert', 'expert');
  const gone = await createUser(server, admin, 'gone', 'worker');
  expect((await admin.patch(`/api/users/${gone.id}`, { disabled: true })).status).toBe(200);
  ids = { coordinator: coordinator.id, worker: worker.id, expert: expert.id, gone: gone.id };
  clients = { coordinator: coordinator.client, worker: worker.client, expert: expert.client };
});
afterAll(async () => {
  await server.stop();
});

describe('GET /api/staff', () => {
  it('lists every staff member with name, role and whether they are enabled, and no admin', async () => {
    const res = await clients.worker.get('/api/staff');
    expect(res.status).toBe(200);
    const staff = res.body as { id: string; displayName: string; role: string; enabled: boolean }[];
    expect(new Set(staff.map((s) => s.id))).toEqual(new Set(Object.values(ids)));
    expect(staff.find((s) => s.id === ids.expert)).toEqual({
      id: ids.expert,
      displayName: 'expert (test)',
      role: 'expert',
      enabled: true
    });
    expect(staff.find((s) => s.id === ids.gone)?.enabled).toBe(false);
    for (const s of staff) expect(Object.keys(s).sort()).toEqual(['displayName', 'enabled', 'id', 'role']);
  });

  it('answers coordinators and experts too', async () => {
    expect((await clients.coordinator.get('/api/staff')).status).toBe(200);
    expect((await clients.expert.get('/api/staff')).status).toBe(200);
  });

  it('refuses admins (403) and anonymous callers (401)', async () => {
    expect((await admin.get('/api/staff')).status).toBe(403);
    expect((await new ApiClient(server.url).get('/api/staff')).status).toBe(401);
  });
});
