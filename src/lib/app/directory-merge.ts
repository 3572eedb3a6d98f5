/**
 * The directory list as plain data: the server's participants merged with the registrations
 * waiting in the outbox. Kept apart from the rune state so that it is tested without Svelte.
 */
import { TEAM_CHANGED, type ParticipantSummary, type TeamRequest } from '$lib/api/schemas';
import type { OutboxFailure, OutboxRecord } from './device-records.ts';

/** A participant as the lists show them. */
export interface DirectoryParticipant {
  id: string;
  /** The case document's id (equal to the participant id). */
  docId: string;
  displayName: string;
  alias: string | null;
  /** The team, as the server last said; null while the registration waits to be sent. */
  team: ParticipantSummary['team'] | null;
  /** The version of `team` as the server last said (absent: not known, e.g. an old cache). */
  teamVersion?: number;
  createdAt: string;
  updatedAt: string;
  /** Registered on this device and not yet accepted by the server. */
  pending: boolean;
  /**
   * The server refused the registration (or, `step: 'team'`, the team chosen with it, after
   * accepting the registration): the user should send it again or discard it.
   */
  problem: OutboxFailure | null;
  /**
   * The team this device waits to set (chosen while registering), or whose refusal is the
   * `problem`; null or absent when none waits. With a `team_changed` problem, `team` is the one
   * someone else set meanwhile and this is the user's own change.
   */
  teamToSend?: TeamRequest | null;
}

/** An outbox row: its id and its decrypted entry. */
export interface OutboxItem {
  rowId: string;
  entry: OutboxRecord;
}

const collator = new Intl.Collator('fi');

/** ISO time of a Unix ms value. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** The summary the server would give for an accepted registration, until it gives its own. */
export function acceptedSummary(entry: OutboxRecord): ParticipantSummary {
  const at = isoTime(entry.createdAt);
  return {
    id: entry.id,
    docId: entry.id,
    displayName: entry.displayName,
    alias: null,
    team: { workers: [], experts: [], readers: [] },
    createdAt: at,
    updatedAt: at
  };
}

/** Whether an outbox entry still has a team to set: it stays after its registration is accepted. */
export function hasTeamToSend(entry: OutboxRecord): boolean {
  return entry.team != null;
}

/** Whether two teams hold the same people in the same lists (order and duplicates aside). */
export function sameTeam(
  a: Pick<TeamRequest, 'workers' | 'experts' | 'readers'>,
  b: Pick<TeamRequest, 'workers' | 'experts' | 'readers'>
): boolean {
  const same = (x: readonly string[] = [], y: readonly string[] = []) => {
    const left = new Set(x);
    const right = new Set(y);
    return left.size === right.size && [...left].every((id) => right.has(id));
  };
  return same(a.workers, b.workers) && same(a.experts, b.experts) && same(a.readers, b.readers);
}

/**
 * Whether the server already has the team an entry was refused as changed meanwhile
 * (`team_changed`): its first send was applied and only the answer was lost, or someone chose
 * the same team. Nothing is left to send.
 */
function teamAlreadySet(entry: OutboxRecord, listed: ParticipantSummary | undefined): boolean {
  return (
    listed !== undefined &&
    entry.team != null &&
    entry.failure?.code === TEAM_CHANGED &&
    sameTeam(entry.team, listed.team)
  );
}

/**
 * Merges the server's list with the outbox: every server participant, plus each registration
 * the server does not list yet; sorted by name (Finnish collation), then id. An entry the server
 * accepted (`registered`, or listed) is the server's participant, not a pending one; while its
 * team waits to be set, a refusal of that team shows as the participant's `problem`.
 * `done` lists the outbox rows the server already lists and that have nothing left to send (sent
 * by an earlier session, or a team refused as changed meanwhile that the server has anyway);
 * `waiting` is the rest of the outbox.
 */
export function mergeDirectory(
  server: readonly ParticipantSummary[],
  outbox: readonly OutboxItem[]
): { participants: DirectoryParticipant[]; done: OutboxItem[]; waiting: OutboxItem[] } {
  const byId = new Map(server.map((p) => [p.id, p]));
  const done = outbox.filter(
    (o) => byId.has(o.entry.id) && (!hasTeamToSend(o.entry) || teamAlreadySet(o.entry, byId.get(o.entry.id)))
  );
  const waiting = outbox.filter((o) => !done.includes(o));
  const teams = new Map(
    waiting.flatMap(({ entry }) => (byId.has(entry.id) ? [[entry.id, entry] as const] : []))
  );
  const participants: DirectoryParticipant[] = [
    ...server.map((p) => ({
      ...p,
      pending: false,
      problem: teams.get(p.id)?.failure ?? null,
      teamToSend: teams.get(p.id)?.team ?? null
    })),
    ...waiting
      .filter(({ entry }) => !byId.has(entry.id))
      .map(({ entry }) =>
        entry.registered
          ? {
              ...acceptedSummary(entry),
              pending: false,
              problem: entry.failure,
              teamToSend: entry.team ?? null
            }
          : {
              id: entry.id,
              docId: entry.id,
              displayName: entry.displayName,
              alias: null,
              team: null,
              createdAt: isoTime(entry.createdAt),
              updatedAt: isoTime(entry.createdAt),
              pending: true,
              problem: entry.failure,
              teamToSend: entry.team ?? null
            }
      )
  ].sort((a, b) => collator.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1));
  return { participants, done, waiting };
}

/**
 * Where a participant's registration stands on this device: `sent` (the server lists it),
 * `waiting` (in the outbox, sent when online), `refused` (in the outbox, the server said no:
 * the user must send it again or discard it).
 */
export type RegistrationState = 'sent' | 'waiting' | 'refused';

/** The registration state of a listed participant (see RegistrationState). */
export function registrationState(
  participant: Pick<DirectoryParticipant, 'pending' | 'problem'>
): RegistrationState {
  if (!participant.pending) return 'sent';
  return participant.problem ? 'refused' : 'waiting';
}

/** Ids of cached participant rows that the server no longer lists (to delete from the cache). */
export function staleIds(cached: readonly string[], server: readonly ParticipantSummary[]): string[] {
  const keep = new Set(server.map((p) => p.id));
  return cached.filter((id) => !keep.has(id));
}

/**
 * The case docs this user may open: those whose team holds them. A coordinator's directory lists
 * every participant, but the server opens case docs only to their team (others get 403), so the
 * background pull must not ask for the rest.
 */
export function openableDocIds(participants: readonly DirectoryParticipant[], userId: string): string[] {
  return participants
    .filter(
      (p) =>
        !p.pending &&
        p.team !== null &&
        (p.team.workers.includes(userId) ||
          p.team.experts.includes(userId) ||
          p.team.readers.includes(userId))
    )
    .map((p) => p.docId);
}
