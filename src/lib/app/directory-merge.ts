/**
 * The directory list as plain data: the server's participants merged with the registrations
 * waiting in the outbox. Kept apart from the rune state so that it is tested without Svelte.
 */
import type { ParticipantSummary } from '$lib/api/schemas';
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
  createdAt: string;
  updatedAt: string;
  /** Registered on this device and not yet accepted by the server. */
  pending: boolean;
  /**
   * The server refused the registration (or, `step: 'team'`, the team chosen with it, after
   * accepting the registration): the user should send it again or discard it.
   */
  problem: OutboxFailure | null;
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

/**
 * Merges the server's list with the outbox: every server participant, plus each registration
 * the server does not list yet; sorted by name (Finnish collation), then id. An entry the server
 * accepted (`registered`, or listed) is the server's participant, not a pending one; while its
 * team waits to be set, a refusal of that team shows as the participant's `problem`.
 * `done` lists the outbox rows the server already lists and that have nothing left to send (sent
 * by an earlier session); `waiting` is the rest of the outbox.
 */
export function mergeDirectory(
  server: readonly ParticipantSummary[],
  outbox: readonly OutboxItem[]
): { participants: DirectoryParticipant[]; done: OutboxItem[]; waiting: OutboxItem[] } {
  const listed = new Set(server.map((p) => p.id));
  const done = outbox.filter((o) => listed.has(o.entry.id) && !hasTeamToSend(o.entry));
  const waiting = outbox.filter((o) => !done.includes(o));
  const teamProblems = new Map(
    waiting.flatMap(({ entry }) => (listed.has(entry.id) && entry.failure ? [[entry.id, entry.failure]] : []))
  );
  const participants: DirectoryParticipant[] = [
    ...server.map((p) => ({ ...p, pending: false, problem: teamProblems.get(p.id) ?? null })),
    ...waiting
      .filter(({ entry }) => !listed.has(entry.id))
      .map(({ entry }) =>
        entry.registered
          ? { ...acceptedSummary(entry), pending: false, problem: entry.failure }
          : {
              id: entry.id,
              docId: entry.id,
              displayName: entry.displayName,
              alias: null,
              team: null,
              createdAt: isoTime(entry.createdAt),
              updatedAt: isoTime(entry.createdAt),
              pending: true,
              problem: entry.failure
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
