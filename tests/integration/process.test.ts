/** The server and the operators' CLI as processes: start-up, bad config, graceful shutdown. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, TSX, startServerProcess } from '../helpers/server-process.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rinnalla-proc-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('server process', () => {
  it('prints the setup code, serves, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = tempDir();
    const server = await startServerProcess({ DATA_DIR: dataDir, SETUP_CODE: 'PROCESS-TEST-CODE' });
    expect(server.output()).toContain('first-run setup code: PROCESS-TEST-CODE');
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'admin',
        password: 'admin-password-1',
        setupCode: 'PROCESS-TEST-CODE'
      })
    });
    expect(setup.status).toBe(201);
    expect(server.output()).not.toContain('admin-password-1');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    // The database was checkpointed and closed: the WAL is empty or gone.
    const wal = path.join(dataDir, 'rinnalla.sqlite-wal');
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'rinnalla.sqlite'))).toBe(true);
  });

  it('refuses a bad setting with a message naming it', async () => {
    await expect(startServerProcess({ DATA_DIR: tempDir(), PORT: 'abc' })).rejects.toThrow(
      /Rinnalla cannot start: PORT must be a whole number/
    );
  });
});

describe('npm run users', () => {
  function users(dataDir: string, args: string[], input?: string) {
    return spawnSync(TSX, ['server/cli/users.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      input,
      encoding: 'utf8'
    });
  }

  it('adds with the password from stdin, lists, and disables', () => {
    const dataDir = tempDir();
    const added = users(
      dataDir,
      ['add', 'olli', '--role', 'worker', '--display-name', 'Olli Ohjaaja'],
      'olli-password-1\n'
    );
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/Added olli \(worker\)/);
    expect(users(dataDir, ['add', 'olli', '--role', 'worker'], 'olli-password-1\n').status).toBe(2);

    const list = users(dataDir, ['list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/olli\s+worker\s+active\s+Olli Ohjaaja/);

    expect(users(dataDir, ['disable', 'olli']).status).toBe(0);
    expect(users(dataDir, ['list']).stdout).toMatch(/olli\s+worker\s+disabled/);
    const db = fs.readFileSync(path.join(dataDir, 'rinnalla.sqlite'));
    expect(db.includes('olli-password-1')).toBe(false);
  });

  it.each([
    [['add', 'olli', '--role', 'boss'], 'pw-long-enough\n', /--role must be/],
    [['add', 'olli', '--role', 'worker'], 'short\n', /Bad password/],
    [['disable', 'nobody'], undefined, /No user named "nobody"/],
    [['fly'], undefined, /Unknown command "fly"/]
  ])('explains bad input %j', (args, input, message) => {
    const result = users(tempDir(), args, input);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
