/**
 * The storage boundary. Callers depend on these interfaces only, so that a PostgreSQL store can
 * be added beside the SQLite one without touching them. Every method is async for that reason,
 * even though better-sqlite3 answers synchronously.
 */
import type { Role } from '../../src/lib/api/schemas.ts';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  language: 'fi' | 'en';
  passwordHash: string;
  /** Set by an admin's password reset: the next login must choose a new password. */
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: number;
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword?: boolean;
  language?: 'fi' | 'en';
}

export type UserPatch = Partial<
  Pick<UserRecord, 'displayName' | 'role' | 'language' | 'passwordHash' | 'mustChangePassword' | 'disabled'>
>;

export interface UserStore {
  count(): Promise<number>;
  /** Inserts a user. Throws {@link ConflictError} when the username is taken. */
  create(user: NewUser): Promise<UserRecord>;
  /** Inserts the first user only while no user exists; returns null if one does. */
  createFirst(user: NewUser): Promise<UserRecord | null>;
  byId(id: string): Promise<UserRecord | null>;
  byUsername(username: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  update(id: string, patch: UserPatch): Promise<UserRecord | null>;
}

export interface SessionRecord {
  id: string;
  userId: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: string;
  csrfToken: string;
  deviceId: string | null;
  userAgent: string;
  address: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface SessionStore {
  create(session: Omit<SessionRecord, 'revokedAt'>): Promise<void>;
  byTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  byId(id: string): Promise<SessionRecord | null>;
  touch(id: string, lastSeenAt: number): Promise<void>;
  revoke(id: string, at: number): Promise<void>;
  revokeAllForUser(userId: string, at: number, exceptId?: string): Promise<string[]>;
  /** Sessions neither revoked nor past their absolute expiry, newest first. */
  listActive(now: number): Promise<SessionRecord[]>;
  /** Deletes sessions that ended before `before`. */
  prune(before: number): Promise<number>;
}

export interface MetaStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface AuditEvent {
  at: number;
  userId: string | null;
  deviceId: string | null;
  action: string;
  /** What the action was about: a user id, a doc id. Never a participant's name. */
  target: string | null;
  detail?: string;
}

export interface AuditStore {
  append(event: AuditEvent): Promise<void>;
  list(filter: { target?: string; userId?: string; limit?: number }): Promise<AuditEvent[]>;
}

export interface Store {
  users: UserStore;
  sessions: SessionStore;
  meta: MetaStore;
  audit: AuditStore;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /** Finishes pending writes and closes the database. */
  close(): Promise<void>;
}

export class ConflictError extends Error {
  readonly code = 'conflict';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}
