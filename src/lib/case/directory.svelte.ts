/**
 * The participant directory and the staff list as the case pages see them. Both come from the
 * device's directory (cached encrypted, so the register and colleagues' names work offline;
 * registrations wait in the outbox). Team changes are online calls, sent as based on the team
 * version the page shows (`basedOn`): if someone changed the team since, the server refuses the
 * change (409 `team_changed`) instead of replacing their team unseen. A team chosen while
 * registering goes into the outbox with the registration (encrypted, so a reload or a restart
 * keeps it) and is set once the server has accepted the registration.
 */
import { ApiError, NETWORK_ERROR_STATUS } from '$lib/api/client';
import type { ParticipantSummary, TeamRequest } from '$lib/api/schemas';
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
   * Replaces a participant's team, based on the team version listed now; rejects with ApiError
   * (e.g. offline: status 0; 409 `team_changed` when someone changed the team since the list
   * was fetched: nothing was changed, and a refresh shows their team).
   */
  async setTeam(participantId: string, team: TeamRequest): Promise<void> {
    const basedOn = this.participant(participantId)?.teamVersion;
    const { basedOn: _ignored, ...lists } = team;
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

/** The app's one directory view. */
export const caseDirectory = new CaseDirectory();
