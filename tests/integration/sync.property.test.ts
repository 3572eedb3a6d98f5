/**
 * Seeded property test of convergence through the real server: N stock clients make random
 * edits, disconnect and reconnect at random, and the server restarts at random (in process, on
 * the same DATA_DIR and port). At the end every replica and the server hold the same state, and
 * the server holds everything every replica has. Random pauses between steps are part of the
 * generated schedule (they decide which frames are in flight when something happens).
 *
 * Replay a failure with PROPERTY_SEED=<seed> (and the path fast-check prints).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createSyncExtension } from '../../server/sync/extension.ts';
import { createUser, setupAdmin, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { covers, newCase, syncClient, waitSynced, type SyncClient } from './sync-support.ts';

const SEED = Number(process.env.PROPERTY_SEED ?? 20_250_611);
const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 30);
const MAX_CLIENTS = 4;

type Action =
  | { kind: 'insert'; client: number; at: number; text: string }
  | { kind: 'delete'; client: number; at: number; length: number }
  | { kind: 'set'; client: number; key: string; value: number }
  | { kind: 'disconnect'; client: number }
  | { kind: 'connect'; client: number }
  | { kind: 'restart' }
  | { kind: 'pause'; ms: number };

const client = fc.nat({ max: MAX_CLIENTS - 1 });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      client,
      at: fc.nat(),
      text: fc.string({ minLength: 1, maxLength: 4 })
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      client,
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 3 })
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      client,
      key: fc.constantFrom('a', 'b', 'c'),
      value: fc.integer()
    })
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), client }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('connect' as const), client }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 15 }) })
  }
);

let server: TestServer;
let port: number;
let token: string;
let worker: Awaited<ReturnType<typeof createUser>>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-property-'));

async function startServer(): Promise<TestServer> {
  return startTestServer(port === undefined ? {} : { PORT: String(port) }, {
    dataDir,
    extensions: [createSyncExtension({ roomGraceMs: 20, compactRows: 25 })]
  });
}

beforeAll(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
  const admin = await setupAdmin(server);
  worker = await createUser(server, admin, 'worker', 'worker');
  token = worker.client.token!;
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function state(doc: Y.Doc) {
  return { text: doc.getText('t').toString(), map: doc.getMap('m').toJSON() };
}

async function run(clientCount: number, actions: Action[]): Promise<void> {
  const docId = await newCase(worker.client);
  const clients: SyncClient[] = [];
  for (let i = 0; i < clientCount; i++) clients.push(syncClient(server, token, docId));
  try {
    await Promise.all(clients.map(waitSynced));
    for (const a of actions) {
      const c = 'client' in a ? clients[a.client % clientCount]! : undefined;
      switch (a.kind) {
        case 'insert': {
          const t = c!.doc.getText('t');
          t.insert(a.at % (t.length + 1), a.text);
          break;
        }
        case 'delete': {
          const t = c!.doc.getText('t');
          if (t.length > 0) {
            const at = a.at % t.length;
            t.delete(at, Math.min(a.length, t.length - at));
          }
          break;
        }
        case 'set':
          c!.doc.getMap('m').set(a.key, a.value);
          break;
        case 'disconnect':
          c!.provider.disconnect();
          break;
        case 'connect':
          c!.provider.connect();
          break;
        case 'restart':
          await server.stop();
          server = await startServer();
          break;
        case 'pause':
          await new Promise((resolve) => setTimeout(resolve, a.ms));
          break;
      }
    }
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
    await vi.waitFor(
      () => {
        for (const c of clients) expect(c.provider.synced).toBe(true);
        const expected = state(clients[0]!.doc);
        for (const c of clients) expect(state(c.doc)).toEqual(expected);
      },
      { timeout: 15_000, interval: 20 }
    );
    // The server's own copy, seen by a fresh client, is the same and lacks nothing.
    const fresh = syncClient(server, token, docId);
    clients.push(fresh);
    await waitSynced(fresh);
    await vi.waitFor(() => {
      expect(state(fresh.doc)).toEqual(state(clients[0]!.doc));
      const server = Y.encodeStateVector(fresh.doc);
      for (const c of clients) expect(covers(server, Y.encodeStateVector(c.doc))).toBe(true);
    });
  } finally {
    for (const c of clients) c.destroy();
  }
}

it('replicas and the server converge under random edits, partitions and restarts', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 2, max: MAX_CLIENTS }),
      fc.array(action, { minLength: 5, maxLength: 40 }),
      async (clientCount, actions) => {
        // At most two restarts per run keep the run short.
        let restarts = 0;
        await run(
          clientCount,
          actions.filter((a) => a.kind !== 'restart' || ++restarts <= 2)
        );
      }
    ),
    { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true }
  );
}, 120_000);
