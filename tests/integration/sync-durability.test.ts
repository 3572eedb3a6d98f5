/**
 * Durability: the server runs as a child process; a client streams edits while another watches;
 * the child is killed with SIGKILL mid-stream and restarted on the same DATA_DIR. Everything the
 * server reported as persisted, and everything the watching client saw, must be there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ADMIN, ApiClient, TEST_SETUP_CODE, type TestServer } from '../helpers/test-server.ts';
import { covers, newCase, syncClient, waitSynced } from './sync-support.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-kill-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `tsx server/main.ts` and resolves with its URL once it says it is running. */
async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SETUP_CODE: TEST_SETUP_CODE, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Rinnalla is running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  return { child, url };
}

/** Just enough of a TestServer for the sync helpers. */
function asServer(url: string): TestServer {
  return { url, wsUrl: url.replace('http', 'ws') } as TestServer;
}

it('loses nothing reported as persisted or seen by another client when killed with SIGKILL', async () => {
  const first = await startChild();
  const api = new ApiClient(first.url);
  const setup = await api.post('/api/setup', { ...ADMIN, setupCode: TEST_SETUP_CODE });
  expect(setup.status).toBe(201);
  api.token = setup.body.token as string;
  expect(
    (
      await api.post('/api/users', {
        username: 'worker',
        password: 'worker-password-1',
        role: 'worker',
        displayName: 'W'
      })
    ).status
  ).toBe(201);
  const worker = new ApiClient(first.url);
  worker.token = (await worker.post('/api/session', { username: 'worker', password: 'worker-password-1' }))
    .body.token as string;
  const docId = await newCase(worker);

  const writer = syncClient(asServer(first.url), worker.token, docId);
  const watcher = syncClient(asServer(first.url), worker.token, docId);
  await Promise.all([waitSynced(writer), waitSynced(watcher)]);

  // Stream edits from the writer: one list item per millisecond-ish tick.
  const items = writer.doc.getArray<number>('items');
  let n = 0;
  const stream = setInterval(() => {
    for (let i = 0; i < 5; i++) items.push([n++]);
  }, 2);
  // Kill once a good number of edits have been acknowledged, while the stream still runs.
  await vi.waitFor(
    () => {
      const p = writer.persisted();
      expect(p && (Y.decodeStateVector(p).get(writer.doc.clientID) ?? 0) > 500).toBe(true);
    },
    { timeout: 15_000, interval: 5 }
  );
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  clearInterval(stream);
  const persisted = writer.persisted()!;
  const seen = Y.encodeStateVector(watcher.doc);
  const seenItems = watcher.doc.getArray<number>('items').toArray();
  writer.destroy();
  watcher.destroy();
  // The kill did land mid-stream: the writer had edits the server never acknowledged.
  expect(covers(persisted, Y.encodeStateVector(writer.doc))).toBe(false);

  const second = await startChild();
  try {
    const fresh = syncClient(asServer(second.url), worker.token, docId);
    await waitSynced(fresh);
    const restored = Y.encodeStateVector(fresh.doc);
    expect(covers(restored, persisted)).toBe(true);
    expect(covers(restored, seen)).toBe(true);
    const restoredItems = fresh.doc.getArray<number>('items').toArray();
    expect(restoredItems.slice(0, seenItems.length)).toEqual(seenItems);
    expect(restoredItems.length).toBeGreaterThanOrEqual(seenItems.length);
    fresh.destroy();
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
  }
}, 60_000);
