/**
 * The participant directory as the UI sees it: who the participants are (the server's list,
 * cached encrypted on the device so that it works in a prison meeting room), plus the
 * participants registered on this device that the server has not accepted yet.
 *
 * Registering works offline. The registration goes to the encrypted outbox under an id made on
 * the device (UUIDv7, also the case document's id), the participant shows in the list at once
 * (marked waiting to be sent), and the outbox is sent when the device is online; the server
 * accepts a resent registration idempotently. A team chosen while registering is kept in the
 * same encrypted entry (so a reload or a restart does not forget it) and set once the server
 * has accepted the registration; the entry, marked `registered`, stays until then. A refusal
 * (the id in use, no right to register, a name it does not accept; or a team it does not
 * accept) stays with the entry as a `problem` the user can act on: send again, or discard.
 *
 * A team is sent as based on the team version it was chosen on (`basedOn`: the team as
 * registered). If someone (a coordinator) changed the team meanwhile, the server refuses it with
 * 409 `team_changed` and changes nothing; the refusal is kept like any other, the list is fetched
 * again so that the current team can be shown, and the user either applies their own team over
 * it (`retry` with the version they saw) or discards it. A team the server turns out to have
 * already (a lost answer) leaves the outbox by itself.
 *
 * The staff list (`GET /api/staff`: colleagues' names and roles) is kept the same way, in one
 * encrypted row, so that a team shows its members' names after an offline restart too.
 *
 * The device session attaches the directory when the device is unlocked and detaches it (which
 * clears every list from memory) when it locks. A wipe deletes the cache with the database.
 */
import { ApiError, type ApiClient } from '$lib/api/client';
import {
  INITIAL_TEAM_VERSION,
  TEAM_CHANGED,
  displayNameSchema,
  teamRequest,
  type ParticipantSummary,
  type TeamRequest
} from '$lib/api/schemas';
import type { StaffMember } from '$lib/api/staff';
import { uuidv7 } from '$lib/domain/ids';
import type { PlainMessageKey } from '$lib/i18n';
import type { Outbox, SealedTable } from '$lib/persistence/sealed-table';
import { META_ROW, type DirectoryRecord, type OutboxFailure, type OutboxRecord } from './device-records.ts';
import {
  acceptedSummary,
  hasTeamToSend,
  mergeDirectory,
  staleIds,
  type DirectoryParticipant,
  type OutboxItem
} from './directory-merge.ts';

export type { DirectoryParticipant } from './directory-merge.ts';

/** What the directory needs from the device: its encrypted tables and the API. */
export interface DirectoryContext {
  table: Pick<SealedTable<DirectoryRecord>, 'put' | 'delete' | 'list'>;
  outbox: Pick<Outbox<OutboxRecord>, 'put' | 'delete' | 'list'>;
  api: ApiClient;
  /** Whether the device believes it has a network (sending is skipped while it has none). */
  online: () => boolean;
  now?: () => number;
  /** Called after every change of `participants` (e.g. to pull newly listed documents). */
  onChange?: (participants: readonly DirectoryParticipant[]) => void;
}

export type DirectoryErrorCode = 'locked' | 'invalid_name' | 'invalid_team';

/** A directory call that cannot run: the device is locked, or the input is not valid. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(
    readonly code: DirectoryErrorCode,
    message: string
  ) {
    super(message);
  }
}

/** The UI text for a refused registration (or its team), by the server's error code. */
export function directoryProblemKey(problem: OutboxFailure): PlainMessageKey {
  if (problem.step === 'team') {
    return problem.code === TEAM_CHANGED ? 'directory.problem.teamChanged' : 'directory.problem.team';
  }
  if (problem.status === 409) return 'directory.problem.idInUse';
  if (problem.status === 403) return 'directory.problem.forbidden';
  if (problem.status === 422 || problem.status === 400) return 'directory.problem.invalid';
  return 'directory.problem.unknown';
}

/** Statuses after which a send is retried later by itself (not the user's to fix). */
function isTransient(error: ApiError): boolean {
  return error.isNetworkError || error.status === 401 || error.status === 429 || error.status >= 500;
}

export class DirectoryState {
  /** Every participant the user may open, plus those waiting to be sent; sorted by name. */
  participants = $state.raw<DirectoryParticipant[]>([]);
  /** The cache (or the server's list) has been read since the device was unlocked. */
  loaded = $state(false);
  refreshing = $state(false);
  /** Unix ms of the last list received from the server (from the cache when offline). */
  refreshedAt = $state<number | null>(null);
  /** Registrations waiting to be sent (including refused ones). */
  outboxCount = $state(0);
  /** The staff list the server last gave (from the cache until a refresh reaches the server). */
  staff = $state.raw<StaffMember[]>([]);

  #context: DirectoryContext | null = null;
  #server: ParticipantSummary[] = [];
  #outbox: OutboxItem[] = [];
  #sending: Promise<void> | null = null;
  /** Bumped on every attach/detach so that late answers of a previous session are dropped. */
  #generation = 0;

  /** Reads the encrypted cache and the outbox (the device was unlocked). */
  async attach(context: DirectoryContext): Promise<void> {
    this.detach();
    const generation = this.#generation;
    this.#context = context;
    const rows = await context.table.list();
    const outbox = await context.outbox.list();
    if (generation !== this.#generation) return;
    this.#server = rows.entries.flatMap((row) =>
      row.value.kind === 'participant' ? [row.value.participant] : []
    );
    this.refreshedAt = rows.entries.reduce<number | null>(
      (latest, row) => (row.value.kind === 'participant' ? Math.max(latest ?? 0, row.updatedAt) : latest),
      null
    );
    this.#outbox = outbox.entries.map((row) => ({ rowId: row.id, entry: row.value }));
    this.staff = rows.entries.flatMap((row) => (row.value.kind === 'staff' ? row.value.staff : []));
    this.#publish();
    this.loaded = true;
  }

  /** Forgets everything in memory (the device was locked); the encrypted cache stays. */
  detach(): void {
    this.#generation++;
    this.#context = null;
    this.#server = [];
    this.#outbox = [];
    this.#sending = null;
    this.participants = [];
    this.loaded = false;
    this.refreshing = false;
    this.refreshedAt = null;
    this.outboxCount = 0;
    this.staff = [];
  }

  /** The participant with this id (or case document id), if listed. */
  byId(id: string): DirectoryParticipant | undefined {
    return this.participants.find((p) => p.id === id || p.docId === id);
  }

  /** The display name for a case document id, or null if the directory does not know it. */
  nameOf(docId: string): string | null {
    return this.byId(docId)?.displayName ?? null;
  }

  /**
   * Sends waiting registrations, then asks the server for the participant list and the staff
   * list and caches both encrypted. Offline it does nothing. Throws ApiError for other failures
   * (the cached lists stay; a participant list that did arrive is kept even if the staff list
   * failed).
   */
  async refresh(): Promise<void> {
    const context = this.#require();
    if (!context.online()) return;
    const generation = this.#generation;
    this.refreshing = true;
    try {
      await this.flush();
      const [list, staff] = await Promise.all([
        context.api.get<ParticipantSummary[]>('/api/participants'),
        // Settled, so that a refused staff list does not lose the participant list.
        context.api.get<StaffMember[]>('/api/staff').then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error })
        )
      ]);
      if (generation !== this.#generation) return;
      await this.#store(context, list);
      if (generation !== this.#generation) return;
      this.#server = list;
      this.refreshedAt = (context.now ?? Date.now)();
      // Registrations the server now lists are done, whoever sent them.
      this.#publish();
      if (!staff.ok) throw staff.error;
      // Shown at once, even if keeping it on the device fails (that error is thrown).
      this.staff = staff.value;
      await context.table.put(META_ROW.staff, { kind: 'staff', staff: staff.value });
    } finally {
      if (generation === this.#generation) this.refreshing = false;
    }
  }

  /**
   * Registers a participant. Works offline: the registration is stored encrypted in the outbox
   * and the participant is listed at once (waiting to be sent); sending starts when online.
   * `team`, when given, is kept in the same entry and set once the server has accepted the
   * registration. Resolves with the ids once the outbox entry is committed on the device.
   * Throws DirectoryError (`invalid_name`, `invalid_team`, `locked`) or the device store's
   * errors (e.g. quota).
   */
  async register(input: {
    id?: string;
    displayName: string;
    team?: TeamRequest | null;
  }): Promise<{ id: string; docId: string }> {
    const context = this.#require();
    const name = displayNameSchema.safeParse(input.displayName);
    if (!name.success) throw new DirectoryError('invalid_name', 'The name must be 1–80 characters.');
    const team = input.team ? teamRequest.safeParse(input.team) : null;
    if (team && !team.success)
      throw new DirectoryError('invalid_team', 'The team lists are not valid user ids.');
    // A team chosen while registering is based on the team as registered (entry.teamBasedOn
    // absent), whatever the caller passed.
    const chosen = team ? withoutBasedOn(team.data) : null;
    const now = (context.now ?? Date.now)();
    const id = input.id ?? uuidv7(now);
    const entry: OutboxRecord = {
      kind: 'register-participant',
      id,
      displayName: name.data,
      createdAt: now,
      failure: null,
      ...(chosen ? { team: chosen } : {})
    };
    // One outbox row per participant: registering the same id again replaces the waiting entry.
    await context.outbox.put(id, entry);
    this.#outbox = [...this.#outbox.filter((o) => o.rowId !== id), { rowId: id, entry }];
    this.#publish();
    if (context.online()) void this.flush().catch(() => undefined);
    return { id, docId: id };
  }

  /**
   * Sends the waiting registrations in order, one at a time. Stops at the first network or
   * session failure (they are retried on the next call); a refusal is kept with its entry.
   * Concurrent calls share one run.
   */
  flush(): Promise<void> {
    this.#sending ??= this.#send().finally(() => {
      this.#sending = null;
    });
    return this.#sending;
  }

  /**
   * Clears a refusal and sends the entry again. For a team refused because someone changed it
   * meanwhile (`team_changed`), this applies the user's team over theirs: it is sent based on
   * `options.basedOn`, the team version the user saw (default: the version listed now), so that
   * a team changed yet again since is refused again rather than overwritten unseen.
   */
  async retry(id: string, options: { basedOn?: number } = {}): Promise<void> {
    const context = this.#require();
    const item = this.#outbox.find((o) => o.rowId === id);
    if (!item) return;
    const rebase =
      item.entry.failure?.code === TEAM_CHANGED
        ? (options.basedOn ?? this.#server.find((p) => p.id === item.entry.id)?.teamVersion)
        : undefined;
    const entry: OutboxRecord = {
      ...item.entry,
      failure: null,
      ...(rebase !== undefined ? { teamBasedOn: rebase } : {})
    };
    await context.outbox.put(item.rowId, entry);
    this.#outbox = this.#outbox.map((o) => (o.rowId === id ? { rowId: id, entry } : o));
    this.#publish();
    await this.flush();
  }

  /**
   * Drops an outbox entry (the user gave up on it): a waiting registration, or the team of one
   * the server accepted (the participant stays registered, with the team the server has).
   */
  async discard(id: string): Promise<void> {
    const context = this.#require();
    await context.outbox.delete(id);
    this.#outbox = this.#outbox.filter((o) => o.rowId !== id);
    this.#publish();
  }

  async #send(): Promise<void> {
    const context = this.#context;
    if (!context || !context.online()) return;
    const generation = this.#generation;
    let sent = false;
    for (const { rowId, entry } of [...this.#outbox].sort((a, b) => (a.rowId < b.rowId ? -1 : 1))) {
      if (entry.failure || generation !== this.#generation) continue;
      const outcome = await this.#deliver(context, rowId, entry, generation);
      sent ||= outcome.reached;
      if (outcome.stop) break;
    }
    if (sent && generation === this.#generation) {
      // Fetch the accepted participants' server record (team, dates) for the cache, and the
      // current team of one refused as changed meanwhile (to show it, and to base a resend on).
      const list = await context.api.get<ParticipantSummary[]>('/api/participants').catch(() => null);
      if (list && generation === this.#generation) {
        await this.#store(context, list);
        this.#server = list;
        this.#publish();
      }
    }
  }

  /**
   * Sends one entry: the registration (unless the server already accepted it), then its team.
   * `reached`: the server accepted something, or refused the team as changed meanwhile (either
   * way the list must be fetched again); `stop`: a network or session failure, or the device was
   * locked (send the rest later). A refusal is kept with the entry.
   */
  async #deliver(
    context: DirectoryContext,
    rowId: string,
    entry: OutboxRecord,
    generation: number
  ): Promise<{ reached: boolean; stop: boolean }> {
    let current = entry;
    let reached = false;
    if (!current.registered) {
      const failed = await this.#attempt(context, rowId, current, undefined, () =>
        context.api.post('/api/participants', { id: current.id, displayName: current.displayName })
      );
      if (failed !== null) return { reached, stop: failed === 'stop' };
      reached = true;
      if (generation !== this.#generation) return { reached, stop: true };
      // Listed at once as the server's, until the next refresh brings the team and dates.
      this.#server = [...this.#server.filter((p) => p.id !== current.id), acceptedSummary(current)];
      if (hasTeamToSend(current)) {
        // Kept on the device: a reload before the team is set must not forget it.
        current = { ...current, registered: true };
        await context.outbox.put(rowId, current);
        if (generation !== this.#generation) return { reached, stop: true };
        this.#replace(rowId, current);
      }
    }
    const team = current.team;
    if (team) {
      const body: TeamRequest = {
        ...withoutBasedOn(team),
        basedOn: current.teamBasedOn ?? INITIAL_TEAM_VERSION
      };
      const failed = await this.#attempt(context, rowId, current, 'team', () =>
        context.api.request('PUT', `/api/participants/${encodeURIComponent(current.id)}/team`, body)
      );
      if (failed === 'stop') return { reached, stop: true };
      if (failed !== null) return { reached: reached || failed.code === TEAM_CHANGED, stop: false };
      reached = true;
    }
    await context.outbox.delete(rowId);
    if (generation !== this.#generation) return { reached, stop: true };
    this.#outbox = this.#outbox.filter((o) => o.rowId !== rowId);
    this.#publish();
    return { reached, stop: false };
  }

  /**
   * Makes one request of an entry. Null when it succeeded; `stop` for a failure to retry later;
   * the refusal when the server said no: it is kept with the entry (`step` says which request it
   * was).
   */
  async #attempt(
    context: DirectoryContext,
    rowId: string,
    entry: OutboxRecord,
    step: 'team' | undefined,
    request: () => Promise<unknown>
  ): Promise<OutboxFailure | 'stop' | null> {
    const generation = this.#generation;
    try {
      await request();
      return null;
    } catch (error) {
      if (!(error instanceof ApiError) || isTransient(error)) return 'stop';
      const failure: OutboxFailure = {
        status: error.status,
        code: error.code,
        message: error.message,
        at: (context.now ?? Date.now)(),
        ...(step ? { step } : {})
      };
      const failed = { ...entry, failure };
      await context.outbox.put(rowId, failed);
      if (generation !== this.#generation) return 'stop';
      this.#replace(rowId, failed);
      return failure;
    }
  }

  /** Replaces an outbox entry in memory and publishes the list. */
  #replace(rowId: string, entry: OutboxRecord): void {
    this.#outbox = this.#outbox.map((o) => (o.rowId === rowId ? { rowId, entry } : o));
    this.#publish();
  }

  async #store(context: DirectoryContext, list: ParticipantSummary[]): Promise<void> {
    const existing = await context.table.list();
    const cached = existing.entries.filter((row) => row.value.kind === 'participant').map((row) => row.id);
    for (const id of staleIds(cached, list)) await context.table.delete(id);
    for (const participant of list) {
      await context.table.put(participant.id, { kind: 'participant', participant });
    }
  }

  #require(): DirectoryContext {
    if (!this.#context) {
      throw new DirectoryError('locked', 'The device is locked: unlock it to use the directory.');
    }
    return this.#context;
  }

  #publish(): void {
    const { participants, done, waiting } = mergeDirectory(this.#server, this.#outbox);
    // The server lists a participant whose registration is still in the outbox (sent by an
    // earlier session whose answer was lost): the entry is done.
    if (done.length > 0 && this.#context) {
      const context = this.#context;
      this.#outbox = waiting;
      for (const o of done) void context.outbox.delete(o.rowId).catch(() => undefined);
    }
    this.outboxCount = this.#outbox.length;
    this.participants = participants;
    this.#context?.onChange?.(participants);
  }
}

/** The team lists of a team request, without the version it was based on. */
function withoutBasedOn(team: TeamRequest): TeamRequest {
  const { basedOn: _basedOn, ...lists } = team;
  return lists;
}

/** The app's directory, attached by the device session while the device is unlocked. */
export const directory = new DirectoryState();
