/**
 * Schema migrations, applied in order at start-up. The database's `user_version` records how
 * many have run. Append only: never edit a migration that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: accounts, sessions, devices, workspace metadata, audit log
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin','coordinator','worker','expert')),
    language TEXT NOT NULL DEFAULT 'fi' CHECK (language IN ('fi','en')),
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    csrf_token TEXT NOT NULL,
    device_id TEXT,
    user_agent TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX sessions_user ON sessions(user_id);

  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    user_id TEXT,
    device_id TEXT,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
  ) STRICT;
  CREATE INDEX audit_target ON audit_log(target, seq);
  CREATE INDEX audit_user ON audit_log(user_id, seq);
  `,
  // 2: the directory (participants, their teams, the docs they own) and the sync update log.
  // The log keeps the bytes (compacted into snapshot rows over time); doc_update_meta keeps the
  // attribution of every accepted update (who, which device, when, how big) and is never
  // compacted, so the audit log and a participant's access history outlive compaction.
  `
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    alias TEXT,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE docs (
    doc_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('case','group','teamlog')),
    participant_id TEXT REFERENCES participants(id),
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX docs_participant ON docs(participant_id);

  CREATE TABLE team_members (
    participant_id TEXT NOT NULL REFERENCES participants(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('worker','expert','reader')),
    PRIMARY KEY (participant_id, user_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX team_members_user ON team_members(user_id);

  CREATE TABLE doc_updates (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES docs(doc_id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('update','snapshot')),
    data BLOB NOT NULL,
    UNIQUE (doc_id, seq)
  ) STRICT;

  CREATE TABLE doc_update_meta (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    user_id TEXT,
    device_id TEXT,
    at INTEGER NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (doc_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX doc_update_meta_user ON doc_update_meta(user_id, at);
  `,
  // 3: devices. A device makes its own UUID at first login; an admin can revoke a lost one.
  `
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    last_user_id TEXT NOT NULL REFERENCES users(id),
    user_agent TEXT NOT NULL DEFAULT '',
    first_seen_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_by TEXT
  ) STRICT;
  `,
  // 4: the register fields projected from each case doc (server/sync/directory-projection.ts),
  // so that the register can be listed and filtered without opening any doc. NULL status means
  // "not projected yet" (a doc nobody has written). Work packages are a comma-separated list of
  // codes ('TP1,TP3'); dates are calendar dates 'YYYY-MM-DD'.
  `
  ALTER TABLE participants ADD COLUMN status TEXT
    CHECK (status IN ('contacted','active','ended','returned'));
  ALTER TABLE participants ADD COLUMN work_packages TEXT NOT NULL DEFAULT '';
  ALTER TABLE participants ADD COLUMN release_date TEXT;
  ALTER TABLE participants ADD COLUMN next_action_date TEXT;
  ALTER TABLE participants ADD COLUMN next_action_kind TEXT
    CHECK (next_action_kind IN ('meeting','step','release','follow-up'));
  `,
  // 5: how far into its case doc's update log the register fields were last projected by the
  // start-up backfill (server/sync/projection-backfill.ts). NULL means "never checked": a doc
  // written before migration 4, or whose projection a crash cut short. The sync rooms do not
  // write it (that would cost a commit per projection run), so a doc edited since the last start
  // is projected once more at the next start; that is cheap and always safe (projections are
  // idempotent).
  `
  ALTER TABLE participants ADD COLUMN projected_seq INTEGER;
  `,
  // 6: a snapshot row keeps its state vector, so that a room serving the snapshot as it is
  // (server/sync/doc-state.ts) need not parse 45 kB of structs to greet a client. NULL for
  // update rows and for snapshots written before this migration (the server then parses them).
  `
  ALTER TABLE doc_updates ADD COLUMN state_vector BLOB;
  `,
  // 7: an update row carries its own attribution until compaction folds it into a snapshot;
  // compaction then moves the attribution to doc_update_meta (still never compacted). One row
  // per commit instead of two: ≈ 10 kB of WAL per update instead of ≈ 21 kB, and half the
  // B-tree work on the path every edit waits for (docs/benchmarks.md, finding 1). Rows written
  // before this migration have NULL here and their attribution already in doc_update_meta.
  `
  ALTER TABLE doc_updates ADD COLUMN user_id TEXT;
  ALTER TABLE doc_updates ADD COLUMN device_id TEXT;
  ALTER TABLE doc_updates ADD COLUMN at INTEGER;
  ALTER TABLE doc_updates ADD COLUMN size INTEGER;
  `,
  // 8: a participant's team version, for optimistic concurrency on `PUT …/team` (basedOn). A
  // team as registered is version 1 (INITIAL_TEAM_VERSION in src/lib/api/schemas.ts), so that a
  // team chosen while registering offline can be sent as based on it; every team change adds
  // one. Rows that exist before this migration start at 1 as well: no client has seen a version.
  `
  ALTER TABLE participants ADD COLUMN team_version INTEGER NOT NULL DEFAULT 1;
  `
];
