/**
 * The shapes the app keeps in the device database's encrypted side tables. Every value is
 * encrypted with the data key; only the row id and its write time are in clear.
 *
 * - `directory`: the participant directory cache (row id = participant id) and a few rows of
 *   device state under `meta:` ids (the signed-in user, the staff list, the unsynced documents,
 *   the last full background sync).
 * - `outbox`: directory changes made offline, waiting to be sent (row id = UUIDv7 of the entry).
 */
import type { Me, ParticipantSummary, TeamRequest } from '$lib/api/schemas';
import type { StaffMember } from '$lib/api/staff';

/** Row ids of the device-state rows in the directory table (participant ids are UUIDs). */
export const META_ROW = {
  me: 'meta:me',
  staff: 'meta:staff',
  unsynced: 'meta:unsynced',
  readiness: 'meta:readiness'
} as const;

/** The last full background sync: when, and which documents it covered. */
export interface ReadinessRecord {
  /** Unix ms when every document the user may open was synced and stored. */
  syncedAt: number;
  docIds: string[];
}

export type DirectoryRecord =
  | { kind: 'participant'; participant: ParticipantSummary }
  | { kind: 'me'; me: Me }
  /** The staff list last fetched (`GET /api/staff`), so colleagues have names offline. */
  | { kind: 'staff'; staff: StaffMember[] }
  | { kind: 'unsynced'; docIds: string[] }
  | ({ kind: 'readiness' } & ReadinessRecord);

/** Why the server refused an outbox entry; kept with the entry until the user acts on it. */
export interface OutboxFailure {
  status: number;
  code: string;
  /** The server's message (for logs and support; the UI shows its own text for `code`). */
  message: string;
  /** Unix ms of the refusal. */
  at: number;
  /** What was refused: the registration (absent), or the team sent after it was accepted. */
  step?: 'team';
}

/** A participant registered on this device, waiting to be sent (idempotent by its id). */
export interface RegisterParticipantEntry {
  kind: 'register-participant';
  /** The participant id, a UUIDv7 made on the device (also the case document's id). */
  id: string;
  displayName: string;
  /** Unix ms of the registration on the device. */
  createdAt: number;
  failure: OutboxFailure | null;
  /**
   * The team chosen while registering, set (`PUT /api/participants/:id/team`) once the server
   * has accepted the registration. Absent or null: the server's default, the registrant alone
   * (entries kept before teams were stored have none).
   */
  team?: TeamRequest | null;
  /**
   * The team version `team` was chosen on, sent as `basedOn` so that the server refuses the team
   * (409 `team_changed`) if someone changed it meanwhile. Absent: the team as registered
   * (INITIAL_TEAM_VERSION). Set to the version the user saw when they chose to apply their team
   * over the one someone else set.
   */
  teamBasedOn?: number;
  /** The server has accepted the registration; the entry stays until its team is set too. */
  registered?: boolean;
}

export type OutboxRecord = RegisterParticipantEntry;
