/** The embedded SQLite implementation of {@link Store}. */
import type {
  AuditEvent,
  AuditStore,
  DirectoryStore,
  DocLogStore,
  MetaStore,
  NewUser,
  SessionRecord,
  SessionStore,
  Store,
  UserPatch,
  UserRecord,
  UserStore
} from '../types.ts';
import { ConflictError } from '../types.ts';
import { Checkpointer, type CheckpointerOptions } from './checkpointer.ts';
import { openDatabase, type Db, type Durability } from './database.ts';
import { prepared } from './prepared.ts';
import { SqliteDevices } from './sqlite-devices.ts';
import type { DeviceStore } from '../devices.ts';
import { SqliteDirectory } from './sqlite-directory.ts';
import { SqliteDocLog } from './sqlite-doc-log.ts';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: UserRecord['role'];
  language: UserRecord['language'];
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: number;
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    language: row.language,
    passwordHash: row.password_hash,
    mustChangePassword: row.must_change_password === 1,
    disabled: row.disabled === 1,
    createdAt: row.created_at
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

class SqliteUsers implements UserStore {
  constructor(private readonly db: Db) {}

  async count(): Promise<number> {
    return (prepared(this.db, 'SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  private insert(user: NewUser): UserRecord {
    const row: UserRow = {
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      language: user.language ?? 'fi',
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword ? 1 : 0,
      disabled: 0,
      created_at: Date.now()
    };
    try {
      prepared(
        this.db,
        `INSERT INTO users (id, username, display_name, role, language, password_hash, must_change_password, disabled, created_at)
           VALUES (@id, @username, @display_name, @role, @language, @password_hash, @must_change_password, @disabled, @created_at)`
      ).run(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`The username "${user.username}" is taken.`);
      throw error;
    }
    return toUser(row);
  }

  async create(user: NewUser): Promise<UserRecord> {
    return this.insert(user);
  }

  async createFirst(user: NewUser): Promise<UserRecord | null> {
    // One transaction, so that two simultaneous setup requests cannot both succeed.
    return this.db
      .transaction(() => {
        const { n } = prepared(this.db, 'SELECT count(*) AS n FROM users').get() as { n: number };
        return n > 0 ? null : this.insert(user);
      })
      .immediate();
  }

  async byId(id: string): Promise<UserRecord | null> {
    const row = prepared(this.db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async byUsername(username: string): Promise<UserRecord | null> {
    const row = prepared(this.db, 'SELECT * FROM users WHERE username = ?').get(username) as
      UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async list(): Promise<UserRecord[]> {
    return (prepared(this.db, 'SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  async update(id: string, patch: UserPatch): Promise<UserRecord | null> {
    const columns: Record<keyof UserPatch, string> = {
      displayName: 'display_name',
      role: 'role',
      language: 'language',
      passwordHash: 'password_hash',
      mustChangePassword: 'must_change_password',
      disabled: 'disabled'
    };
    const sets: string[] = [];
    const values: Record<string, unknown> = { id };
    for (const [key, value] of Object.entries(patch) as [keyof UserPatch, unknown][]) {
      if (value === undefined) continue;
      sets.push(`${columns[key]} = @${key}`);
      values[key] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    }
    if (sets.length > 0) {
      prepared(this.db, `UPDATE users SET ${sets.join(', ')} WHERE id = @id`).run(values);
    }
    return this.byId(id);
  }
}

interface SessionRow {
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  device_id: string | null;
  user_agent: string;
  address: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    csrfToken: row.csrf_token,
    deviceId: row.device_id,
    userAgent: row.user_agent,
    address: row.address,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at
  };
}

class SqliteSessions implements SessionStore {
  constructor(private readonly db: Db) {}

  async create(s: Omit<SessionRecord, 'revokedAt'>): Promise<void> {
    prepared(
      this.db,
      `INSERT INTO sessions (id, user_id, token_hash, csrf_token, device_id, user_agent, address, created_at, last_seen_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(
      s.id,
      s.userId,
      s.tokenHash,
      s.csrfToken,
      s.deviceId,
      s.userAgent,
      s.address,
      s.createdAt,
      s.lastSeenAt,
      s.expiresAt
    );
  }

  async byTokenHash(tokenHash: string): Promise<SessionRecord | null> {
    const row = prepared(this.db, 'SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as
      SessionRow | undefined;
    return row ? toSession(row) : null;
  }

  async byId(id: string): Promise<SessionRecord | null> {
    const row = prepared(this.db, 'SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
    return row ? toSession(row) : null;
  }

  async touch(id: string, lastSeenAt: number): Promise<void> {
    prepared(this.db, 'UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(lastSeenAt, id);
  }

  async revoke(id: string, at: number): Promise<void> {
    prepared(this.db, 'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
  }

  async revokeAllForUser(userId: string, at: number, exceptId?: string): Promise<string[]> {
    return this.db.transaction(() => {
      const ids = (
        prepared(
          this.db,
          'SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?'
        ).all(userId, exceptId ?? null) as { id: string }[]
      ).map((r) => r.id);
      const revoke = prepared(this.db, 'UPDATE sessions SET revoked_at = ? WHERE id = ?');
      for (const id of ids) revoke.run(at, id);
      return ids;
    })();
  }

  async listActive(now: number): Promise<SessionRecord[]> {
    return (
      prepared(
        this.db,
        'SELECT * FROM sessions WHERE revoked_at IS NULL AND expires_at > ? ORDER BY last_seen_at DESC'
      ).all(now) as SessionRow[]
    ).map(toSession);
  }

  async prune(before: number): Promise<number> {
    return prepared(
      this.db,
      'DELETE FROM sessions WHERE expires_at < ? OR (revoked_at IS NOT NULL AND revoked_at < ?)'
    ).run(before, before).changes;
  }
}

class SqliteMeta implements MetaStore {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<string | null> {
    const row = prepared(this.db, 'SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    prepared(
      this.db,
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
    ).run(key, value);
  }
}

class SqliteAudit implements AuditStore {
  constructor(private readonly db: Db) {}

  async append(e: AuditEvent): Promise<void> {
    prepared(
      this.db,
      'INSERT INTO audit_log (at, user_id, device_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)'
    ).run(e.at, e.userId, e.deviceId, e.action, e.target, e.detail ?? null);
  }

  async appendMany(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    const insert = prepared(
      this.db,
      'INSERT INTO audit_log (at, user_id, device_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)'
    );
    this.db.transaction(() => {
      for (const e of events) insert.run(e.at, e.userId, e.deviceId, e.action, e.target, e.detail ?? null);
    })();
  }

  async list(filter: { target?: string; userId?: string; limit?: number }): Promise<AuditEvent[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.target) {
      where.push('target = ?');
      args.push(filter.target);
    }
    if (filter.userId) {
      where.push('user_id = ?');
      args.push(filter.userId);
    }
    const sql = `SELECT at, user_id, device_id, action, target, detail FROM audit_log
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    args.push(filter.limit ?? 200);
    return (
      prepared(this.db, sql).all(...args) as {
        at: number;
        user_id: string | null;
        device_id: string | null;
        action: string;
        target: string | null;
        detail: string | null;
      }[]
    ).map((r) => ({
      at: r.at,
      userId: r.user_id,
      deviceId: r.device_id,
      action: r.action,
      target: r.target,
      ...(r.detail === null ? {} : { detail: r.detail })
    }));
  }
}

export class SqliteStore implements Store {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly meta: MetaStore;
  readonly audit: AuditStore;
  readonly devices: DeviceStore;
  readonly directory: DirectoryStore;
  readonly docLog: DocLogStore;

  constructor(readonly db: Db) {
    this.users = new SqliteUsers(db);
    this.sessions = new SqliteSessions(db);
    this.meta = new SqliteMeta(db);
    this.audit = new SqliteAudit(db);
    this.devices = new SqliteDevices(db);
    this.directory = new SqliteDirectory(db);
    this.docLog = new SqliteDocLog(db);
  }

  private checkpointer: Checkpointer | undefined;

  /**
   * Opens the database under `dataDir`. A long-running server passes `checkpoints`, so that WAL
   * checkpoints run on a thread of their own (checkpointer.ts); a short-lived tool does not.
   */
  static open(
    dataDir: string,
    durability: Durability = 'normal',
    checkpoints?: CheckpointerOptions
  ): SqliteStore {
    const store = new SqliteStore(openDatabase(dataDir, { durability }));
    if (checkpoints) store.checkpointer = Checkpointer.start(store.db, checkpoints);
    return store;
  }

  async ping(): Promise<boolean> {
    try {
      return (prepared(this.db, 'SELECT 1 AS ok').get() as { ok: number }).ok === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
