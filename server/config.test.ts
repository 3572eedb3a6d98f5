import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('has safe defaults', () => {
    const config = parseConfig({}, '/srv/rinnalla');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('/srv/rinnalla/data'),
      secureCookies: false,
      durability: 'normal',
      checkpointMs: 500,
      syncDocIdleMs: 60_000,
      setupCode: undefined
    });
  });

  it('reads every variable', () => {
    const config = parseConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/rinnalla',
        SESSION_IDLE_MINUTES: '15',
        SESSION_MAX_HOURS: '12',
        SECURE_COOKIES: 'true',
        SETUP_CODE: 'abcdefgh12',
        LOG_LEVEL: 'warn',
        DB_DURABILITY: 'full'
      },
      '/srv'
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/rinnalla',
      sessionIdleMinutes: 15,
      sessionMaxHours: 12,
      secureCookies: true,
      setupCode: 'abcdefgh12',
      logLevel: 'warn',
      durability: 'full'
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ PORT: '-1' }, /PORT must be a whole number/],
    [{ HOST: 'bad host!' }, /HOST must be/],
    [{ SECURE_COOKIES: 'maybe' }, /SECURE_COOKIES must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ SETUP_CODE: 'short' }, /SETUP_CODE must be at least 8/],
    [{ DB_DURABILITY: 'paranoid' }, /DB_DURABILITY must be normal or full/],
    [{ SESSION_IDLE_MINUTES: '0' }, /SESSION_IDLE_MINUTES must be between/]
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => parseConfig(env, '/')).toThrow(ConfigError);
    expect(() => parseConfig(env, '/')).toThrow(message);
  });
});
