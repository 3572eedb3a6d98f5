/**
 * The participant directory and the staff list as the case pages see them. Both come from the
 * device's directory (cached encrypted, so the register and colleagues' names work offline;
 * registrations wait in the outbox). Team changes are online calls, sent as based on the team
 * version the user's edit started from (`basedOn`, see TeamEdit): if someone changed the team
 * since, the server refuses the change (409 `team_changed`) instead of replacing their team
 * unseen. A team chosen while registering goes into the outbox with the registration
 * (encrypted, so a reload or a restart keeps it) and is set once the server has accepted the
 * registration.
 */
import { createContext } from 'svelte';
import { ApiError, NETWORK_ERROR_STATUS } from '$lib/api/client';
import { TEAM_CHANGED, type ParticipantSummary, type TeamRequest } from '$lib/api/schemas';
import type { StaffMember } from '$lib/api/staff';
import type { DirectoryParticipant } from '$lib/app/directory.svelte';
import { registrationState, type RegistrationState } from '$lib/app/directory-merge';
import { caseApi, deviceDirectory, type CaseApi, type DeviceDirectory } from './registry-access.ts';

/** Where the list stands. */
export type DirectorySource = 'none' | 'server' | 'memory';

/**
 * A directory row with a team (a registration waiting to be sent has just its registrant), and
 * where its registration stands on this device.
 */
export type CaseParticipant = ParticipantSummary & { pending: boolean; registration: RegistrationState };

export class CaseDirectory {
  /** The last refresh of the staff list or the directory failed for another reason than the network. */
  error = $state<unknown>(null);
  #userId: string | null = null;
  #refreshing: Promise<void> | null = null;
  /** The last refresh reached the server (the list is the server's word, not a cache). */
  #fresh = $state(false);
  /** Teams this page set, until the directory lists a version as new (the server's answer). */
  #teamOverrides = $state.raw<Record<string, Pick<ParticipantSummary, 'team' | 'teamVersion'>>>({});

  constructor(
    private readonly api: CaseApi = caseApi(),
    private readonly dir: () => DeviceDirectory = deviceDirectory
  ) {}

  /** Forgets the session lists when the user changes. */
  forUser(userId: string): this {
    if (this.#userId !== userId) {
      this.#userId = userId;
      this.error = null;
      this.#fresh = false;
      this.#teamOverrides = {};
    }
    return this;
  }

  /** The participants the user may see, each with a team. */
  get participants(): CaseParticipant[] {
    // The server's rows carry the projected register fields (status, work packages, release
    // date, next action); the device's merge passes them through as they came.
    return this.dir().participants.map((row) => {
      const p = row as DirectoryParticipant & Partial<Omit<ParticipantSummary, 'team'>>;
      const override = this.#teamOverrides[p.id];
      // The newer of the team this page set and the one the directory lists.
      const set =
        override && !(p.team && (p.teamVersion ?? 0) > (override.teamVersion ?? 0)) ? override : null;
      const teamVersion = set ? set.teamVersion : p.teamVersion;
      return {
        status: p.status ?? null,
        workPackages: p.workPackages ?? [],
        releaseDate: p.releaseDate ?? null,
        nextActionDate: p.nextActionDate ?? null,
        nextActionKind: p.nextActionKind ?? null,
        id: p.id,
        docId: p.docId,
        displayName: p.displayName,
        alias: p.alias,
        team: set?.team ??
          p.team ?? { workers: this.#userId ? [this.#userId] : [], experts: [], readers: [] },
        ...(teamVersion !== undefined ? { teamVersion } : {}),
        createdAt: p.createdAt,
        updatedAt: p.updatedAt,
        pending: p.pending,
        registration: registrationState(p)
      };
    });
  }

  /** The staff list: the server's, or offline the one last kept on this device. */
  get staff(): readonly StaffMember[] {
    return this.dir().staff;
  }

  /**
   * `server`: the list is what the server said in this session; `memory`: the device's cached
   * list (offline); `none`: nothing known yet.
   */
  get source(): DirectorySource {
    if (this.#fresh) return 'server';
    return this.dir().loaded ? 'memory' : 'none';
  }

  get loading(): boolean {
    return this.#refreshing !== null;
  }

  participant(id: string): CaseParticipant | undefined {
    return this.participants.find((p) => p.id === id);
  }

  staffMember(id: string): StaffMember | undefined {
    return this.staff.find((s) => s.id === id);
  }

  /**
   * Asks the server for the directory and the staff list (one refresh at a time). Offline it
   * keeps the device's cached lists; never throws.
   */
  refresh(): Promise<void> {
    this.#refreshing ??= (async () => {
      try {
        await this.dir().refresh();
        this.#fresh = navigator.onLine && this.dir().refreshedAt !== null;
        this.error = null;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === NETWORK_ERROR_STATUS)) this.error = error;
        this.#fresh = false;
      } finally {
        this.#refreshing = null;
      }
    })();
    return this.#refreshing;
  }

  /**
   * Registers a participant with a device-made id. Works offline (the device's outbox sends it
   * later). `team`, when given, goes into the outbox with the registration and is set once the
   * server has accepted it: at once when online, else when the outbox is next sent.
   */
  async register(input: { id: string; displayName: string }, team: TeamRequest | null): Promise<void> {
    await this.dir().register({ ...input, team });
    if (navigator.onLine) await this.refresh();
  }

  /**
   * Replaces a participant's team. `team.basedOn`, when given, is the team version the user's
   * edit started from (see {@link TeamEdit}); without it, the version listed now. Rejects with
   * ApiError (e.g. offline: status 0; 409 `team_changed` when someone changed the team since
   * that version: nothing was changed, and a refresh shows their team).
   */
  async setTeam(participantId: string, team: TeamRequest): Promise<void> {
    const { basedOn: given, ...lists } = team;
    const basedOn = given ?? this.participant(participantId)?.teamVersion;
    const summary = await this.api.setTeam(
      participantId,
      basedOn === undefined ? lists : { ...lists, basedOn }
    );
    this.#teamOverrides = {
      ...this.#teamOverrides,
      [participantId]: { team: summary.team, teamVersion: summary.teamVersion }
    };
  }
}

/** What a {@link TeamEdit} reads from the directory: the listed participant, and a refresh. */
export type TeamListing = Pick<CaseDirectory, 'participant' | 'refresh'>;

/**
 * The directory a case page hands down to the team editor inside its case file view
 * (ProfileSection): the page sets it, so the editor can record the version its edit starts from.
 * `[get, set]`; get throws outside such a page.
 */
export const [teamListingContext, setTeamListingContext] = createContext<TeamListing>();

/**
 * One team being edited on a page. The team version listed when the edit starts (the first
 * change) is kept and sent as `basedOn` on save, so a directory refresh meanwhile cannot turn a
 * draft made on the old team into a change "based on" the new one: the server refuses it (409
 * `team_changed`) instead of replacing a colleague's team unseen. While editing, the picker shows
 * {@link shown} (the draft, not the refreshed list). After a refusal the draft is kept beside the
 * current team until the user applies it again knowingly ({@link applyMine}, based on the version
 * now shown) or drops it ({@link discard}).
 */
export class TeamEdit {
  /** The user's team, from the first change until saved or discarded. */
  draft = $state.raw<TeamRequest | null>(null);
  /** The team version listed when the edit started: sent as `basedOn`. */
  basedOn = $state<number | undefined>(undefined);
  /** The server refused the draft as the team changed meanwhile; the listing shows theirs. */
  conflict = $state(false);
  busy = $state(false);
  /** The last save went through (cleared by the next change). */
  saved = $state(false);
  /** The last save failed for another reason than a changed team. */
  error = $state<unknown>(null);
  /** The team as listed when the edit started: a change to it shows even without versions. */
  #startTeam: TeamRequest | null = null;

  /**
   * @param save sends the team (with `basedOn`), e.g. `(t) => directory.setTeam(id, t)`; rejects
   *   with ApiError as {@link CaseDirectory.setTeam} does.
   */
  constructor(
    private readonly listing: TeamListing,
    readonly participantId: string,
    private readonly save: (team: TeamRequest) => Promise<void>
  ) {}

  /** The participant as the directory lists it now. */
  get listed(): CaseParticipant | undefined {
    return this.listing.participant(this.participantId);
  }

  /** What the picker shows: the draft while editing, else the listed team. */
  get shown(): TeamRequest | undefined {
    return this.draft ?? this.listed?.team;
  }

  /** While editing, the listed team changed (a colleague's save): saving may be refused. */
  get changedMeanwhile(): boolean {
    const listed = this.listed;
    if (this.draft === null || this.conflict || !listed) return false;
    if (this.basedOn !== undefined && listed.teamVersion !== undefined) {
      return listed.teamVersion !== this.basedOn;
    }
    return this.#startTeam !== null && !sameTeam(this.#startTeam, listed.team);
  }

  /** The user changed the team in the picker: the first change starts the edit. */
  change(team: TeamRequest): void {
    if (this.draft === null) {
      const listed = this.listed;
      this.basedOn = listed?.teamVersion;
      this.#startTeam = listed ? listed.team : null;
    }
    this.draft = team;
    this.saved = false;
    this.error = null;
  }

  /**
   * Sends the draft based on the version the edit started from. Refused as changed meanwhile:
   * refreshes the listing (to show the current team) and keeps the draft ({@link conflict}).
   * Never throws.
   */
  async submit(): Promise<void> {
    const draft = this.draft;
    if (!draft || this.busy) return;
    this.busy = true;
    this.error = null;
    this.saved = false;
    const { basedOn: _ignored, ...lists } = draft;
    try {
      await this.save(this.basedOn === undefined ? lists : { ...lists, basedOn: this.basedOn });
      if (this.draft === draft) {
        this.#end();
        this.saved = true;
      } else {
        // Changed again while it was sent: that change is made on the team just saved.
        this.basedOn = this.listed?.teamVersion;
        this.#startTeam = this.listed?.team ?? null;
        this.conflict = false;
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === TEAM_CHANGED) {
        await this.listing.refresh();
        this.conflict = true;
      } else {
        this.error = error;
      }
    } finally {
      this.busy = false;
    }
  }

  /** After a refusal: sends the draft again, based on the version listed (and shown) now. */
  async applyMine(): Promise<void> {
    const listed = this.listed;
    this.basedOn = listed?.teamVersion;
    this.#startTeam = listed ? listed.team : null;
    await this.submit();
  }

  /** Drops the draft: the picker shows the listed team again. */
  discard(): void {
    this.#end();
    this.error = null;
  }

  #end(): void {
    this.draft = null;
    this.basedOn = undefined;
    this.#startTeam = null;
    this.conflict = false;
  }
}

function sameTeam(a: TeamRequest, b: TeamRequest): boolean {
  const same = (x: readonly string[] = [], y: readonly string[] = []) =>
    x.length === y.length && [...x].sort().join('\n') === [...y].sort().join('\n');
  return same(a.workers, b.workers) && same(a.experts, b.experts) && same(a.readers, b.readers);
}

/** The app's one directory view. */
export const caseDirectory = new CaseDirectory();
