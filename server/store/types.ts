/**
 * The storage boundary. Callers depend on these interfaces only, so that a PostgreSQL store can
 * be added beside the SQLite one without touching them. Every method is async for that reason,
 * even though better-sqlite3 answers synchronously.
 */
import type { Role } from '../../src/lib/api/schemas.ts';
import type { CaseStatus, NextActionKind, WorkPackage } from '../../src/lib/domain/case-file/index.ts';
import type { DeviceStore } from './devices.ts';

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
  /** Appends several events in one transaction (one disk sync instead of one per event). */
  appendMany(events: readonly AuditEvent[]): Promise<void>;
  list(filter: { target?: string; userId?: string; limit?: number }): Promise<AuditEvent[]>;
}

/** What a synced document is: a participant's case file, a group period, or the team log. */
export type DocKind = 'case' | 'group' | 'teamlog';

/** A person's place on a participant's team. Readers may open the case file but not change it. */
export type TeamRole = 'worker' | 'expert' | 'reader';

export interface Team {
  workers: string[];
  experts: string[];
  readers: string[];
}

export interface DocRecord {
  docId: string;
  kind: DocKind;
  /** The participant a case doc belongs to; null for other kinds. */
  participantId: string | null;
  createdAt: number;
}

export interface ParticipantRecord {
  id: string;
  /** The case doc; equal to the participant id, so a device can open a case it made offline. */
  docId: string;
  displayName: string;
  /** Projected from the case doc's `profile.alias`; null when unset. */
  alias: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  team: Team;
  /** 1 as registered, one more after each {@link DirectoryStore.setTeam} (optimistic concurrency). */
  teamVersion: number;
  /** The register fields projected from the case doc; null until the doc was first projected. */
  projection: ParticipantProjection | null;
}

/**
 * The register fields the server projects from a case doc after its updates are persisted
 * (server/sync/directory-projection.ts), so that the register lists and filters without
 * opening any doc. `nextAction*` are as of the last projection (the last change of the doc).
 */
export interface ParticipantProjection {
  status: CaseStatus;
  workPackages: WorkPackage[];
  /** TP3 release date, `YYYY-MM-DD`. */
  releaseDate: string | null;
  /** The earliest thing to do in the case (see `nextAction` in the domain), `YYYY-MM-DD`. */
  nextActionDate: string | null;
  nextActionKind: NextActionKind | null;
}

export interface NewParticipant {
  id: string;
  displayName: string;
  createdBy: string;
  at: number;
}

/**
 * The server-authoritative directory: participants, their case docs and who is on each team.
 * Clients change it only through the API, never by editing a CRDT.
 */
export interface DirectoryStore {
  /**
   * Registers a participant with a case doc whose id is the participant id, and puts the creator
   * on the team as a worker, in one transaction. Idempotent: when the id exists and was created
   * by the same user, returns it with `created: false`. Throws {@link ConflictError} when the id
   * belongs to another creator or to a doc of another kind.
   */
  createParticipant(p: NewParticipant): Promise<{ participant: ParticipantRecord; created: boolean }>;
  participant(id: string): Promise<ParticipantRecord | null>;
  /** All participants, or those with `memberId` on the team (any team role), by creation time. */
  listParticipants(filter?: { memberId?: string }): Promise<ParticipantRecord[]>;
  /**
   * Replaces the team and adds one to its version, in one transaction. A user id must appear in
   * one list only. Returns null for an unknown id. With `basedOn`, throws
   * {@link TeamChangedError} (and changes nothing) unless it is the current team version.
   */
  setTeam(id: string, team: Team, at: number, basedOn?: number): Promise<ParticipantRecord | null>;
  /** The user's team role on a participant, or null. */
  teamRole(participantId: string, userId: string): Promise<TeamRole | null>;
  doc(docId: string): Promise<DocRecord | null>;
  /** Projection target: sets the display fields read from the case doc. True when a row changed. */
  updateParticipantDisplay(
    id: string,
    fields: { displayName?: string; alias?: string | null },
    at: number
  ): Promise<boolean>;
  /**
   * Projection target: replaces the register fields read from the case doc. Writes (and touches
   * `updatedAt`) only when a value differs. True when a row changed; false also for an unknown id.
   */
  updateParticipantProjection(id: string, projection: ParticipantProjection, at: number): Promise<boolean>;
  /**
   * Backfill source: participants whose case doc has log rows past the seq the backfill last
   * projected (or that it never projected), ordered by participant id, starting after `after`
   * (null: from the first), at most `limit`. `lastSeq` is the doc's last log seq now.
   */
  unprojectedCases(after: string | null, limit: number): Promise<UnprojectedCase[]>;
  /**
   * Records that the projections ran on the case doc's log up to `seq`. Never moves backwards;
   * a no-op for an unknown id.
   */
  markProjected(participantId: string, seq: number): Promise<void>;
}

/** A participant whose case doc may hold what the register does not show yet. */
export interface UnprojectedCase {
  participantId: string;
  docId: string;
  /** The doc's last update-log seq when asked. */
  lastSeq: number;
}

/** One accepted update, attributed to the session that sent it. */
export interface DocLogEntry {
  docId: string;
  userId: string | null;
  deviceId: string | null;
  at: number;
  /** A Yjs update (v1 encoding). */
  update: Uint8Array;
}

export interface DocLogRow {
  seq: number;
  kind: 'update' | 'snapshot';
  update: Uint8Array;
  /** A snapshot's state vector, when stored with it (saves parsing the snapshot to learn it). */
  stateVector: Uint8Array | null;
}

/** Attribution of one accepted update; kept after compaction for the audit log and history. */
export interface DocUpdateMeta {
  docId: string;
  seq: number;
  userId: string | null;
  deviceId: string | null;
  at: number;
  size: number;
}

/**
 * The append-only Yjs update log per doc. Replaying a doc's rows in `seq` order rebuilds it.
 */
export interface DocLogStore {
  /**
   * Appends the entries in ONE transaction (group commit) and returns their sequence numbers in
   * the same order. When it resolves, the rows are durable (see DB_DURABILITY).
   */
  appendBatch(entries: readonly DocLogEntry[]): Promise<number[]>;
  /** The doc's rows in order: at most one snapshot first, then updates. */
  load(docId: string): Promise<DocLogRow[]>;
  /**
   * Replaces every row with `seq <= uptoSeq` by one snapshot row at `uptoSeq`, in one
   * transaction. The snapshot must encode exactly the state of those rows, and `stateVector`,
   * when given, must be its state vector. Attribution rows stay.
   */
  compact(docId: string, snapshot: Uint8Array, uptoSeq: number, stateVector?: Uint8Array): Promise<void>;
  /** Attribution rows of a doc, newest first. */
  history(docId: string, limit?: number): Promise<DocUpdateMeta[]>;
}

export interface Store {
  users: UserStore;
  sessions: SessionStore;
  meta: MetaStore;
  audit: AuditStore;
  devices: DeviceStore;
  directory: DirectoryStore;
  docLog: DocLogStore;
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

/** `setTeam` with a `basedOn` that is not the team's version: nothing was changed. */
export class TeamChangedError extends Error {
  readonly code = 'team_changed';
  constructor(
    readonly basedOn: number,
    /** The participant as it is now (its team and `teamVersion`). */
    readonly current: ParticipantRecord
  ) {
    super(`The team was changed after version ${basedOn}; it is now at version ${current.teamVersion}.`);
    this.name = 'TeamChangedError';
  }
}
