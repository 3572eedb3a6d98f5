/**
 * Server configuration, parsed once from the environment into a typed object.
 * A bad value stops the start-up with a message that names the variable and what it expects.
 */
import path from 'node:path';

export interface Config {
  /** TCP port; 0 picks a free port (tests). */
  port: number;
  /** Interface to listen on. 127.0.0.1 by default; 0.0.0.0 serves the LAN. */
  host: string;
  /** Directory holding the SQLite database and nothing else the server needs. */
  dataDir: string;
  /** Directory holding the built app (vite build output). */
  appDir: string;
  /** Minutes without a request after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after login after which a session ends whatever its use. */
  sessionMaxHours: number;
  /** Largest JSON request body in bytes. */
  maxBodyBytes: number;
  /** Largest sync (websocket) message in bytes. */
  maxSyncMessageBytes: number;
  /** A doc's update log is compacted into one snapshot row past this many rows since the last. */
  syncCompactRows: number;
  /** … or past this many bytes of updates since the last snapshot. */
  syncCompactBytes: number;
  /** Milliseconds a room stays in memory after its last connection closed. */
  syncRoomGraceMs: number;
  /** Milliseconds without changes after which an open doc is kept only in its encoded form. */
  syncDocIdleMs: number;
  /** When set, the first-run setup code (otherwise random); for automated provisioning and tests. */
  setupCode: string | undefined;
  /** Whether cookies get the Secure flag and responses HSTS: the server sits behind TLS. */
  secureCookies: boolean;
  /** `normal`: a commit survives a process crash; `full`: also power loss (an fsync per commit). */
  durability: 'normal' | 'full';
  /** How often a worker thread checkpoints the WAL, in ms; 0 leaves it to SQLite, in the commits. */
  checkpointMs: number;
  /** pino log level. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}; got "${raw}".`);
  }
  const value = Number(raw.trim());
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}; got ${value}.`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}".`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses the environment. Throws {@link ConfigError} on the first bad value. */
export function parseConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const host = env.HOST?.trim() || '127.0.0.1';
  if (!/^[\w.:[\]-]+$/.test(host)) {
    throw new ConfigError(`HOST must be a host name or an IP address; got "${env.HOST}".`);
  }
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${env.LOG_LEVEL}".`);
  }
  const durability = (env.DB_DURABILITY?.trim().toLowerCase() || 'normal') as Config['durability'];
  if (durability !== 'normal' && durability !== 'full') {
    throw new ConfigError(`DB_DURABILITY must be normal or full; got "${env.DB_DURABILITY}".`);
  }
  const setupCode = env.SETUP_CODE?.trim() || undefined;
  if (setupCode !== undefined && setupCode.length < 8) {
    throw new ConfigError('SETUP_CODE must be at least 8 characters long.');
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || 'data'),
    appDir: path.resolve(cwd, env.APP_DIR?.trim() || 'build'),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 8 * 60, 1, 7 * 24 * 60),
    sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 72, 1, 24 * 90),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    maxSyncMessageBytes: integer(env, 'MAX_SYNC_MESSAGE_BYTES', 8 * 1024 * 1024, 1024, 256 * 1024 * 1024),
    syncCompactRows: integer(env, 'SYNC_COMPACT_ROWS', 500, 2, 1_000_000),
    syncCompactBytes: integer(env, 'SYNC_COMPACT_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    syncRoomGraceMs: integer(env, 'SYNC_ROOM_GRACE_MS', 5000, 0, 3_600_000),
    syncDocIdleMs: integer(env, 'SYNC_DOC_IDLE_MS', 60_000, 100, 24 * 3_600_000),
    setupCode,
    secureCookies: boolean(env, 'SECURE_COOKIES', false),
    durability,
    checkpointMs: integer(env, 'SQLITE_CHECKPOINT_MS', 500, 0, 60_000),
    logLevel
  };
}
