/** The SQLite implementation of {@link DirectoryStore}: participants, case docs, teams. */
import type {
  DirectoryStore,
  DocKind,
  DocRecord,
  NewParticipant,
  ParticipantProjection,
  ParticipantRecord,
  Team,
  TeamRole,
  UnprojectedCase
} from '../types.ts';
import { ConflictError, TeamChangedError } from '../types.ts';
import {
  CASE_STATUSES,
  WORK_PACKAGES,
  type CaseStatus,
  type WorkPackage
} from '../../../src/lib/domain/case-file/vocabulary.ts';
import type { NextActionKind } from '../../../src/lib/domain/case-file/reminders.ts';
import type { Db } from './database.ts';
import { prepared } from './prepared.ts';

interface ParticipantRow {
  id: string;
  display_name: string;
  alias: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  // Projected register fields (migration 4).
  status: CaseStatus | null;
  work_packages: string;
  release_date: string | null;
  next_action_date: string | null;
  next_action_kind: NextActionKind | null;
  // Migration 8.
  team_version: number;
}

interface MemberRow {
  participant_id: string;
  user_id: string;
  role: TeamRole;
}

const TEAM_LIST: Record<TeamRole, keyof Team> = { worker: 'workers', expert: 'experts', reader: 'readers' };

export class SqliteDirectory implements DirectoryStore {
  constructor(private readonly db: Db) {}

  async createParticipant(p: NewParticipant): Promise<{ participant: ParticipantRecord; created: boolean }> {
    const created = this.db
      .transaction(() => {
        const doc = prepared(this.db, 'SELECT kind, participant_id FROM docs WHERE doc_id = ?').get(p.id) as
          { kind: DocKind; participant_id: string | null } | undefined;
        if (doc) {
          const existing = prepared(this.db, 'SELECT created_by FROM participants WHERE id = ?').get(p.id) as
            { created_by: string } | undefined;
          if (doc.kind !== 'case' || !existing || existing.created_by !== p.createdBy) {
            throw new ConflictError('This id is already in use. Make a new id and try again.');
          }
          return false;
        }
        prepared(
          this.db,
          `INSERT INTO participants (id, display_name, alias, created_by, created_at, updated_at)
             VALUES (?, ?, NULL, ?, ?, ?)`
        ).run(p.id, p.displayName, p.createdBy, p.at, p.at);
        prepared(
          this.db,
          `INSERT INTO docs (doc_id, kind, participant_id, created_at) VALUES (?, 'case', ?, ?)`
        ).run(p.id, p.id, p.at);
        prepared(
          this.db,
          `INSERT INTO team_members (participant_id, user_id, role) VALUES (?, ?, 'worker')`
        ).run(p.id, p.createdBy);
        return true;
      })
      .immediate();
    return { participant: (await this.participant(p.id))!, created };
  }

  async participant(id: string): Promise<ParticipantRecord | null> {
    const row = prepared(this.db, 'SELECT * FROM participants WHERE id = ?').get(id) as
      ParticipantRow | undefined;
    if (!row) return null;
    const members = prepared(
      this.db,
      'SELECT participant_id, user_id, role FROM team_members WHERE participant_id = ?'
    ).all(id) as MemberRow[];
    return toParticipant(row, members);
  }

  async listParticipants(filter: { memberId?: string } = {}): Promise<ParticipantRecord[]> {
    const rows = (
      filter.memberId === undefined
        ? prepared(this.db, 'SELECT * FROM participants ORDER BY created_at, id').all()
        : prepared(
            this.db,
            `SELECT p.* FROM participants p JOIN team_members t ON t.participant_id = p.id
               WHERE t.user_id = ? ORDER BY p.created_at, p.id`
          ).all(filter.memberId)
    ) as ParticipantRow[];
    if (rows.length === 0) return [];
    // One query for all teams instead of one per participant.
    const ids = rows.map((r) => r.id);
    const byParticipant = new Map<string, MemberRow[]>();
    const select = prepared(
      this.db,
      `SELECT participant_id, user_id, role FROM team_members
       WHERE participant_id IN (SELECT value FROM json_each(?))`
    );
    for (const m of select.all(JSON.stringify(ids)) as MemberRow[]) {
      const list = byParticipant.get(m.participant_id) ?? [];
      list.push(m);
      byParticipant.set(m.participant_id, list);
    }
    return rows.map((r) => toParticipant(r, byParticipant.get(r.id) ?? []));
  }

  async setTeam(id: string, team: Team, at: number, basedOn?: number): Promise<ParticipantRecord | null> {
    // Immediate: the version check and the write happen under one write lock, so two changes
    // based on the same version cannot both pass.
    const outcome = this.db
      .transaction((): 'changed' | 'missing' | 'stale' => {
        const row = prepared(this.db, 'SELECT team_version FROM participants WHERE id = ?').get(id) as
          { team_version: number } | undefined;
        if (!row) return 'missing';
        if (basedOn !== undefined && basedOn !== row.team_version) return 'stale';
        prepared(this.db, 'DELETE FROM team_members WHERE participant_id = ?').run(id);
        const insert = prepared(
          this.db,
          'INSERT INTO team_members (participant_id, user_id, role) VALUES (?, ?, ?)'
        );
        for (const [role, list] of Object.entries(TEAM_LIST) as [TeamRole, keyof Team][]) {
          for (const userId of team[list]) insert.run(id, userId, role);
        }
        prepared(
          this.db,
          'UPDATE participants SET updated_at = ?, team_version = team_version + 1 WHERE id = ?'
        ).run(at, id);
        return 'changed';
      })
      .immediate();
    if (outcome === 'missing') return null;
    const current = await this.participant(id);
    if (!current) return null;
    if (outcome === 'stale') throw new TeamChangedError(basedOn!, current);
    return current;
  }

  async teamRole(participantId: string, userId: string): Promise<TeamRole | null> {
    const row = prepared(
      this.db,
      'SELECT role FROM team_members WHERE participant_id = ? AND user_id = ?'
    ).get(participantId, userId) as { role: TeamRole } | undefined;
    return row?.role ?? null;
  }

  async doc(docId: string): Promise<DocRecord | null> {
    const row = prepared(this.db, 'SELECT * FROM docs WHERE doc_id = ?').get(docId) as
      { doc_id: string; kind: DocKind; participant_id: string | null; created_at: number } | undefined;
    return row
      ? { docId: row.doc_id, kind: row.kind, participantId: row.participant_id, createdAt: row.created_at }
      : null;
  }

  async updateParticipantDisplay(
    id: string,
    fields: { displayName?: string; alias?: string | null },
    at: number
  ): Promise<boolean> {
    const sets: string[] = [];
    const args: Record<string, unknown> = { id, at };
    if (fields.displayName !== undefined) {
      sets.push('display_name = @displayName');
      args.displayName = fields.displayName;
    }
    if (fields.alias !== undefined) {
      sets.push('alias = @alias');
      args.alias = fields.alias;
    }
    if (sets.length === 0) return false;
    // Only a real change touches the row (and updated_at).
    const changed = sets.map((s) => s.replace(' = ', ' IS NOT ')).join(' OR ');
    return (
      prepared(
        this.db,
        `UPDATE participants SET ${sets.join(', ')}, updated_at = @at WHERE id = @id AND (${changed})`
      ).run(args).changes > 0
    );
  }

  async updateParticipantProjection(id: string, p: ParticipantProjection, at: number): Promise<boolean> {
    const args = {
      id,
      at,
      status: p.status,
      workPackages: encodeWorkPackages(p.workPackages),
      releaseDate: p.releaseDate,
      nextActionDate: p.nextActionDate,
      nextActionKind: p.nextActionKind
    };
    // Only a real change touches the row (and updated_at): projections run after every batch.
    return (
      prepared(
        this.db,
        `UPDATE participants SET status = @status, work_packages = @workPackages,
             release_date = @releaseDate, next_action_date = @nextActionDate,
             next_action_kind = @nextActionKind, updated_at = @at
           WHERE id = @id AND (status IS NOT @status OR work_packages IS NOT @workPackages
             OR release_date IS NOT @releaseDate OR next_action_date IS NOT @nextActionDate
             OR next_action_kind IS NOT @nextActionKind)`
      ).run(args).changes > 0
    );
  }

  async unprojectedCases(after: string | null, limit: number): Promise<UnprojectedCase[]> {
    // The log's last row is the doc's last seq (compaction leaves a snapshot row at the seq it
    // compacted up to); UNIQUE (doc_id, seq) makes each MAX one index probe, not a scan.
    const rows = prepared(
      this.db,
      `SELECT participant_id, doc_id, last_seq FROM (
         SELECT p.id AS participant_id, d.doc_id AS doc_id, p.projected_seq AS projected_seq,
                (SELECT MAX(u.seq) FROM doc_updates u WHERE u.doc_id = d.doc_id) AS last_seq
           FROM participants p JOIN docs d ON d.participant_id = p.id AND d.kind = 'case'
          WHERE p.id > @after
       )
       WHERE last_seq IS NOT NULL AND (projected_seq IS NULL OR projected_seq < last_seq)
       ORDER BY participant_id LIMIT @limit`
    ).all({ after: after ?? '', limit }) as { participant_id: string; doc_id: string; last_seq: number }[];
    return rows.map((r) => ({ participantId: r.participant_id, docId: r.doc_id, lastSeq: r.last_seq }));
  }

  async markProjected(participantId: string, seq: number): Promise<void> {
    prepared(
      this.db,
      `UPDATE participants SET projected_seq = @seq
         WHERE id = @id AND (projected_seq IS NULL OR projected_seq < @seq)`
    ).run({ id: participantId, seq });
  }
}

/** Work packages as stored: the codes in their canonical order, comma-separated. */
function encodeWorkPackages(list: readonly WorkPackage[]): string {
  return WORK_PACKAGES.filter((wp) => list.includes(wp)).join(',');
}

function decodeWorkPackages(text: string): WorkPackage[] {
  const codes = text.split(',');
  return WORK_PACKAGES.filter((wp) => codes.includes(wp));
}

function toProjection(row: ParticipantRow): ParticipantProjection | null {
  if (row.status === null || !CASE_STATUSES.includes(row.status)) return null;
  return {
    status: row.status,
    workPackages: decodeWorkPackages(row.work_packages),
    releaseDate: row.release_date,
    nextActionDate: row.next_action_date,
    nextActionKind: row.next_action_kind
  };
}

function toParticipant(row: ParticipantRow, members: readonly MemberRow[]): ParticipantRecord {
  const team: Team = { workers: [], experts: [], readers: [] };
  for (const m of members) team[TEAM_LIST[m.role]].push(m.user_id);
  for (const list of Object.values(team)) list.sort();
  return {
    id: row.id,
    docId: row.id,
    displayName: row.display_name,
    alias: row.alias,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    team,
    teamVersion: row.team_version,
    projection: toProjection(row)
  };
}
